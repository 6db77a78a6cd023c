import type { MacieRelationshipStatus } from '../domain/subjects/macie-member';
import { subjectId } from '../domain/subjects/subject-type';
import type { OrUnrecognized } from '../domain/unrecognized';
import type { CallCount } from './call-count';

/**
 * An account associated with the Macie administrator in one Region, as orgwarden reads it
 * (timestamps ISO 8601). Macie is regional: the same account has one record per Region.
 */
export interface MacieMember {
  accountId: string;
  region: string;
  /** A status the model does not list (AWS added it since, as it added `RegionDisabled`) is given as read. */
  relationshipStatus: OrUnrecognized<MacieRelationshipStatus>;
  administratorAccountId?: string;
  /**
   * The last change of the relationship status, including those no API call made (RegionDisabled, AccountSuspended).
   */
  updatedAt?: string;
  /** When a membership invitation was last sent; absent for accounts associated through AWS Organizations. */
  invitedAt?: string;
}

/**
 * Reads the Macie members of the administrator account orgwarden runs as. Statuses such as
 * RegionDisabled and AccountSuspended come with no API call and no event: only these reads show
 * them. Errors: `UpstreamRejectedError` for refusals a retry will not change (access, Macie not
 * enabled in the Region, validation), `UpstreamUnavailableError` for throttling, 5xx and network
 * failures.
 */
export interface MacieReader {
  /**
   * Reads one member in one Region.
   *
   * @param region - e.g. `us-west-2`
   * @param accountId - the member's 12-digit account id
   * @returns undefined when the account is not (or no longer) a member of the administrator there
   */
  getMember(region: string, accountId: string): Promise<MacieMember | undefined>;

  /**
   * Every member of the administrator in one Region, reading all pages, including accounts that
   * are not currently associated (Removed, Resigned, Invited, RegionDisabled, …).
   *
   * @param region - e.g. `us-west-2`
   * @param count - counts the requests made (pages of at most 25, the model's maximum), failed ones included
   */
  listMembers(region: string, count?: CallCount): Promise<MacieMember[]>;
}

/** What associating an account did: orgwarden associates only what needs it, so a repeated call is harmless. */
export type MacieCreateMemberOutcome = 'associated' | 'already-associated';

/** Changes the Macie members of the administrator account (errors as for {@link MacieReader}). */
export interface MacieMembers {
  /**
   * Associates an account with the administrator in one Region: an organization account (for
   * instance one that was Removed) becomes a member again at once; any other account is added for
   * an invitation. An account already associated (Enabled, Paused) is left alone.
   *
   * @param region - e.g. `us-west-2`
   * @param accountId - the 12-digit account id
   * @param email - the account's email address, which CreateMember requires; when absent, the one
   *   Macie already knows for the member is used, and without one the call is refused
   *   (`UpstreamRejectedError`) before anything is sent
   */
  createMember(region: string, accountId: string, email?: string): Promise<MacieCreateMemberOutcome>;
}

/** The subject name of a Macie member (`macie-member:<region>:<account>`, as orgwarden names subjects). */
export const macieMemberSubject = (region: string, accountId: string): string =>
  subjectId({ kind: 'macie-member', id: `${region}:${accountId}` });
