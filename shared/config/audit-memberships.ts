import { lazy } from './event-function';
import type { MacieMembers, MacieReader } from '../ports/macie';
import type { SecurityIncidentResponse } from '../ports/security-ir';
import type { StateStore } from '../ports/state-store';
import type { AuditSource } from '../use-cases/audit/audit-source';
import { macieSources } from '../use-cases/audit/macie-sources';
import { securityIrSources } from '../use-cases/audit/security-ir-sources';
import { macieClient } from './macie';
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
  readonly store: StateStore;
  /** `MACIE_REGIONS`. */
  readonly macieRegions: readonly string[];
}

/**
 * What the audit lists for memberships, beside the Organizations sources: Security IR memberships
 * and coverage, Macie members per watched Region. (Their subjects and the reactions the event path
 * has, restore a cancelled membership and associate a Macie member again, are in the audit's
 * capabilities, shared/config/capabilities/audit.ts: a change the audit finds is handled as its
 * event would have been.)
 */
export const auditMembershipSources = (deps: AuditMembershipsDeps): AuditSource[] => [
  ...securityIrSources({ securityIr: deps.securityIr, store: deps.store }),
  ...macieSources(() => deps.macie, deps.macieRegions),
];
