import { PermanentError } from '../../domain/errors';
import { macieMemberId } from '../../domain/subjects/macie-member';
import type { MacieReader } from '../../ports/macie';
import type { ObserveRequest, ObserveResult } from '../pipeline/observe-subjects';
import { macieMemberData } from './read-macie-member';

export interface ListMembersDeps {
  readonly observe: (request: ObserveRequest) => Promise<ObserveResult>;
  readonly macie: () => MacieReader;
  readonly regions: readonly string[];
}

export interface RegionListing {
  readonly region: string;
  readonly outcome: 'processed' | 'duplicate' | 'failed';
  readonly members?: number;
  readonly error?: { readonly name: string; readonly message: string };
}

/**
 * The scheduled listing of Macie members, every watched Region (ListMembers, every page, associated
 * or not). It finds what no event tells the administrator: a member that resigned (its call is
 * logged in its own account), a Region disabled or an account suspended (no call at all). Each
 * Region is one cause (the schedule's event id and the Region): a run delivered twice lists once, and
 * a retry lists only the Regions that failed. Unchanged members cost a batch read and nothing else.
 * A Region Macie refuses for good (not enabled there) is reported and the others go on; throttling
 * and 5xx are thrown after the other Regions, so that Lambda retries.
 */
export const listMacieMembers =
  (deps: ListMembersDeps) =>
  async (scheduledEventId: string, remaining: () => number): Promise<RegionListing[]> => {
    const listings: RegionListing[] = [];
    let transient: Error | undefined;
    for (const region of deps.regions) {
      let members: number | undefined;
      try {
        const result = await deps.observe({
          cause: {
            eventId: `macie-members:${scheduledEventId}:${region}`,
            eventName: 'ListMembers',
            source: 'orgwarden.macie',
          },
          subjects: [],
          discover: async () => {
            const listed = await deps.macie().listMembers(region);
            members = listed.length;
            return listed.map((member) => ({
              ref: { kind: 'macie-member', id: macieMemberId(region, member.accountId) },
              data: macieMemberData(member),
            }));
          },
          remainingMs: remaining(),
        });
        listings.push({ region, outcome: result.outcome, ...(members === undefined ? {} : { members }) });
      } catch (error) {
        const failure =
          error instanceof Error
            ? { name: error.name, message: error.message }
            : { name: 'Error', message: String(error) };
        listings.push({ region, outcome: 'failed', error: failure });
        if (!(error instanceof PermanentError)) transient ??= error instanceof Error ? error : new Error(String(error));
      }
    }
    if (transient) throw transient;
    return listings;
  };
