import { coverageType } from '../domain/subjects/coverage';
import { macieMemberType } from '../domain/subjects/macie-member';
import type { AccountDirectory } from '../ports/account-directory';
import type { Clock } from '../ports/clock';
import type { MacieMembers, MacieReader } from '../ports/macie';
import type { SecurityIncidentResponse } from '../ports/security-ir';
import type { StateStore } from '../ports/state-store';
import type { AuditSource } from '../use-cases/audit/audit-source';
import { macieSources } from '../use-cases/audit/macie-sources';
import { securityIrSources } from '../use-cases/audit/security-ir-sources';
import type { Executors } from '../use-cases/effects/effect-executor';
import { readMacieMember } from '../use-cases/macie/macie-member-changed';
import { register, type RegisteredSubject } from '../use-cases/pipeline/subject-registry';
import { membershipExecutors, membershipSubjects } from './memberships';
import { lazy } from './clients';
import { macieClient, macieExecutors } from './macie';
import type { Runtime } from './runtime';

/**
 * Macie, built on first use: a run that reaches no Macie source or reaction builds no Macie client.
 * (A static import: a dynamic one made esbuild keep every module it reaches whole, the aggregated
 * clients and all their schemas, 150 KiB more in the audit's bundle and 25 ms more at cold start.)
 */
export const lazyMacie = (runtime: Runtime): MacieReader & MacieMembers => {
  const macie = lazy(() => macieClient(runtime));
  return {
    getMember: (region, accountId) => macie().getMember(region, accountId),
    listMembers: (region, count) => macie().listMembers(region, count),
    createMember: (region, accountId, email) => macie().createMember(region, accountId, email),
  };
};

export interface AuditMembershipsDeps {
  readonly securityIr: () => SecurityIncidentResponse;
  readonly macie: MacieReader & MacieMembers;
  readonly accounts: () => AccountDirectory;
  readonly store: StateStore;
  readonly clock: Clock;
  /** `MACIE_REGIONS`. */
  readonly macieRegions: readonly string[];
}

/**
 * What the audit reads and does for memberships, beside the Organizations sources: the subjects
 * (memberships, account coverage, Macie members) with the readers the event path uses, the sources
 * (Security IR memberships and coverage, Macie members per watched Region) and the reactions the
 * event path has (restore a cancelled membership, associate a Macie member again), so that a change
 * the audit finds is handled as its event would have been.
 */
export const auditMemberships = (deps: AuditMembershipsDeps): { subjects: RegisteredSubject[]; executors: Executors; sources: AuditSource[] } => ({
  subjects: [
    ...membershipSubjects(deps.securityIr),
    register(macieMemberType, readMacieMember(() => deps.macie)),
    // Never re-read one by one: a coverage the audit no longer lists belongs to an account that left.
    register(coverageType, () => Promise.resolve(undefined)),
  ],
  executors: {
    ...membershipExecutors(deps.securityIr, deps.clock),
    ...macieExecutors(() => deps.macie, deps.accounts, deps.clock),
  },
  sources: [...securityIrSources({ securityIr: deps.securityIr, store: deps.store }), ...macieSources(() => deps.macie, deps.macieRegions)],
});
