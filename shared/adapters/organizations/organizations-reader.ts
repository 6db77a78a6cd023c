import {
  AccountNotFoundException,
  DescribeAccountCommand,
  DescribeHandshakeCommand,
  HandshakeNotFoundException,
  OrganizationsClient,
  paginateListHandshakesForOrganization,
  type Handshake,
} from '@aws-sdk/client-organizations';
import { SubjectNotFoundError } from '../../domain/errors';
import type { AccountData } from '../../domain/subjects/account';
import { accountSubject } from '../../domain/subjects/account';
import { handshakeActions, handshakeStates, handshakeSubject, type HandshakeData } from '../../domain/subjects/handshake';
import type { OrganizationsReader } from '../../ports/organizations';
import { classifyAwsError } from '../aws-errors';

/** Reads handshakes and accounts with the real `@aws-sdk/client-organizations` (us-east-1 endpoint). */
export class AwsOrganizationsReader implements OrganizationsReader {
  constructor(private readonly client: OrganizationsClient = new OrganizationsClient({})) {}

  async describeHandshake(handshakeId: string): Promise<HandshakeData> {
    try {
      const out = await this.client.send(new DescribeHandshakeCommand({ HandshakeId: handshakeId }));
      if (!out.Handshake) throw new SubjectNotFoundError(handshakeSubject(handshakeId));
      return toHandshakeData(out.Handshake, handshakeId);
    } catch (error) {
      if (error instanceof HandshakeNotFoundException) throw new SubjectNotFoundError(handshakeSubject(handshakeId), { cause: error });
      if (error instanceof SubjectNotFoundError) throw error;
      throw classifyAwsError(error, `DescribeHandshake ${handshakeId}`);
    }
  }

  async listHandshakes(action?: HandshakeData['action']): Promise<HandshakeData[]> {
    const found: HandshakeData[] = [];
    try {
      const pages = paginateListHandshakesForOrganization({ client: this.client }, action ? { Filter: { ActionType: action } } : {});
      for await (const page of pages) found.push(...(page.Handshakes ?? []).map((h) => toHandshakeData(h, h.Id ?? '')));
    } catch (error) {
      throw classifyAwsError(error, 'ListHandshakesForOrganization');
    }
    return found;
  }

  async describeAccount(accountId: string): Promise<AccountData> {
    try {
      const out = await this.client.send(new DescribeAccountCommand({ AccountId: accountId }));
      const account = out.Account;
      if (!account) return { id: accountId, state: 'DEPARTED' };
      return {
        id: accountId,
        state: 'JOINED',
        name: account.Name,
        email: account.Email,
        status: account.Status,
        joinedMethod: account.JoinedMethod,
        joinedAt: account.JoinedTimestamp?.toISOString(),
      };
    } catch (error) {
      // DescribeAccount answers AccountNotFound for an account that is not (or no longer) a member.
      if (error instanceof AccountNotFoundException) return { id: accountId, state: 'DEPARTED' };
      throw classifyAwsError(error, `DescribeAccount ${accountSubject(accountId)}`);
    }
  }
}

const oneOf = <T extends string>(values: readonly T[], value: string | undefined, what: string): T => {
  if (value && (values as readonly string[]).includes(value)) return value as T;
  throw new TypeError(`DescribeHandshake returned an unknown ${what}: ${String(value)}`);
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
