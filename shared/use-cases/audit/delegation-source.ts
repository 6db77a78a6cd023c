import { delegatedAdminData } from '../../domain/subjects/delegated-admin';
import { refOf } from '../../domain/subjects/subject-type';
import type { DelegationReader } from '../../ports/delegations';
import { failedListing, type AuditSource } from './audit-source';

/**
 * The services whose delegated administrator orgwarden always reads: Security Incident Response (its
 * administrator holds the organization's membership) and Macie.
 */
export const watchedServicePrincipals = ['security-ir.amazonaws.com', 'macie.amazonaws.com'] as const;

/**
 * Who administers each watched service, and each service recorded before (a registration an event
 * announced): one ListDelegatedAdministrators each. A watched service with no administrator that
 * was never recorded is left out (nothing to say of it); a recorded one is read again every run, so
 * that an administrator removed with no event (its account closed) is found.
 */
export const delegationSource = (delegations: () => DelegationReader): AuditSource => ({
  kind: 'delegated-admin',
  list: async (run) => {
    const stored = new Set(run.stored.map((s) => refOf(s.subject).id));
    const principals = [...new Set([...watchedServicePrincipals, ...stored])];
    let calls = 0;
    try {
      const items = [];
      for (const servicePrincipal of principals) {
        calls++;
        const data = delegatedAdminData(
          servicePrincipal,
          await delegations().delegatedAdministratorsOf(servicePrincipal),
        );
        if (data.accountIds.length > 0 || stored.has(servicePrincipal)) items.push({ id: servicePrincipal, data });
      }
      return { items, complete: true, calls };
    } catch (error) {
      return failedListing(calls, error);
    }
  },
});
