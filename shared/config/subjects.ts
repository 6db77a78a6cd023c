import { dueAtWith } from '../domain/deadlines';
import type { Policy } from '../domain/policy/policy';
import { accountType } from '../domain/subjects/account';
import { auditRunType } from '../domain/subjects/audit-run';
import { subjectTypes } from '../domain/subjects/catalog';
import { delegatedAdminData, delegatedAdminType } from '../domain/subjects/delegated-admin';
import { handshakeType } from '../domain/subjects/handshake';
import { placementData, placementType } from '../domain/subjects/placement';
import { transferType } from '../domain/subjects/transfer';
import type { AccountDirectory } from '../ports/account-directory';
import type { Clock } from '../ports/clock';
import type { DelegationReader } from '../ports/delegations';
import type { OrganizationsReader } from '../ports/organizations';
import type { PartyCases } from '../ports/party-cases';
import type { CaseGrouping } from '../use-cases/effects/open-case';
import type { RegisteredSubject } from '../use-cases/pipeline/pipeline-model';
import { register } from '../use-cases/pipeline/read-subjects';

/** The Organizations subject types with their readers; the reader is built on first read. */
export const organizationsSubjects = (organizations: () => OrganizationsReader, clock: Clock): RegisteredSubject[] => [
  register(handshakeType, (id) => organizations().describeHandshake(id)),
  register(accountType, (id) => organizations().describeAccount(id)),
  register(transferType, (id) => organizations().describeTransfer(id, clock.now())),
];

/** Where each account sits, re-read with ListParents (`undefined`: no longer a member, it departed). */
export const placements = (accounts: () => AccountDirectory): RegisteredSubject =>
  register(placementType, async (id) => {
    const parent = await accounts().parentOf(id);
    return parent ? placementData(id, parent.id) : undefined;
  });

/** Who administers each service for the organization, re-read with ListDelegatedAdministrators. */
export const delegatedAdmins = (delegations: () => DelegationReader): RegisteredSubject =>
  register(delegatedAdminType, async (servicePrincipal) =>
    delegatedAdminData(servicePrincipal, await delegations().delegatedAdministratorsOf(servicePrincipal)),
  );

/** Audit runs: their record is always written from the report in hand, never re-read. */
export const auditRuns = (): RegisteredSubject => register(auditRunType, () => Promise.resolve(undefined));

/** One open case per outside party, and the policy's cap on new cases per hour. */
export const caseGroupingOf = (cases: () => PartyCases, policy: Policy): CaseGrouping => ({
  cases,
  maxNewCasesPerHour: policy.incidentCase.maxNewCasesPerHour,
});

/** When the sweep must look at a changed subject next, under the policy's lead times. */
export const dueAtUnder = (policy: Policy) => dueAtWith((kind) => subjectTypes.get(kind), policy.warnings.leadTimes);
