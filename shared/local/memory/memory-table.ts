import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { UpstreamRejectedError } from '../../domain/errors';

/** A stored record in native form: numbers, strings, string sets as `Set`s, maps, lists. */
export type Item = Record<string, unknown>;

/**
 * A record as DynamoDB would keep it: through the same conversion as the DynamoDB store's items
 * (undefined values left out, numbers as numbers, sets as sets), and a copy, so that no caller ever
 * holds a stored object.
 */
export const copyItem = (item: Item): Item => unmarshall(marshall(item, { removeUndefinedValues: true }));

/** One write of a transaction: the record it touches, its condition (absent: none), what it does. */
export interface Write {
  readonly key: string;
  readonly check?: () => boolean;
  readonly apply: () => void;
}

/** A transaction refused for good, as the DynamoDB store reports a cancelled one (`classifyAwsError`). */
export const rejected = (what: string, reason: string): UpstreamRejectedError =>
  new UpstreamRejectedError(`${what}: TransactionCanceledException: ${reason}`);

/** DynamoDB's limit of writes per transaction. */
export const maxWrites = 100;

/** A request DynamoDB refuses before looking at any item (`ValidationException`, permanent). */
const invalid = (what: string, reason: string): UpstreamRejectedError =>
  new UpstreamRejectedError(`${what}: ValidationException: ${reason}`);

/**
 * All writes or none, as `TransactWriteItems`: every condition is checked first; when one fails,
 * nothing is written and the index of each write whose condition failed is returned. Two writes of
 * one record in one transaction, or more than 100 writes, are refused, as DynamoDB refuses them.
 * Synchronous: no other call of the store can come in between.
 */
export const transact = (writes: readonly Write[], what: string): number[] => {
  if (writes.length > maxWrites) throw invalid(what, `at most ${maxWrites} items per transaction`);
  if (new Set(writes.map((w) => w.key)).size < writes.length) throw invalid(what, 'multiple operations on one item');
  const failed = writes.flatMap((write, index) => (write.check && !write.check() ? [index] : []));
  if (failed.length === 0) for (const write of writes) write.apply();
  return failed;
};

/** The item without the due index's attribute (as the DynamoDB store strips its index attributes). */
export const stripDue = (item: Item): Item => {
  const { dueAt: _dueAt, ...rest } = item;
  return rest;
};
