import { paginateListDelegatedAdministrators, type OrganizationsClient } from '@aws-sdk/client-organizations';
import type { DelegationReader } from '../../ports/delegations';
import { classifyAwsError } from '../aws-errors';

/** {@link DelegationReader} on the Organizations client (shared with the function's other Organizations adapters). */
export class AwsDelegations implements DelegationReader {
  constructor(private readonly client: OrganizationsClient) {}

  async delegatedAdministratorsOf(servicePrincipal: string): Promise<string[]> {
    try {
      const ids: string[] = [];
      for await (const page of paginateListDelegatedAdministrators(
        { client: this.client },
        { ServicePrincipal: servicePrincipal },
      )) {
        for (const admin of page.DelegatedAdministrators ?? []) if (admin.Id) ids.push(admin.Id);
      }
      return ids;
    } catch (error) {
      throw classifyAwsError(error, `ListDelegatedAdministrators ${servicePrincipal}`);
    }
  }
}
