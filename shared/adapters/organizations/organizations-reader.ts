import {
  AccountNotFoundException,
  DescribeAccountCommand,
  DescribeHandshakeCommand,
  DescribeOrganizationCommand,
  DescribeResponsibilityTransferCommand,
  HandshakeNotFoundException,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  ResponsibilityTransferNotFoundException,
  paginateListHandshakesForAccount,
  paginateListHandshakesForOrganization,
  ListInboundResponsibilityTransfersCommand,
  ListOutboundResponsibilityTransfersCommand,
  type Account,
  type Handshake,
  type OrganizationsClient,
  type ResponsibilityTransfer,
} from '@aws-sdk/client-organizations';
import { UpstreamRejectedError } from '../../domain/errors';
import { type AccountData, accountLifecycleStates } from '../../domain/subjects/account';
import {
  type HandshakeAction,
  type HandshakeData,
  handshakeActions,
  handshakeStates,
} from '../../domain/subjects/handshake';
import { type TransferData, transferPhase, transferStatuses } from '../../domain/subjects/transfer';
import type { Listing, OrganizationsReader, PlacedAccount } from '../../ports/organizations';
import { classifyAwsError } from '../aws-errors';
import { readEnum, unrecognizedPart, type OrUnrecognized, type UnrecognizedValue } from '../../domain/unrecognized';

/** Reads handshakes, accounts and transfers with the real `@aws-sdk/client-organizations` (us-east-1 endpoint). */
export class AwsOrganizationsReader implements OrganizationsReader {
  private own: Promise<Own> | undefined;

  constructor(private readonly client: OrganizationsClient) {}

  /** This organization and its management account: read once per instance (DescribeOrganization). */
  private ownOrganization(): Promise<Own> {
    this.own ??= this.client
      .send(new DescribeOrganizationCommand({}))
      .then(
        (out) => {
          // A broken answer, refused as the shapes below refuse one: an empty id would read as
          // "another organization's" wherever ownership is decided.
          const organizationId = out.Organization?.Id;
          if (!organizationId) {
            throw new UpstreamRejectedError('DescribeOrganization answered without the Organization id');
          }
          return { organizationId, managementAccountId: out.Organization?.MasterAccountId ?? '' };
        },
        (error: unknown) => {
          throw classifyAwsError(error, 'DescribeOrganization');
        },
      )
      .catch((error: unknown) => {
        this.own = undefined;
        throw error;
      });
    return this.own;
  }

  async describeHandshake(handshakeId: string): Promise<HandshakeData | undefined> {
    let handshake: Handshake | undefined;
    try {
      handshake = (await this.client.send(new DescribeHandshakeCommand({ HandshakeId: handshakeId }))).Handshake;
    } catch (error) {
      if (error instanceof HandshakeNotFoundException) return undefined;
      throw classifyAwsError(error, `DescribeHandshake ${handshakeId}`);
    }
    return handshake ? toHandshakeData(handshake, await this.ownOrganization()) : undefined;
  }

  listHandshakes(action?: HandshakeAction): Promise<HandshakeData[]> {
    return this.collect(
      'ListHandshakesForOrganization',
      paginateListHandshakesForOrganization({ client: this.client }, action ? { Filter: { ActionType: action } } : {}),
    );
  }

  listReceivedHandshakes(action?: HandshakeAction): Promise<HandshakeData[]> {
    return this.collect(
      'ListHandshakesForAccount',
      paginateListHandshakesForAccount({ client: this.client }, action ? { Filter: { ActionType: action } } : {}),
    );
  }

  private async collect(what: string, pages: AsyncIterable<{ Handshakes?: Handshake[] }>): Promise<HandshakeData[]> {
    const found: HandshakeData[] = [];
    try {
      const own = await this.ownOrganization();
      for await (const page of pages)
        for (const h of page.Handshakes ?? []) if (h.Id) found.push(toHandshakeData(h, own));
    } catch (error) {
      if (error instanceof UpstreamRejectedError) throw error;
      throw classifyAwsError(error, what);
    }
    return found;
  }

