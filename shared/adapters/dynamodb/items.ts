import type { CauseRecord, JournalEntry, LedgerEntry } from '../../domain/ledger';
import type { Snapshot, Transition } from '../../domain/snapshot';
import type { CommittedChange } from '../../ports/state-store';
import { attributeNames as a, keys, subjectOfKey } from './keys';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * A DynamoDB item in native form (`toAttributes` below converts it: numbers, strings, string sets as
 * `Set`s, maps, lists).
 */
export type Item = Record<string, unknown>;

/** The item without its keys and index attributes. */
export const strip = (item: Item): Item => {
  const { [a.pk]: _pk, [a.sk]: _sk, [a.duePk]: _duePk, [a.dueAt]: _dueAt, [a.ttl]: _ttl, ...rest } = item;
  return rest;
};

export const toSnapshot = (item: Item): Snapshot => {
  const { pending: _pending, kindPk: _kindPk, subject: _subject, digest: _digest, ...rest } = strip(item);
  return { ...(rest as unknown as Snapshot), subject: subjectOfKey(String(item[a.pk])) };
};

/** The ids of the subject's unfinished effects (a string set; absent when empty). */
export const pendingOf = (item: Item | undefined): string[] => {
  const pending = item?.pending;
  return pending instanceof Set ? [...(pending as Set<string>)].sort() : [];
};

export const toJournal = (item: Item): JournalEntry => strip(item) as unknown as JournalEntry;
export const toLedger = (item: Item): LedgerEntry => strip(item) as unknown as LedgerEntry;
export const toCauseRecord = (item: Item): CauseRecord => {
  const { journalPk: _journalPk, ...rest } = strip(item);
  return rest as unknown as CauseRecord;
};
export const toTransition = (item: Item): Transition => {
  const { data: _data, ...transition } = strip(item);
  return transition as unknown as Transition;
};

/** A history item as the change it records: the transition and the data of the version it produced. */
export const toChange = (item: Item): CommittedChange => {
  const data = item.data;
  return {
    transition: toTransition(item),
    ...(data && typeof data === 'object' ? { data: data as Record<string, unknown> } : {}),
  };
};

/** Seconds since the epoch, `days` after `iso`: DynamoDB's TTL deletes the item some time after. */
export const expiresAfter = (iso: string, days: number): number => Math.floor(Date.parse(iso) / 1000) + days * 86_400;

/** The index attributes of an open ledger entry: the sweep takes it over once its lease ends. */
export const dueOfLedger = (id: string, dueAt: string): Item => ({
  [a.duePk]: keys.duePk(keys.ledger(id).pk, dueAt),
  [a.dueAt]: dueAt,
});

/** The index attributes of a subject with a deadline. */
export const dueOfSubject = (subject: string, dueAt: string): Item => ({
  [a.duePk]: keys.duePk(keys.snapshot(subject).pk, dueAt),
  [a.dueAt]: dueAt,
});

/** A cursor for `listDue` from DynamoDB's LastEvaluatedKey (an opaque string for the caller). */
export const encodeCursor = (key: Item | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
export const decodeCursor = (cursor: string | undefined): Item | undefined =>
  cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Item) : undefined;

/**
 * orgwarden's items in DynamoDB's attribute-value form and back, with the AWS SDK's util-dynamodb
 * (what lib-dynamodb's document client does for every command, without its generic layer of
 * per-command key paths: 5 KiB of every bundle). Undefined values are left out, as the document
 * client was told to; numbers come back as numbers and string sets as `Set`s.
 */
export const toAttributes = (item: Item): Record<string, AttributeValue> =>
  marshall(item, { removeUndefinedValues: true });

export const fromAttributes = (attributes: Record<string, AttributeValue>): Item => unmarshall(attributes);

/** A key or item that may be absent (a paginated read's last key, say). */
export const maybeFromAttributes = (attributes: Record<string, AttributeValue> | undefined): Item | undefined =>
  attributes ? fromAttributes(attributes) : undefined;
