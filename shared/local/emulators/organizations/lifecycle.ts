import type { OperationContext } from './context';
import { fail } from './errors';
import { addDays } from './time';
import type { HandshakeRecord, HandshakeState } from './types';
import type { World } from './world';

/**
 * How long a handshake stays open. AWS documents 15 days for invitations and the emulator applies it
 * to every handshake type; it lives here only. orgwarden itself must never hard-code it: it reads
 * each handshake's ExpirationTimestamp.
 */
export const HANDSHAKE_LIFETIME_DAYS = 15;

/** Closed handshakes (ACCEPTED, DECLINED, CANCELED, EXPIRED) leave the API this long after closing. */
export const CLOSED_HANDSHAKE_RETENTION_DAYS = 30;

const OPEN_STATES: ReadonlySet<HandshakeState> = new Set(['REQUESTED', 'OPEN']);

/** True while a handshake can still be answered. */
export function isOpen(handshake: HandshakeRecord): boolean {
  return OPEN_STATES.has(handshake.state);
}

/** Moves a handshake to a closed state and starts its retention period. */
export function close(handshake: HandshakeRecord, state: Exclude<HandshakeState, 'REQUESTED' | 'OPEN'>, at: Date): void {
  handshake.state = state;
  handshake.closedAt = at;
}

/**
 * Applies what time alone changes, as of `now`: open handshakes whose ExpirationTimestamp has passed
 * become EXPIRED (and so does a billing transfer still waiting on one) without any event, as in AWS;
 * closed handshakes older than the retention period disappear from every API, DescribeHandshake
 * included (the docs say they are deleted).
 *
 * @param world - the emulated world
 * @param now - the scenario clock's time
 */
export function applyTime(world: World, now: Date): void {
  for (const handshake of world.handshakes.values()) {
    if (isOpen(handshake) && handshake.expiresAt.getTime() <= now.getTime()) {
      close(handshake, 'EXPIRED', handshake.expiresAt);
      const transfer = handshake.transferId ? world.transfers.get(handshake.transferId) : undefined;
      if (transfer?.status === 'REQUESTED') transfer.status = 'EXPIRED';
    }
  }
  for (const [id, handshake] of world.handshakes) {
    if (handshake.closedAt && addDays(handshake.closedAt, CLOSED_HANDSHAKE_RETENTION_DAYS).getTime() <= now.getTime()) {
      world.handshakes.delete(id);
    }
  }
}

/** True when `accountId` is a party that must answer the handshake. */
export function isRecipient(world: World, handshake: HandshakeRecord, accountId: string): boolean {
  const { Type, Id } = handshake.recipient;
  if (Type === 'ACCOUNT') return Id === accountId;
  if (Type === 'EMAIL') return world.accounts.get(accountId)?.email.toLowerCase() === Id.toLowerCase();
  return world.managedOrganizationId(accountId) === Id;
}

/** True when `accountId` may read the handshake: its sender's management account or a recipient. */
export function canSee(world: World, handshake: HandshakeRecord, accountId: string): boolean {
  return handshake.originAccountId === accountId || isRecipient(world, handshake, accountId);
}

/** The fields a new handshake needs beyond what every handshake gets (id, times, state). */
export type NewHandshake = Omit<HandshakeRecord, 'id' | 'requestedAt' | 'expiresAt' | 'state' | 'closedAt'> & { state?: HandshakeState };

/**
 * Creates and stores a handshake requested now. Invitations are OPEN from the start, as every
 * example in the Organizations docs shows (the model's REQUESTED is used for a parent waiting on
 * its children, e.g. ENABLE_ALL_FEATURES).
 */
export function createHandshake(context: OperationContext, fields: NewHandshake): HandshakeRecord {
  const handshake: HandshakeRecord = {
    ...fields,
    id: context.ids.handshakeId(),
    state: fields.state ?? 'OPEN',
    requestedAt: context.now,
    expiresAt: addDays(context.now, HANDSHAKE_LIFETIME_DAYS),
  };
  context.world.handshakes.set(handshake.id, handshake);
  return handshake;
}

/** The handshake, if the caller may see it; HandshakeNotFoundException otherwise (no existence leak). */
export function visibleHandshake(context: OperationContext, handshakeId: string): HandshakeRecord {
  const handshake = context.world.handshakes.get(handshakeId);
  if (!handshake || !canSee(context.world, handshake, context.caller)) throw fail.handshakeNotFound();
  return handshake;
}

/**
 * Refuses to answer a handshake that is no longer open: HandshakeAlreadyInStateException when it is
 * already in the state the call would set, InvalidHandshakeTransitionException otherwise.
 */
export function requireOpen(handshake: HandshakeRecord, target: HandshakeState): void {
  if (isOpen(handshake)) return;
  if (handshake.state === target) throw fail.of('HandshakeAlreadyInStateException', `The handshake is already in the ${target} state.`);
  throw fail.of('InvalidHandshakeTransitionException', `You can't perform this operation on a handshake in the ${handshake.state} state.`);
}
