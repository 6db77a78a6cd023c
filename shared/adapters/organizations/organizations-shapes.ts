import type { Account, Handshake, ResponsibilityTransfer } from '@aws-sdk/client-organizations';
import { accountLifecycleStates, type AccountData } from '../../domain/subjects/account';
import { UpstreamRejectedError } from '../../domain/errors';
import { handshakeActions, handshakeStates, type HandshakeData } from '../../domain/subjects/handshake';
import { transferPhase, transferStatuses, type TransferData } from '../../domain/subjects/transfer';
import { readEnum, unrecognizedPart, type OrUnrecognized, type UnrecognizedValue } from '../../domain/unrecognized';

/** Who "we" are: the organization orgwarden watches and its management account. */
export interface Own {
  readonly organizationId: string;
  readonly managementAccountId: string;
}

/**
 * An enum member of an answer: a value the model lists, or one AWS added since, kept as read and
 * noted (shared/domain/unrecognized.ts); a missing or malformed one is a broken answer, refused.
 */
const oneOf = <T extends string>(
  values: readonly T[],
  value: string | undefined,
  field: string,
  notes: UnrecognizedValue[],
): OrUnrecognized<T> => {
  const read = readEnum(values, value, field, notes);
  if (read === undefined)
    throw new UpstreamRejectedError(
      `Organizations returned no valid ${field}: ${JSON.stringify(String(value).slice(0, 80))}`,
    );
  return read;
};

/** `arn:aws:organizations::<sender's management account>:handshake/<sender's organization>/<action>/<id>`. */
const senderOf = (arn: string | undefined): { account?: string; organization?: string } => {
  const match = /^arn:[^:]+:organizations::(\d{12}):handshake\/(o-[a-z0-9]+)\//.exec(arn ?? '');
  return match ? { account: match[1], organization: match[2] } : {};
};

/** A handshake as orgwarden keeps it: its direction (who sent it) and the parties that are not us. */
export const toHandshakeData = (handshake: Handshake, own: Own): HandshakeData => {
  const parties = (handshake.Parties ?? []).map((party) => ({ id: party.Id ?? '', type: party.Type ?? '' }));
  const sender = senderOf(handshake.Arn);
  const sent = sender.organization
    ? sender.organization === own.organizationId
    : sender.account === own.managementAccountId;
  const transfer = (handshake.Resources ?? []).find((resource) => resource.Type === 'RESPONSIBILITY_TRANSFER')?.Value;
  // A handshake another organization sent names that organization; its resources may name its
  // management account and email too (the party a policy is likelier to list).
  const senderDetails = sent
    ? []
    : (handshake.Resources ?? [])
        .filter((resource) => resource.Type === 'ORGANIZATION' && resource.Value !== own.organizationId)
        .flatMap((resource) => resource.Resources ?? [])
        .flatMap((detail) =>
          detail.Value && /^(MANAGEMENT|MASTER)_ACCOUNT$/.test(detail.Type ?? '')
            ? [{ id: detail.Value, type: 'ACCOUNT' }]
            : detail.Value && /^(MANAGEMENT|MASTER)_EMAIL$/.test(detail.Type ?? '')
              ? [{ id: detail.Value, type: 'EMAIL' }]
              : [],
        );
  const notes: UnrecognizedValue[] = [];
  return {
    id: handshake.Id ?? '',
    arn: handshake.Arn,
    action: oneOf(handshakeActions, handshake.Action, 'handshake.action', notes),
    state: oneOf(handshakeStates, handshake.State, 'handshake.state', notes),
    parties,
    counterparties: [
      ...parties.filter((party) => party.id !== own.organizationId && party.id !== own.managementAccountId),
      ...senderDetails,
    ],
    direction: sent ? 'outbound' : 'inbound',
    ...(transfer ? { transferId: transfer } : {}),
    requestedAt: handshake.RequestedTimestamp?.toISOString(),
    expiresAt: handshake.ExpirationTimestamp?.toISOString(),
    ...unrecognizedPart(notes),
  };
};

/** A transfer with the phase it is in at `now`; its direction is the one its ARN (our side's) names. */
export const toTransferData = (transfer: ResponsibilityTransfer, now: Date): TransferData => {
  const notes: UnrecognizedValue[] = [];
  const status = oneOf(transferStatuses, transfer.Status, 'transfer.status', notes);
  const startAt = transfer.StartTimestamp?.toISOString();
  const endAt = transfer.EndTimestamp?.toISOString();
  const known = transferStatuses.find((s) => s === status);
  return {
    id: transfer.Id ?? '',
    // A status orgwarden does not know has no phase it could derive: the status itself is the state.
    state: known ? transferPhase(known, startAt, endAt, now) : status,
    status,
    direction: /\/billing\/inbound\//.test(transfer.Arn ?? '') ? 'inbound' : 'outbound',
    arn: transfer.Arn,
    type: transfer.Type,
    sourceAccountId: transfer.Source?.ManagementAccountId,
    targetAccountId: transfer.Target?.ManagementAccountId,
    startAt,
    endAt,
    handshakeId: transfer.ActiveHandshakeId,
    ...unrecognizedPart(notes),
  };
};

/** A member account as orgwarden keeps it: DescribeAccount and ListAccountsForParent describe it alike. */
export const toAccountData = (accountId: string, account: Account): AccountData => {
  const notes: UnrecognizedValue[] = [];
  // Account.Status was retired in September 2026; Account.State replaces it. It is informative only
  // (the subject's state is the membership): an absent or malformed one is left out, not refused.
  const accountState =
    account.State === undefined
      ? undefined
      : readEnum(accountLifecycleStates, account.State, 'account.accountState', notes);
  return {
    id: accountId,
    state: 'JOINED',
    name: account.Name,
    email: account.Email,
    accountState,
    joinedMethod: account.JoinedMethod,
    joinedAt: account.JoinedTimestamp?.toISOString(),
    ...unrecognizedPart(notes),
  };
};
