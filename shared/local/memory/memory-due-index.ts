import { keys } from '../../adapters/dynamodb/keys';

/**
 * The due index's partitions, cut as the DynamoDB store cuts them (`DUE#<day>#<shard>`, by the
 * item's key), so that the sweep reads the same partitions, pages and order on both stores. The only
 * code of the in-memory store that knows partitions: the port still names them (issue 18 item 3
 * moves them behind it; then this file goes).
 */
export type DueOwner =
  { readonly kind: 'ledger'; readonly id: string } | { readonly kind: 'subject'; readonly subject: string };

/** The key the due index sorts ties by and shards by: the DynamoDB item's partition key. */
export const dueKeyOf = (owner: DueOwner): string =>
  owner.kind === 'ledger' ? keys.ledger(owner.id).pk : keys.snapshot(owner.subject).pk;

/** The partition an item due at `dueAt` sits in. */
export const duePartitionOf = (owner: DueOwner, dueAt: string): string => keys.duePk(dueKeyOf(owner), dueAt);

/** As `DynamoDbReads.duePartitions`: without a cursor, from the day before `upTo` (nothing is due earlier). */
export const duePartitionsOf = (since: string | undefined, upTo: string): readonly string[] =>
  keys.duePartitions(since ?? keys.dayOf(new Date(Date.parse(upTo) - 86_400_000).toISOString()), upTo);
