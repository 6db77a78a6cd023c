import type { OperationContext, OperationHandler } from './context';
import { fail } from './errors';
import {
  close,
  createHandshake,
  TRANSFER_ACCEPT_LEAD_HOURS as ACCEPT_LEAD_HOURS,
  transferInvitationExpiry,
} from './lifecycle';
import { paginate } from './pagination';
import { addHours, endOfMonthUtc, fromEpochSeconds, isEndOfMonthUtc, isStartOfDayUtc } from './time';
import { transferEvent } from './transfer-events';
import type { AccountRecord, HandshakePartyWire, HandshakeRecord, TransferRecord, TransferStatus } from './types';

/**
 * Resolves a handshake target (ACCOUNT or EMAIL) to a known account, registering an outside account
 * on first reference. ORGANIZATION targets are refused with INVALID_PARTY_TYPE_TARGET.
 */
export function resolveTarget(context: OperationContext, target: HandshakePartyWire): AccountRecord {
  if (target.Type === 'ACCOUNT') {
    if (!/^\d{12}$/.test(target.Id))
      throw fail.invalidInput(
        'INVALID_PATTERN',
        'You provided a value that does not match the required pattern: Target.Id',
      );
    return context.world.ensureAccount(target.Id);
  }
  if (target.Type === 'EMAIL') {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(target.Id))
      throw fail.invalidInput(
        'INVALID_EMAIL_ADDRESS_TARGET',
        'You specified an invalid email address for the invited account owner.',
      );
    return context.world.ensureAccountByEmail(target.Id);
  }
  throw fail.invalidInput(
    'INVALID_PARTY_TYPE_TARGET',
    'You specified the wrong type of entity (account, organization, or email) as a party.',
  );
}

/**
 * The organization the caller manages, for transfer operations. A standalone outside account that a
 * scenario drives becomes the management account of an organization of its own on first use; a
 * member account of the emulated organization is refused.
 */
function managedOrganization(context: OperationContext): string {
  const { world, caller } = context;
  const standing = world.standing(caller);
  if (standing === 'member') throw fail.accessDenied('You can only call this operation from the management account.');
  if (standing === 'standalone') return world.ensureExternalOrganization(world.ensureAccount(caller));
  return world.managedOrganizationId(caller)!;
}

function validateStart(start: Date, now: Date): void {
  if (start.getUTCDate() !== 1)
    throw fail.invalidInput(
      'START_DATE_NOT_BEGINNING_OF_MONTH',
      'You provided an invalid start date. The start date must be the first day of the month.',
    );
  if (!isStartOfDayUtc(start))
    throw fail.invalidInput(
      'START_DATE_NOT_BEGINNING_OF_DAY',
      'You provided an invalid start date. The start date must be the beginning of the day (00:00:00.000).',
    );
  if (addHours(start, -ACCEPT_LEAD_HOURS).getTime() < now.getTime())
    throw fail.invalidInput('START_DATE_TOO_EARLY', 'You provided an invalid start date. The start date is too early.');
}

