import type { AdapterName } from '../adapters/permissions';
import { coverageType } from '../domain/subjects/coverage';
import type { Clock } from '../ports/clock';
import type { AccountDirectory } from '../ports/account-directory';
import type { DelegationReader } from '../ports/delegations';
import type { MacieReader } from '../ports/macie';
import type { OrganizationsReader } from '../ports/organizations';
import type { SecurityIncidentResponse } from '../ports/security-ir';
import type { Intersection } from '../use-cases/effects/intersection';
import { macieMemberType } from '../domain/subjects/macie-member';
import { readMacieMember } from '../use-cases/macie/read-macie-member';
import type { RegisteredSubject, SubjectRegistry } from '../use-cases/pipeline/pipeline-model';
import { register, subjectRegistry } from '../use-cases/pipeline/read-subjects';
import { membershipSubjects } from './memberships';
import { auditRuns, delegatedAdmins, organizationsSubjects, placements } from './subjects';

/**
 * Subject types with their readers, as a function lists them (shared/config/capabilities): the
 * adapter whose IAM actions the readers need (none: never re-read), and the registered subjects over
 * the ports `D` given when the function is composed.
 */
export interface Readers<D = never> {
  readonly adapter?: AdapterName;
  subjects(deps: D): RegisteredSubject[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyReaders = Readers<any>;
type DepsOf<R> = R extends Readers<infer D> ? D : never;
/** What a list of readers reads with: every port any of them needs. */
export type ReaderDeps<L extends readonly AnyReaders[]> = Intersection<DepsOf<L[number]>>;

/** The registry of a function's subjects, from its list of readers. */
export const subjectsOf = <const L extends readonly AnyReaders[]>(readers: L, deps: ReaderDeps<L>): SubjectRegistry =>
  subjectRegistry(...readers.flatMap((reader) => (reader as Readers<unknown>).subjects(deps)));

/** Handshakes, accounts and billing transfers (Describe*); the reader is built on first read. */
export const organizationsReaders: Readers<{
  readonly organizations: () => OrganizationsReader;
  readonly clock: Clock;
}> = {
  adapter: 'organizationsReader',
  subjects: ({ organizations, clock }) => organizationsSubjects(organizations, clock),
};

/** Where each account sits (ListParents). */
export const placementReaders: Readers<{ readonly accounts: () => AccountDirectory }> = {
  adapter: 'placementReader',
  subjects: ({ accounts }) => [placements(accounts)],
};

/** Who administers each service (ListDelegatedAdministrators). */
export const delegationReaders: Readers<{ readonly delegations: () => DelegationReader }> = {
  adapter: 'delegationReader',
  subjects: ({ delegations }) => [delegatedAdmins(delegations)],
};

/** Security IR memberships (GetMembership). */
export const membershipReaders: Readers<{ readonly securityIr: () => SecurityIncidentResponse }> = {
  adapter: 'membershipReader',
  subjects: ({ securityIr }) => membershipSubjects(securityIr),
};

/** Macie members (GetMember in the member's Region). */
export const macieReaders: Readers<{ readonly macie: () => MacieReader }> = {
  adapter: 'macieReader',
  subjects: ({ macie }) => [register(macieMemberType, readMacieMember(macie))],
};

/** Audit runs: their record is always written from the report in hand, never re-read. */
export const auditRunReaders: Readers<unknown> = { subjects: () => [auditRuns()] };

/** Account coverage, never re-read one by one: a coverage the audit no longer lists belongs to an account that left. */
export const coverageReaders: Readers<unknown> = {
  subjects: () => [register(coverageType, () => Promise.resolve(undefined))],
};
