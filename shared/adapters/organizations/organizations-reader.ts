import {
  AccountNotFoundException,
  DescribeAccountCommand,
  DescribeHandshakeCommand,
  HandshakeNotFoundException,
  OrganizationsClient,
  paginateListHandshakesForOrganization,
  type Account,
  type Handshake,
} from '@aws-sdk/client-organizations';
import { UpstreamRejectedError } from '../../domain/errors';
import type { AccountData } from '../../domain/subjects/account';
import { handshakeActions, handshakeStates, type HandshakeAction, type HandshakeData } from '../../domain/subjects/handshake';
import type { OrganizationsReader } from '../../ports/organizations';
import { classifyAwsError } from '../aws-errors';

/** Reads handshakes and accounts with the real `@aws-sdk/client-organizations` (us-east-1 endpoint). */
export class AwsOrganizationsReader implements OrganizationsReader {
  constructor(private readonly client: OrganizationsClient) {}

  async describeHandshake(handshakeId: string): Promise<HandshakeData | undefined> {
    let handshake: Handshake | undefined;
    try {
      handshake = (await this.client.send(new DescribeHandshakeCommand({ HandshakeId: handshakeId }))).Handshake;
    } catch (error) {
      if (error instanceof HandshakeNotFoundException) return undefined;
      throw classifyAwsError(error, `DescribeHandshake ${handshakeId}`);
    }
    return handshake ? toHandshakeData(handshake, handshakeId) : undefined;
  }

  async listHandshakes(action?: HandshakeAction): Promise<HandshakeData[]> {
    const found: HandshakeData[] = [];
    try {
      const pages = paginateListHandshakesForOrganization({ client: this.client }, action ? { Filter: { ActionType: action } } : {});
      for await (const page of pages) for (const h of page.Handshakes ?? []) if (h.Id) found.push(toHandshakeData(h, h.Id));
    } catch (error) {
      if (error instanceof UpstreamRejectedError) throw error;
      throw classifyAwsError(error, 'ListHandshakesForOrganization');
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
    if (!account) return undefined;
    return {
      id: accountId,
      state: 'JOINED',
      name: account.Name,
      email: account.Email,
      // Account.Status was retired in September 2026; Account.State replaces it.
      accountState: account.State,
      joinedMethod: account.JoinedMethod,
      joinedAt: account.JoinedTimestamp?.toISOString(),
    };
  }
}

const oneOf = <T extends string>(values: readonly T[], value: string | undefined, what: string): T => {
  if (value && (values as readonly string[]).includes(value)) return value as T;
  throw new UpstreamRejectedError(`Organizations returned a handshake ${what} orgwarden does not know: ${String(value)}`);
};

const toHandshakeData = (handshake: Handshake, id: string): HandshakeData => ({
  id: handshake.Id ?? id,
  arn: handshake.Arn,
  action: oneOf(handshakeActions, handshake.Action, 'action'),
  state: oneOf(handshakeStates, handshake.State, 'state'),
  parties: (handshake.Parties ?? []).map((party) => ({ id: party.Id ?? '', type: party.Type ?? '' })),
  requestedAt: handshake.RequestedTimestamp?.toISOString(),
  expiresAt: handshake.ExpirationTimestamp?.toISOString(),
});