const inviteOrganizationToTransferResponsibility: OperationHandler = (input, context) => {
  const { Type, Target, Notes, StartTimestamp, SourceName } = input as {
    Type: 'BILLING';
    Target: HandshakePartyWire;
    Notes?: string;
    StartTimestamp: number;
    SourceName: string;
  };
  const { world, ids, caller, now } = context;
  const callerOrganization = managedOrganization(context);
  const recipient = resolveTarget(context, Target);
  if (recipient.id === caller)
    throw fail.handshakeConstraint(
      'SOURCE_AND_TARGET_CANNOT_MATCH',
      'The source and the target of a transfer cannot be the same account.',
    );
  const start = fromEpochSeconds(StartTimestamp);
  validateStart(start, now);
  for (const existing of world.transfers.values()) {
    if (existing.sourceAccountId !== recipient.id || existing.targetAccountId !== caller) continue;
    if (existing.status === 'REQUESTED')
      throw fail.of('DuplicateHandshakeException', 'A handshake with the same action and target already exists.');
    if (existing.status === 'ACCEPTED' && (!existing.endAt || existing.endAt.getTime() > now.getTime())) {
      throw fail.handshakeConstraint(
        'RESPONSIBILITY_TRANSFER_ALREADY_EXISTS',
        'You cannot perform this operation with the current transfer.',
      );
    }
  }
  // The invited party must manage an organization to hand over its bill.
  const sourceOrganization = world.managedOrganizationId(recipient.id) ?? world.ensureExternalOrganization(recipient);
  const transfer: TransferRecord = {
    id: ids.transferId(),
    type: Type,
    status: 'REQUESTED',
    sourceAccountId: recipient.id,
    sourceOrganizationId: sourceOrganization,
    targetAccountId: caller,
    targetOrganizationId: callerOrganization,
    names: { source: SourceName, target: SourceName },
    startAt: start,
    handshakeId: '',
  };
  const inviter = world.ensureAccount(caller);
  const handshake = createHandshake(context, {
    action: 'TRANSFER_RESPONSIBILITY',
    originOrganizationId: callerOrganization,
    originAccountId: caller,
    recipient: Target,
    parties: [{ Id: callerOrganization, Type: 'ORGANIZATION' }, Target],
    resources: [
      {
        Type: 'RESPONSIBILITY_TRANSFER',
        Value: transfer.id,
        Resources: [
          { Type: 'TRANSFER_TYPE', Value: Type },
          { Type: 'TRANSFER_START_TIMESTAMP', Value: start.toISOString() },
        ],
      },
      {
        Type: 'ORGANIZATION',
        Value: callerOrganization,
        Resources: [
          { Type: 'MANAGEMENT_ACCOUNT', Value: caller },
          { Type: 'MANAGEMENT_EMAIL', Value: inviter.email },
          { Type: 'MANAGEMENT_NAME', Value: inviter.name },
        ],
      },
      { Type: Target.Type, Value: Target.Id },
      ...(Notes ? [{ Type: 'NOTES', Value: Notes }] : []),
    ],
    transferId: transfer.id,
    expiresAt: transferInvitationExpiry(now, start),
  });
  transfer.handshakeId = handshake.id;
  world.transfers.set(transfer.id, transfer);
  return { Handshake: world.renderHandshake(handshake) };
};

/**
 * Accepting a TRANSFER_RESPONSIBILITY handshake: only a management account may, and only while the
 * start is at least 24 h away (the invitation expires then, so this is a second line). The affected
 * organizations get ResponsibilityTransferAccepted (see transfer-events.ts).
 */
export function acceptTransfer(context: OperationContext, handshake: HandshakeRecord): void {
  const { world, caller, now } = context;
  const transfer = world.transfers.get(handshake.transferId!)!;
  const standing = world.standing(caller);
  if (standing === 'member') throw fail.accessDenied('Only the management account can accept a billing transfer.');
  if (standing === 'standalone') world.ensureExternalOrganization(world.ensureAccount(caller));
  if (addHours(transfer.startAt, -ACCEPT_LEAD_HOURS).getTime() < now.getTime()) {
    throw fail.invalidInput(
      'START_DATE_TOO_EARLY',
      'The transfer must be accepted at least 24 hours before its start date.',
    );
  }
  close(handshake, 'ACCEPTED', now);
  transfer.status = 'ACCEPTED';
  const event = transferEvent(world, transfer, 'ResponsibilityTransferAccepted', now, { handshakeId: handshake.id });
  if (event) context.emit(event);
}

/** Mirrors a closed TRANSFER_RESPONSIBILITY handshake onto its transfer (declined, canceled). */
export function closeTransfer(context: OperationContext, handshake: HandshakeRecord, status: TransferStatus): void {
  const transfer = handshake.transferId ? context.world.transfers.get(handshake.transferId) : undefined;
  if (transfer?.status === 'REQUESTED') transfer.status = status;
}

function partyTransfer(context: OperationContext, id: string): TransferRecord {
  managedOrganization(context);
  const transfer = context.world.transfers.get(id);
  if (!transfer || (transfer.sourceAccountId !== context.caller && transfer.targetAccountId !== context.caller))
    throw fail.transferNotFound();
  return transfer;
}

const describeResponsibilityTransfer: OperationHandler = (input, context) => {
  const transfer = partyTransfer(context, (input as { Id: string }).Id);
  return { ResponsibilityTransfer: context.world.renderTransfer(transfer, context.caller) };
};

