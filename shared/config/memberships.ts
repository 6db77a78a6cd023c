import { SubjectNotFoundError } from '../domain/errors';
import { membershipType } from '../domain/subjects/membership';
import type { SecurityIncidentResponse } from '../ports/security-ir';
import { membershipData } from '../use-cases/memberships/membership-data';
import type { RegisteredSubject } from '../use-cases/pipeline/pipeline-model';
import { register } from '../use-cases/pipeline/read-subjects';

/**
 * Re-exported for the callers of this builder: the mapping lives with the use cases (the audit's listing shares it).
 */
export { membershipData };

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
