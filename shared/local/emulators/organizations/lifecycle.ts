import type { OperationContext } from './context';
import { fail } from './errors';
import { addDays, addHours } from './time';
import type { HandshakeRecord, HandshakeState } from './types';
import type { World } from './world';

/**
 * How long an INVITE handshake stays open: AWS documents 15 days to answer an invitation. orgwarden
 * itself must never hard-code a lifetime: it reads each handshake's ExpirationTimestamp.
 */
export const HANDSHAKE_LIFETIME_DAYS = 15;

/**
 * How long an ENABLE_ALL_FEATURES request counts down (documented: 90 days). Its children (the
 * per-member ENABLE_ALL_FEATURES requests and the APPROVE_ALL_FEATURES one) carry the parent's
 * expiration and are CANCELED when it times out.
 */
export const ENABLE_ALL_FEATURES_LIFETIME_DAYS = 90;

/** A billing transfer must be accepted at least this long before it starts (Billing transfer docs). */
export const TRANSFER_ACCEPT_LEAD_HOURS = 24;

/** Closed handshakes (ACCEPTED, DECLINED, CANCELED, EXPIRED) leave the API this long after closing. */
export const CLOSED_HANDSHAKE_RETENTION_DAYS = 30;

/**
 * When a billing-transfer invitation expires: 24 h before the transfer starts, however far away the
 * start is. AWS's own API-reference sample of InviteOrganizationToTransferResponsibility (the
 * service model's example) shows an invitation requested 43 days before its start that expires at
 * start − 24 h, so no 15-day cap applies to it; the user guide adds only that a transfer must be
 * accepted at least 24 h before it starts. That sample is all AWS says of the instant: the emulator
 * follows it, and orgwarden reads each handshake's ExpirationTimestamp rather than assume it.
 */
export function transferInvitationExpiry(_requestedAt: Date, startAt: Date): Date {
  return addHours(startAt, -TRANSFER_ACCEPT_LEAD_HOURS);
}

const OPEN_STATES: ReadonlySet<HandshakeState> = new Set(['REQUESTED', 'OPEN']);

/** True while a handshake can still be answered. */
export function isOpen(handshake: HandshakeRecord): boolean {
  return OPEN_STATES.has(handshake.state);
}

/** Moves a handshake to a closed state and starts its retention period. */
export function close(
  handshake: HandshakeRecord,
  state: Exclude<HandshakeState, 'REQUESTED' | 'OPEN'>,
  at: Date,
): void {
  handshake.state = state;
  handshake.closedAt = at;
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
export type NewHandshake = Omit<HandshakeRecord, 'id' | 'requestedAt' | 'expiresAt' | 'state' | 'closedAt'> & {
  state?: HandshakeState;
  expiresAt?: Date;
};

/**
 * Creates and stores a handshake requested now. Invitations are OPEN from the start, as every
 * example in the Organizations docs shows (the model's REQUESTED is used for a parent waiting on
 * its children, e.g. ENABLE_ALL_FEATURES). It expires after its type's lifetime unless `expiresAt`
 * says otherwise (children of ENABLE_ALL_FEATURES, billing-transfer invitations).
 */
export function createHandshake(context: OperationContext, fields: NewHandshake): HandshakeRecord {
  const handshake: HandshakeRecord = {
    ...fields,
    id: context.ids.handshakeId(),
    state: fields.state ?? 'OPEN',
    requestedAt: context.now,
    expiresAt:
      fields.expiresAt ??
      addDays(
        context.now,
        fields.action === 'ENABLE_ALL_FEATURES' ? ENABLE_ALL_FEATURES_LIFETIME_DAYS : HANDSHAKE_LIFETIME_DAYS,
      ),
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
  if (handshake.state === target)
    throw fail.of('HandshakeAlreadyInStateException', `The handshake is already in the ${target} state.`);
  throw fail.of(
    'InvalidHandshakeTransitionException',
    `You can't perform this operation on a handshake in the ${handshake.state} state.`,
  );
}
