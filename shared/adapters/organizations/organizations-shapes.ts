import type { Account, Handshake, ResponsibilityTransfer } from '@aws-sdk/client-organizations';
import type { AccountData } from '../../domain/subjects/account';
import { UpstreamRejectedError } from '../../domain/errors';
import { handshakeActions, handshakeStates, type HandshakeData } from '../../domain/subjects/handshake';
import { transferPhase, transferStatuses, type TransferData } from '../../domain/subjects/transfer';

/** Who "we" are: the organization orgwarden watches and its management account. */
export interface Own {
  readonly organizationId: string;
  readonly managementAccountId: string;
}

const oneOf = <T extends string>(values: readonly T[], value: string | undefined, what: string): T => {
  if (value && (values as readonly string[]).includes(value)) return value as T;
  throw new UpstreamRejectedError(`Organizations returned a ${what} orgwarden does not know: ${String(value)}`);
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
  const sent = sender.organization ? sender.organization === own.organizationId : sender.account === own.managementAccountId;
  const transfer = (handshake.Resources ?? []).find((resource) => resource.Type === 'RESPONSIBILITY_TRANSFER')?.Value;
  // A handshake another organization sent names that organization; its resources may name its
  // management account and email too (the party a policy is likelier to list).
  const senderDetails = sent
    ? []
    : (handshake.Resources ?? [])
        .filter((resource) => resource.Type === 'ORGANIZATION' && resource.Value !== own.organizationId)
        .flatMap((resource) => resource.Resources ?? [])
        .flatMap((detail) =>
          detail.Value && /^(MANAGEMENT|MASTER)_ACCOUNT$/.test(detail.Type ?? '') ? [{ id: detail.Value, type: 'ACCOUNT' }] : detail.Value && /^(MANAGEMENT|MASTER)_EMAIL$/.test(detail.Type ?? '') ? [{ id: detail.Value, type: 'EMAIL' }] : [],
        );
  return {
    id: handshake.Id ?? '',
    arn: handshake.Arn,
    action: oneOf(handshakeActions, handshake.Action, 'handshake action'),
    state: oneOf(handshakeStates, handshake.State, 'handshake state'),
    parties,
    counterparties: [...parties.filter((party) => party.id !== own.organizationId && party.id !== own.managementAccountId), ...senderDetails],
    direction: sent ? 'outbound' : 'inbound',
    ...(transfer ? { transferId: transfer } : {}),
    requestedAt: handshake.RequestedTimestamp?.toISOString(),
    expiresAt: handshake.ExpirationTimestamp?.toISOString(),
  };
};

/** A transfer with the phase it is in at `now`; its direction is the one its ARN (our side's) names. */
export const toTransferData = (transfer: ResponsibilityTransfer, now: Date): TransferData => {
  const status = oneOf(transferStatuses, transfer.Status, 'transfer status');
  const startAt = transfer.StartTimestamp?.toISOString();
  const endAt = transfer.EndTimestamp?.toISOString();
  return {
    id: transfer.Id ?? '',
    state: transferPhase(status, startAt, endAt, now),
    status,
    direction: /\/billing\/inbound\//.test(transfer.Arn ?? '') ? 'inbound' : 'outbound',
    arn: transfer.Arn,
    type: transfer.Type,
    sourceAccountId: transfer.Source?.ManagementAccountId,
    targetAccountId: transfer.Target?.ManagementAccountId,
    startAt,
    endAt,
    handshakeId: transfer.ActiveHandshakeId,
  };
};

/** A member account as orgwarden keeps it: DescribeAccount and ListAccountsForParent describe it alike. */
export const toAccountData = (accountId: string, account: Account): AccountData => ({
  id: accountId,
  state: 'JOINED',
  name: account.Name,
  email: account.Email,
  // Account.Status was retired in September 2026; Account.State replaces it.
  accountState: account.State,
  joinedMethod: account.JoinedMethod,
  joinedAt: account.JoinedTimestamp?.toISOString(),
});
