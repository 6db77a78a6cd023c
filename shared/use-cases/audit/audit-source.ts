import { placementData } from '../../domain/subjects/placement';
import type { SubjectData } from '../../domain/subjects/subject-type';
import type { Clock } from '../../ports/clock';
import type { Listing, OrganizationsReader, PlacedAccount } from '../../ports/organizations';
import type { StoredSubject } from '../../ports/state-store';

/** The run a listing belongs to: sources of one run may share what they read (the Security IR membership). */
export interface AuditRunContext {
  readonly runId: string;
  /** The subjects of the source's kind (and scope) stored before it lists: what the run compares its listing with. */
  readonly stored: readonly StoredSubject[];
}

/** A kind of subject the audit reads whole: its listing, each item with its id within the kind. */
export interface AuditSource {
  readonly kind: string;
  /**
   * The part of the kind this source reads whole, as an id prefix (`eu-west-1:` for the Macie members
   * of one Region); absent: the whole kind. Only stored subjects in its scope can be taken for gone,
   * so a Region whose listing failed, or that is no longer watched, loses nothing.
   */
  readonly scope?: string;
  list(run: AuditRunContext): Promise<Listing<{ readonly id: string; readonly data: SubjectData }>>;
}

/**
 * The listing of a source whose call failed after the SDK's retries: incomplete, so nothing of it is taken for gone.
 */
export const failedListing = <T>(calls: number, error: unknown): Listing<T> => ({
  items: [],
  complete: false,
  calls,
  error: error instanceof Error ? error.message : String(error),
});

/** A listing that throws (a call failed after the SDK's retries) counts as incomplete. */
export const listingOf = async <T>(calls: number, list: () => Promise<readonly T[]>): Promise<Listing<T>> => {
  try {
    return { items: await list(), complete: true, calls };
  } catch (error) {
    return failedListing(calls, error);
  }
};

const withIds = <T extends SubjectData & { id: string }>(
  listing: Listing<T>,
): Listing<{ id: string; data: SubjectData }> => ({
  ...listing,
  items: listing.items.map((data) => ({ id: data.id, data })),
});

/**
 * The organization's tree, walked once per run and shared by the `account` and `placement` sources
 * (the continuation of a run in another invocation between the two walks it again). Each account is
 * recorded as DescribeAccount describes it, and its placement as the parent it was listed under; an
 * account listed twice (moved during the walk) is taken where it was found last. A stored placement
 * the walk did not find, and that is not departed already, is gone only when the walk completed, and
 * then re-read (ListParents): an account moved during the walk, from a parent not yet read to one
 * already read, is not taken for departed.
 */
export const organizationTreeSources = (organizations: () => OrganizationsReader): AuditSource[] => {
  let walked: { readonly runId: string; readonly listing: Listing<PlacedAccount> } | undefined;
  const walk = async (run: AuditRunContext): Promise<{ listing: Listing<PlacedAccount>; calls: number }> => {
    if (walked?.runId === run.runId) {
      const { listing } = walked;
      walked = undefined;
      return { listing, calls: 0 };
    }
    const listing = await organizations().listAccountsByParent();
    walked = { runId: run.runId, listing };
    return { listing, calls: listing.calls };
  };
  const lastById = (items: readonly PlacedAccount[]): PlacedAccount[] => [
    ...new Map(items.map((item) => [item.account.id, item])).values(),
  ];
  const accounts: AuditSource = {
    kind: 'account',
    list: async (run) => {
      const { listing, calls } = await walk(run);
      return {
        ...listing,
        calls,
        items: lastById(listing.items).map(({ account }) => ({ id: account.id, data: account })),
      };
    },
  };
  const placements: AuditSource = {
    kind: 'placement',
    list: async (run) => {
      const { listing, calls } = await walk(run);
      return {
        ...listing,
        calls,
        items: lastById(listing.items).map(({ account, parentId }) => ({
          id: account.id,
          data: placementData(account.id, parentId),
        })),
      };
    },
  };
  return [accounts, placements];
};

/**
 * The Organizations sources: member accounts and where they sit, the handshakes the organization sent and received,
 * billing transfers both ways.
 */
export const organizationsSources = (organizations: () => OrganizationsReader, clock: Clock): AuditSource[] => [
  ...organizationTreeSources(organizations),
  {
    kind: 'handshake',
    list: async () =>
      withIds(
        await listingOf(2, async () => [
          ...(await organizations().listHandshakes()),
          ...(await organizations().listReceivedHandshakes()),
        ]),
      ),
  },
  { kind: 'transfer', list: async () => withIds(await listingOf(2, () => organizations().listTransfers(clock.now()))) },
];
