import { macieMemberId } from '../../domain/subjects/macie-member';
import type { MacieReader } from '../../ports/macie';
import { macieMemberData } from '../macie/read-macie-member';
import { failedListing, type AuditSource } from './audit-source';

/**
 * The Macie members of the administrator, one source per watched Region (`MACIE_REGIONS`):
 * ListMembers with `onlyAssociated=false` (associated or not, pages of 25), in the shape the event
 * path's GetMember records. Each Region is its own scope: a Region whose listing failed makes the run
 * partial for that Region only, and a Region no longer watched never has its members taken for gone.
 * Statuses that come with no call at all (RegionDisabled, AccountSuspended) are found here.
 */
export const macieSources = (macie: () => MacieReader, regions: readonly string[]): AuditSource[] =>
  regions.map((region) => ({
    kind: 'macie-member',
    scope: `${region}:`,
    list: async () => {
      const count = { calls: 0 };
      try {
        const members = await macie().listMembers(region, count);
        return {
          items: members.map((member) => ({
            id: macieMemberId(region, member.accountId),
            data: macieMemberData(member),
          })),
          complete: true,
          calls: count.calls,
        };
      } catch (error) {
        return failedListing(count.calls, error);
      }
    },
  }));