const updateResponsibilityTransfer: OperationHandler = (input, context) => {
  const { Id, Name } = input as { Id: string; Name: string };
  const transfer = partyTransfer(context, Id);
  if (transfer.targetAccountId === context.caller) transfer.names.target = Name;
  else transfer.names.source = Name;
  return { ResponsibilityTransfer: context.world.renderTransfer(transfer, context.caller) };
};

/**
 * Either party may withdraw an accepted transfer: WITHDRAWN at once, it ends (billing continues
 * until then) at 23:59:59 UTC on the last day of the month given (EndTimestamp must be in that last
 * second, and not before the default), by default the current month, or the start month of a
 * transfer not yet started. The affected
 * organizations get ResponsibilityTransferTerminated. Once EndTimestamp has passed the transfer has
 * ended: it keeps its status (there is no ended status) and no event says so.
 */
const terminateResponsibilityTransfer: OperationHandler = (input, context) => {
  const { Id, EndTimestamp } = input as { Id: string; EndTimestamp?: number };
  const transfer = partyTransfer(context, Id);
  if (transfer.status === 'WITHDRAWN')
    throw fail.of(
      'ResponsibilityTransferAlreadyInStatusException',
      'The responsibility transfer is already in the status that you specified.',
    );
  if (transfer.status !== 'ACCEPTED') {
    throw fail.of(
      'InvalidResponsibilityTransferTransitionException',
      `A transfer in the ${transfer.status} status can't be withdrawn.`,
    );
  }
  // Without an EndTimestamp, the current month's end, or the start month's for a transfer not yet
  // started (the emulator's guess: AWS documents only the current-month default).
  let end = endOfMonthUtc(new Date(Math.max(context.now.getTime(), transfer.startAt.getTime())));
  if (EndTimestamp !== undefined) {
    const requested = fromEpochSeconds(EndTimestamp);
    if (!isEndOfMonthUtc(requested))
      throw fail.invalidInput(
        'END_DATE_NOT_END_OF_MONTH',
        'You provided an invalid end date. The end date must be the end of the last day of the month (23.59.59.999).',
      );
    if (requested.getTime() < end.getTime())
      throw fail.invalidInput('END_DATE_TOO_EARLY', 'You provided an invalid end date. The end date is too early.');
    end = endOfMonthUtc(requested);
  }
  transfer.status = 'WITHDRAWN';
  transfer.endAt = end;
  const event = transferEvent(context.world, transfer, 'ResponsibilityTransferTerminated', context.now);
  if (event) context.emit(event);
  return { ResponsibilityTransfer: context.world.renderTransfer(transfer, context.caller) };
};

function listTransfers(
  context: OperationContext,
  input: Record<string, unknown>,
  operation: string,
  side: 'sourceAccountId' | 'targetAccountId',
): Record<string, unknown> {
  managedOrganization(context);
  const { Id } = input as { Id?: string };
  const transfers = [...context.world.transfers.values()].filter(
    (transfer) => transfer[side] === context.caller && (!Id || transfer.id === Id),
  );
  if (Id && transfers.length === 0) throw fail.transferNotFound();
  const { page, NextToken } = paginate(transfers, input, operation);
  return {
    ResponsibilityTransfers: page.map((transfer) => context.world.renderTransfer(transfer, context.caller)),
    ...(NextToken ? { NextToken } : {}),
  };
}

/** Handlers of the billing (responsibility) transfer operations. */
export const transferHandlers: Record<string, OperationHandler> = {
  InviteOrganizationToTransferResponsibility: inviteOrganizationToTransferResponsibility,
  DescribeResponsibilityTransfer: describeResponsibilityTransfer,
  UpdateResponsibilityTransfer: updateResponsibilityTransfer,
  TerminateResponsibilityTransfer: terminateResponsibilityTransfer,
  // Inbound: transfers the caller manages for another organization (it is the target).
  ListInboundResponsibilityTransfers: (input, context) =>
    listTransfers(context, input, 'ListInboundResponsibilityTransfers', 'targetAccountId'),
  // Outbound: transfers that let another account manage the caller's bill (it is the source).
  ListOutboundResponsibilityTransfers: (input, context) =>
    listTransfers(context, input, 'ListOutboundResponsibilityTransfers', 'sourceAccountId'),
};