  async describeAccount(accountId: string): Promise<AccountData | undefined> {
    let account: Account | undefined;
    try {
      account = (await this.client.send(new DescribeAccountCommand({ AccountId: accountId }))).Account;
    } catch (error) {
      // DescribeAccount answers AccountNotFound for an account that is not (or no longer) a member.
      if (error instanceof AccountNotFoundException) return undefined;
      throw classifyAwsError(error, `DescribeAccount ${accountId}`);
    }
    return account ? toAccountData(accountId, account) : undefined;
  }

  async listAccountsByParent(): Promise<Listing<PlacedAccount>> {
    const items: PlacedAccount[] = [];
    let calls = 0;
    let what = 'ListRoots';
    /**
     * Every page of one listing, each handed over as it comes (NextToken until it is absent: a page may be empty with
     * more to come).
     */
    const pages = async <T>(
      read: (token: string | undefined) => Promise<{ items?: T[]; NextToken?: string }>,
      each: (item: T) => void,
    ): Promise<void> => {
      let token: string | undefined;
      do {
        calls++;
        const page = await read(token);
        for (const item of page.items ?? []) each(item);
        token = page.NextToken;
      } while (token);
    };
    const next = (token: string | undefined) => ({ MaxResults: 20, ...(token ? { NextToken: token } : {}) });
    // Breadth first, parents in the order found: an organization is at most five OUs deep.
    const parents: string[] = [];
    try {
      await pages(
        async (token) => {
          const out = await this.client.send(new ListRootsCommand(next(token)));
          return { items: out.Roots, NextToken: out.NextToken };
        },
        (root) => root.Id && parents.push(root.Id),
      );
      for (let index = 0; index < parents.length; index++) {
        const ParentId = parents[index]!;
        what = `ListOrganizationalUnitsForParent ${ParentId}`;
        await pages(
          async (token) => {
            const out = await this.client.send(
              new ListOrganizationalUnitsForParentCommand({ ParentId, ...next(token) }),
            );
            return { items: out.OrganizationalUnits, NextToken: out.NextToken };
          },
          (ou) => ou.Id && parents.push(ou.Id),
        );
        what = `ListAccountsForParent ${ParentId}`;
        await pages(
          async (token) => {
            const out = await this.client.send(new ListAccountsForParentCommand({ ParentId, ...next(token) }));
            return { items: out.Accounts, NextToken: out.NextToken };
          },
          (account) => account.Id && items.push({ account: toAccountData(account.Id, account), parentId: ParentId }),
        );
      }
    } catch (error) {
      // A page that failed after the SDK's retries: what was listed stands, nothing is missing for sure.
      return { items, complete: false, calls, error: classifyAwsError(error, what).message };
    }
    return { items, complete: true, calls };
  }

  async describeTransfer(transferId: string, now: Date): Promise<TransferData | undefined> {
    let transfer: ResponsibilityTransfer | undefined;
    try {
      transfer = (await this.client.send(new DescribeResponsibilityTransferCommand({ Id: transferId })))
        .ResponsibilityTransfer;
    } catch (error) {
      if (error instanceof ResponsibilityTransferNotFoundException) return undefined;
      throw classifyAwsError(error, `DescribeResponsibilityTransfer ${transferId}`);
    }
    return transfer ? toTransferData(transfer, now) : undefined;
  }

  async listTransfers(now: Date): Promise<TransferData[]> {
    const found: TransferData[] = [];
    try {
      // The client has no paginators for these two: NextToken by hand.
      for (const Command of [ListInboundResponsibilityTransfersCommand, ListOutboundResponsibilityTransfersCommand]) {
        let token: string | undefined;
        do {
          const page = await this.client.send(new Command({ Type: 'BILLING', ...(token ? { NextToken: token } : {}) }));
          for (const transfer of page.ResponsibilityTransfers ?? []) found.push(toTransferData(transfer, now));
          token = page.NextToken;
        } while (token);
      }
    } catch (error) {
      if (error instanceof UpstreamRejectedError) throw error;
      throw classifyAwsError(error, 'List(In|Out)boundResponsibilityTransfers');
    }
    return found;
  }
}

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
