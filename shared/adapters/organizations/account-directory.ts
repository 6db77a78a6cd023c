import {
  AccountNotFoundException,
  ChildNotFoundException,
  DescribeAccountCommand,
  ListParentsCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { AccountDirectory, AccountParent, MemberAccount } from '../../ports/account-directory';
import { classifyAwsError } from '../aws-errors';

/** {@link AccountDirectory} on the Organizations client (shared with the reader where a function has both). */
export class AwsAccountDirectory implements AccountDirectory {
  constructor(private readonly client: OrganizationsClient) {}

  async memberAccount(accountId: string): Promise<MemberAccount | undefined> {
    try {
      const account = (await this.client.send(new DescribeAccountCommand({ AccountId: accountId }))).Account;
      return account ? { accountId, ...(account.Email ? { email: account.Email } : {}) } : undefined;
    } catch (error) {
      if (error instanceof AccountNotFoundException) return undefined;
      throw classifyAwsError(error, `DescribeAccount ${accountId}`);
    }
  }

  async parentOf(accountId: string): Promise<AccountParent | undefined> {
    try {
      // An account has exactly one parent (Organizations User Guide): the first page holds it.
      const parent = (await this.client.send(new ListParentsCommand({ ChildId: accountId }))).Parents?.[0];
      return parent?.Id ? { id: parent.Id, type: parent.Type === 'ROOT' ? 'ROOT' : 'ORGANIZATIONAL_UNIT' } : undefined;
    } catch (error) {
      if (error instanceof ChildNotFoundException || error instanceof AccountNotFoundException) return undefined;
      throw classifyAwsError(error, `ListParents ${accountId}`);
    }
  }
}
