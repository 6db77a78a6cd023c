import { membershipStates, type MembershipData } from '../../domain/subjects/membership';
import { notesOf, unrecognizedPart } from '../../domain/unrecognized';
import type { SecurityIrMembership } from '../../ports/security-ir';

/**
 * A membership as the subject records it (what can change, and nothing that moves on its own such as
 * the count of accounts covered). The event path's reader and the audit's listing both build it
 * here, so that the audit compares like with like (by digest).
 */
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
  // A status AWS added since: recorded as read, announced as unrecognized.
  ...unrecognizedPart(notesOf(membershipStates, m.status, 'membership.status')),
});
