import type { SubjectData } from '../../domain/subjects/subject-type';
import type { Clock } from '../../ports/clock';
import type { Listing, OrganizationsReader } from '../../ports/organizations';

/** The run a listing belongs to: sources of one run may share what they read (the Security IR membership). */
export interface AuditRunContext {
  readonly runId: string;
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

/** A listing that throws (a call failed after the SDK's retries) counts as incomplete. */
export const listingOf = async <T>(calls: number, list: () => Promise<readonly T[]>): Promise<Listing<T>> => {
  try {
    return { items: await list(), complete: true, calls };
  } catch (error) {
    return { items: [], complete: false, calls, error: error instanceof Error ? error.message : String(error) };
  }
};

const withIds = <T extends { id: string }>(listing: Listing<T>): Listing<{ id: string; data: SubjectData }> => ({ ...listing, items: listing.items.map((data) => ({ id: data.id, data: data as unknown as SubjectData })) });

/** The Organizations sources: member accounts, the handshakes the organization sent and received, billing transfers both ways. */
export const organizationsSources = (organizations: () => OrganizationsReader, clock: Clock): AuditSource[] => [
  { kind: 'account', list: async () => withIds(await organizations().listAccounts()) },
  {
    kind: 'handshake',
    list: async () => withIds(await listingOf(2, async () => [...(await organizations().listHandshakes()), ...(await organizations().listReceivedHandshakes())])),
  },
  { kind: 'transfer', list: async () => withIds(await listingOf(2, () => organizations().listTransfers(clock.now()))) },
];
