// The billing-transfer service events (`ResponsibilityTransferAccepted`,
// `ResponsibilityTransferTerminated`). AWS documents that they arrive as `AWS Service Event via
// CloudTrail` with lowerCamel `serviceEventDetails` and epoch-millisecond timestamps, and that they
// reach every affected account of a chained transfer, each seeing its own ARN; it publishes no full
// record. The member names below are the emulator's guess, kept close to the API's own names.
import type { ServiceEventDraft, TransferRecord } from './types';
import type { World } from './world';

/** How the emulated organization relates to a transfer: its side, or none. */
type Direction = 'inbound' | 'outbound';

/** True while an accepted (or withdrawn, not yet ended) transfer binds its two organizations. */
function inForce(transfer: TransferRecord, at: Date): boolean {
  return (
    (transfer.status === 'ACCEPTED' || transfer.status === 'WITHDRAWN') &&
    (!transfer.endAt || transfer.endAt.getTime() > at.getTime())
  );
}

/**
 * The direction in which the emulated organization sees a transfer: `inbound` when it pays the
 * bill (target) or pays for a party of it through another transfer in force, `outbound` when its
 * bill is the one transferred (source) or flows to a party through another transfer; undefined when
 * the organization is not affected. One level of chaining is followed (the guide's chained
 * transfers); the direction seen through a chain is the emulator's guess.
 */
function directionOf(world: World, transfer: TransferRecord, at: Date): Direction | undefined {
  const management = world.organization.managementAccountId;
  if (transfer.targetAccountId === management) return 'inbound';
  if (transfer.sourceAccountId === management) return 'outbound';
  const parties = new Set([transfer.sourceAccountId, transfer.targetAccountId]);
  for (const other of world.transfers.values()) {
    if (other.id === transfer.id || !inForce(other, at)) continue;
    if (other.targetAccountId === management && parties.has(other.sourceAccountId)) return 'inbound';
    if (other.sourceAccountId === management && parties.has(other.targetAccountId)) return 'outbound';
  }
  return undefined;
}

/**
 * The service event the emulated organization's management account gets for a change of a
 * transfer, or undefined when the organization is not affected. The ARN is the one its own side
 * sees (`billing/inbound/` or `billing/outbound/`, in its account and organization).
 *
 * @param eventName - `ResponsibilityTransferAccepted` or `ResponsibilityTransferTerminated`
 * @param at - when the change happened
 * @param extra - further members, e.g. the accepted handshake's id
 */
export function transferEvent(
  world: World,
  transfer: TransferRecord,
  eventName: string,
  at: Date,
  extra: Record<string, unknown> = {},
): ServiceEventDraft | undefined {
  const direction = directionOf(world, transfer, at);
  if (!direction) return undefined;
  const { id: organizationId, managementAccountId } = world.organization;
  return {
    eventName,
    at,
    serviceEventDetails: {
      responsibilityTransfer: {
        arn: `arn:aws:organizations::${managementAccountId}:transfer/${organizationId}/billing/${direction}/${transfer.id}`,
        id: transfer.id,
        type: transfer.type,
        status: transfer.status,
        sourceManagementAccountId: transfer.sourceAccountId,
        targetManagementAccountId: transfer.targetAccountId,
        startTimestamp: transfer.startAt.getTime(),
        ...(transfer.endAt ? { endTimestamp: transfer.endAt.getTime() } : {}),
      },
      ...extra,
    },
  };
}
