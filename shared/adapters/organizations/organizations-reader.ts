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
import type { AccountData } from '../../domain/subjects/account';
import type { HandshakeAction, HandshakeData } from '../../domain/subjects/handshake';
import type { TransferData } from '../../domain/subjects/transfer';
import type { Listing, OrganizationsReader, PlacedAccount } from '../../ports/organizations';
import { classifyAwsError } from '../aws-errors';
import { toAccountData, toHandshakeData, toTransferData, type Own } from './organizations-shapes';

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
          // A broken answer, refused as organizations-shapes refuses one: an empty id would read as
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
