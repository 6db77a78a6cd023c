import { SubjectNotFoundError } from '../domain/errors';
import { membershipType, type MembershipData } from '../domain/subjects/membership';
import type { Clock } from '../ports/clock';
import type { SecurityIncidentResponse, SecurityIrMembership } from '../ports/security-ir';
import type { Executors } from '../use-cases/effects/effect-executor';
import { restoreMembershipExecutor } from '../use-cases/memberships/restore-membership';
import { register, type RegisteredSubject } from '../use-cases/pipeline/subject-registry';

/** A membership as the subject records it (what can change, and nothing that moves on its own such as the count of accounts covered). */
export const membershipData = (m: SecurityIrMembership): MembershipData => ({
  id: m.id,
  state: m.status,
  ...(m.arn ? { arn: m.arn } : {}),
  ...(m.name ? { name: m.name } : {}),
  ...(m.accountId ? { accountId: m.accountId } : {}),
  ...(m.region ? { region: m.region } : {}),
  ...(m.customerType ? { customerType: m.customerType } : {}),
  ...(m.activatedAt ? { membershipActivationTimestamp: m.activatedAt } : {}),
  ...(m.deactivatedAt ? { membershipDeactivationTimestamp: m.deactivatedAt } : {}),
  coverageMode: m.coverageMode,
  organizationalUnits: [...m.organizationalUnits].sort(),
});

/** The membership subject with its reader (GetMembership); one the service does not know reads as missing. */
export const membershipSubjects = (securityIr: () => SecurityIncidentResponse): RegisteredSubject[] => [
  register(membershipType, async (id) => {
    try {
      return membershipData(await securityIr().getMembership(id));
    } catch (error) {
      if (error instanceof SubjectNotFoundError) return undefined;
      throw error;
    }
  }),
];

/** The executor of the membership reaction (restore a cancellation). */
export const membershipExecutors = (securityIr: () => SecurityIncidentResponse, clock: Clock): Executors => ({ 'restore-membership': restoreMembershipExecutor(securityIr, clock) });
