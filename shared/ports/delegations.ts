/**
 * The delegated administrators of the organization's services (AWS Organizations, us-east-1).
 * Errors: `UpstreamRejectedError` for refusals a retry will not change, `UpstreamUnavailableError`
 * for throttling and 5xx.
 */
export interface DelegationReader {
  /**
   * The accounts registered as delegated administrator of the service (ListDelegatedAdministrators
   * with its ServicePrincipal, every page); empty when it has none.
   * IAM: `organizations:ListDelegatedAdministrators`.
   */
  delegatedAdministratorsOf(servicePrincipal: string): Promise<string[]>;
}
