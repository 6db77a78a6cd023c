// What time alone changes in the emulated world. Applied before every request and on tick(), so
// the API always answers as of the scenario clock. AWS announces none of it except the account
// closure's CloudTrail service events: everything else is only noted in the silent changes.
import { advanceClosures } from './account-lifecycle';
import { CLOSED_HANDSHAKE_RETENTION_DAYS, close, isOpen } from './lifecycle';
import { addDays } from './time';
import type { DelegatedAdministratorChange, HandshakeRecord, ServiceEventDraft } from './types';
import type { World } from './world';

/** The events and delegated-administrator changes time produced, for the emulator to deliver and tell. */
export interface TimeEffects {
  events: ServiceEventDraft[];
  changes: DelegatedAdministratorChange[];
}

const due = (date: Date, now: Date): boolean => date.getTime() <= now.getTime();

/**
 * Applies what time changes as of `now`: open handshakes past their ExpirationTimestamp become
 * EXPIRED (with a billing transfer still waiting on one) without any event, as in AWS; an expired
 * ENABLE_ALL_FEATURES cancels its open children; closed handshakes older than the retention period
 * disappear from every API, DescribeHandshake included (the docs say they are deleted); closing
 * accounts move on; billing transfers start and end (no event: there is no "ended" status).
 *
 * @param world - the emulated world
 * @param now - the scenario clock's time
 */
export function applyTime(world: World, now: Date): TimeEffects {
  for (const handshake of world.handshakes.values()) {
    // Children of ENABLE_ALL_FEATURES live as long as their parent: its timeout cancels them.
    if (handshake.parentId || !isOpen(handshake) || !due(handshake.expiresAt, now)) continue;
    expire(world, handshake);
  }
  for (const [id, handshake] of world.handshakes) {
    if (handshake.closedAt && due(addDays(handshake.closedAt, CLOSED_HANDSHAKE_RETENTION_DAYS), now))
      world.handshakes.delete(id);
  }
  const closures = advanceClosures(world, now);
  noteTransferTimes(world, now);
  closures.events.sort((a, b) => a.at!.getTime() - b.at!.getTime());
  return closures;
}

/**
 * When {@link applyTime} has something to change, passed times included: the expiry of each open
 * handshake, the deletion of each closed one, the steps of each closing account, the start and end
 * of each billing transfer not yet noted.
 */
export function timeEffectsOf(world: World): Date[] {
  const times: Date[] = [];
  for (const handshake of world.handshakes.values()) {
    if (!handshake.parentId && isOpen(handshake)) times.push(handshake.expiresAt);
    if (handshake.closedAt) times.push(addDays(handshake.closedAt, CLOSED_HANDSHAKE_RETENTION_DAYS));
  }
  for (const account of world.members()) {
    const { closure, state } = account.member!;
    if (closure) times.push(...(state === 'PENDING_CLOSURE' ? [closure.suspendsAt] : []), closure.cleansAt);
  }
  for (const transfer of world.transfers.values()) {
    if (transfer.status !== 'ACCEPTED' && transfer.status !== 'WITHDRAWN') continue;
    if (!transfer.noted?.started) times.push(transfer.startAt);
    if (transfer.endAt && !transfer.noted?.ended) times.push(transfer.endAt);
  }
  return times;
}

function expire(world: World, handshake: HandshakeRecord): void {
  const at = handshake.expiresAt;
  close(handshake, 'EXPIRED', at);
  world.noteSilent(
    at,
    'expired',
    `handshake:${handshake.id}`,
    `${handshake.action} handshake EXPIRED at its ExpirationTimestamp`,
  );
  const transfer = handshake.transferId ? world.transfers.get(handshake.transferId) : undefined;
  if (transfer?.status === 'REQUESTED') {
    transfer.status = 'EXPIRED';
    world.noteSilent(at, 'expired', `transfer:${transfer.id}`, `Transfer EXPIRED with its invitation ${handshake.id}`);
  }
  for (const child of world.handshakes.values()) {
    if (child.parentId !== handshake.id || !isOpen(child)) continue;
    close(child, 'CANCELED', at);
    world.noteSilent(
      at,
      'expired',
      `handshake:${child.id}`,
      `${child.action} handshake CANCELED: its parent ENABLE_ALL_FEATURES ${handshake.id} timed out`,
    );
  }
}

function noteTransferTimes(world: World, now: Date): void {
  const management = world.organization.managementAccountId;
  for (const transfer of world.transfers.values()) {
    if (transfer.sourceAccountId !== management && transfer.targetAccountId !== management) continue;
    const noted = (transfer.noted ??= {});
    // A withdrawn transfer still runs until its EndTimestamp, so it starts too.
    const binding = transfer.status === 'ACCEPTED' || transfer.status === 'WITHDRAWN';
    if (binding && !noted.started && due(transfer.startAt, now)) {
      noted.started = true;
      world.noteSilent(
        transfer.startAt,
        'state-changed',
        `transfer:${transfer.id}`,
        'Transfer started (StartTimestamp passed); no event announces it',
      );
    }
    if (binding && transfer.endAt && !noted.ended && due(transfer.endAt, now)) {
      noted.ended = true;
      world.noteSilent(
        transfer.endAt,
        'state-changed',
        `transfer:${transfer.id}`,
        'Transfer ended (EndTimestamp passed); there is no ended status and no event',
      );
    }
  }
}
