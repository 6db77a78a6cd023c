import { keys } from '../../adapters/dynamodb/table';
import type { DueSlice } from '../../ports/state-store';

/**
 * The due index's slices, cut as the DynamoDB store cuts them (a day and a shard of the item's key,
 * `keys.duePartition`), so that the sweep reads the same slices, pages and order on both stores. The
 * only code of the in-memory store that knows how items are sharded.
 */
export type DueOwner =
  { readonly kind: 'ledger'; readonly id: string } | { readonly kind: 'subject'; readonly subject: string };

/** The key the due index sorts ties by and shards by: the DynamoDB item's partition key. */
export const dueKeyOf = (owner: DueOwner): string =>
  owner.kind === 'ledger' ? keys.ledger(owner.id).pk : keys.snapshot(owner.subject).pk;

/** The partition an item due at `dueAt` sits in. */
export const duePartitionOf = (owner: DueOwner, dueAt: string): string => keys.duePk(dueKeyOf(owner), dueAt);

/** As `DynamoDbReads.dueSlices`: without a cursor, from the day before `upTo` (nothing is due earlier). */
export const dueSlicesOf = (since: string | undefined, upTo: string): readonly DueSlice[] =>
  keys.dueSlices(since ?? keys.dayOf(new Date(Date.parse(upTo) - 86_400_000).toISOString()), upTo);
