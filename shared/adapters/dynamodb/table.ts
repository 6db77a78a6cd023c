import type { CauseRecord, JournalEntry, LedgerEntry } from '../../domain/ledger';
import type { Snapshot, Transition } from '../../domain/snapshot';
import { refOf, subjectId } from '../../domain/subjects/subject-type';
import type { CommittedChange, DueSlice } from '../../ports/state-store';
import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * The state table's layout, the only code that knows it: every DynamoDB key, index attribute and item
 * form orgwarden uses is built and read back here, and nowhere else. One table:
 *
 * | item       | pk                  | sk                          | duePk / dueAt (index `due`)            |
 * |------------|---------------------|-----------------------------|----------------------------------------|
 * | snapshot   | SUBJECT#<subject>   | SNAPSHOT                    | DUE#<day>#<shard> / next deadline      |
 *   (a snapshot is also in the index `subjects`: kindPk KIND#<kind>#<shard>, subject; with state, version, digest;
 *   and, while its type gives it a lookup key, in the index `lookup`: lookupPk LOOKUP#<kind>#<key>, subject)
 * | history    | SUBJECT#<subject>   | HISTORY#<version, 10 digits>|                                        |
 * | journal    | EVENT#<causeId>     | JOURNAL#<subject>           |                                        |
 * | processed  | EVENT#<causeId>     | PROCESSED                   |                                        |
 *   (a processed mark is also in the index `journal`: journalPk JOURNAL#<day>#<shard>, processedAt)
 * | ledger     | LEDGER#<ledgerId>   | LEDGER                      | DUE#<day>#<shard> / lease end, while open |
 * | cursor     | SWEEP               | CURSOR                      |                                        |
 * | audit run  | AUDIT-RUN#<runId>   | PROGRESS                    |                                        |
 * | party case | PARTYCASE#<party>   | CASE                        |                                        |
 * | case count | CASECOUNT#<hour>    | COUNT                       |                                        |
 *
 * The due index is partitioned by the UTC day of `dueAt` and one of {@link dueShards} shards (a
 * hash of the item's key), so that no single partition key value carries the write rate of the
 * whole system: the index takes about `dueShards` × 1,000 writes per second before any partition
 * of it throttles.
 */
export const attributeNames = {
  pk: 'pk',
  sk: 'sk',
  duePk: 'duePk',
  dueAt: 'dueAt',
  ttl: 'ttl',
} as const;

export const dueIndexName = 'due';

/** The index of stored subjects by kind (sparse: snapshot items only). */
export const subjectsIndexName = 'subjects';

/** The index of open subjects by the key they are found by (sparse: snapshots with a lookup key only). */
export const lookupIndexName = 'lookup';

/** The index of processed marks by the time they were processed (for replays from the journal). */
export const journalIndexName = 'journal';

/** Shards of each kind in the subjects index. */
export const kindShards = 8;

/** Shards of each day of the due index. */
export const dueShards = 8;

const pad = (version: number): string => String(version).padStart(10, '0');

const subjectPk = (subject: string): string => `SUBJECT#${subject}`;

/** FNV-1a: a stable, cheap spread of keys over the shards. */
const shardOf = (key: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash % dueShards;
};

const dayOf = (iso: string): string => iso.slice(0, 10);

const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

const duePartition = (slice: DueSlice): string => `DUE#${slice.day}#${slice.shard}`;

export const keys = {
  subjectPk,
  snapshot: (subject: string) => ({ pk: subjectPk(subject), sk: 'SNAPSHOT' }),
  history: (subject: string, version: number) => ({ pk: subjectPk(subject), sk: `HISTORY#${pad(version)}` }),
  historyPrefix: 'HISTORY#',
  journal: (causeId: string, subject: string) => ({ pk: `EVENT#${causeId}`, sk: `JOURNAL#${subject}` }),
  processed: (causeId: string) => ({ pk: `EVENT#${causeId}`, sk: 'PROCESSED' }),
  ledger: (id: string) => ({ pk: `LEDGER#${id}`, sk: 'LEDGER' }),
  sweepCursor: { pk: 'SWEEP', sk: 'CURSOR' },
  /** Where an audit run stands between its invocations (its report is the `audit-run:<id>` snapshot). */
  auditRun: (runId: string) => ({ pk: `AUDIT-RUN#${runId}`, sk: 'PROGRESS' }),
  /** The Security IR case of one outside party (`casePartyKey`): at most one open at a time. */
  partyCase: (party: string) => ({ pk: `PARTYCASE#${party}`, sk: 'CASE' }),
  /** How many new cases the UTC hour (`caseHourOf`) has had: the policy caps it. */
  caseCount: (hour: string) => ({ pk: `CASECOUNT#${hour}`, sk: 'COUNT' }),
  subjectPrefix: 'SUBJECT#',
  ledgerPrefix: 'LEDGER#',
  snapshotSk: 'SNAPSHOT',
  /** The journal-index partition of a processed mark: the UTC day it was processed and a shard. */
  journalPk: (causeId: string, processedAt: string): string => `JOURNAL#${dayOf(processedAt)}#${shardOf(causeId)}`,
  journalPartitions: (sinceDay: string, untilDay: string): string[] => {
    const partitions: string[] = [];
    for (let day = sinceDay; day <= untilDay; day = nextDay(day))
      for (let shard = 0; shard < dueShards; shard++) partitions.push(`JOURNAL#${day}#${shard}`);
    return partitions;
  },
  /** The subjects-index partition of a subject: its kind and a shard. */
  kindPk: (subject: string): string => `KIND#${refOf(subject).kind}#${shardOf(subject) % kindShards}`,
  kindPartitions: (kind: string): string[] => Array.from({ length: kindShards }, (_, shard) => `KIND#${kind}#${shard}`),
  /** The lookup-index partition of the subjects of a kind found by `key` (a pending invitation by its invitee). */
  lookupPk: (kind: string, key: string): string => `LOOKUP#${kind}#${key}`,
  /** The due-index partition of an item (by its pk) due at `dueAt`. */
  duePk: (pk: string, dueAt: string): string => duePartition({ day: dayOf(dueAt), shard: shardOf(pk) }),
  /** The due-index partition of a slice of it: `DUE#<day>#<shard>`. */
  duePartition,
  /** Every slice of the days from `sinceDay` to the day of `upTo`, oldest first. */
  dueSlices: (sinceDay: string, upTo: string): DueSlice[] => {
    const slices: DueSlice[] = [];
    for (let day = sinceDay; day <= dayOf(upTo); day = nextDay(day)) {
      for (let shard = 0; shard < dueShards; shard++) slices.push({ day, shard });
    }
    return slices;
  },
  dayOf,
  nextDay,
} as const;

/**
 * The partition keys (IAM `dynamodb:LeadingKeys` patterns) of the items a writer of these subject kinds
 * writes: their snapshots and history, their ledger entries, the journal of any cause, and the records
 * it keeps besides (the Security IR case of each outside party).
 */
export const leadingKeysOf = (writes: {
  readonly kinds: readonly string[];
  readonly records?: readonly 'party-cases'[];
}): string[] => [
  ...writes.kinds.flatMap((kind) => {
    const prefix = subjectId({ kind, id: '' });
    return [`${subjectPk(prefix)}*`, `${keys.ledger(prefix).pk}*`];
  }),
  `${keys.processed('').pk}*`,
  // A party's Security IR case and the hour's count of new cases (shared/use-cases/effects/party-case.ts).
  ...(writes.records?.includes('party-cases') ? [`${keys.partyCase('').pk}*`, `${keys.caseCount('').pk}*`] : []),
];

/** The subject back from a snapshot or history key. */
export const subjectOfKey = (pk: string): string => pk.slice(keys.subjectPrefix.length);

// Items: their native form, their attribute-value form, and the writes that put them in the table.

const a = attributeNames;

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
  const {
    pending: _pending,
    kindPk: _kindPk,
    lookupPk: _lookupPk,
    subject: _subject,
    digest: _digest,
    ...rest
  } = strip(item);
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

/** DynamoDB allows 100 items per transaction and per BatchGetItem. */
export const maxItems = 100;

/** An item's table key as one string. */
export const keyOf = (item: Item): string => `${String(item[a.pk])}\u0000${String(item[a.sk])}`;

/** The conditional put of a new ledger entry, in the due index until its lease ends. */
export const putLedger = (tableName: string, entry: LedgerEntry): TransactWriteItem => ({
  Put: {
    TableName: tableName,
    Item: toAttributes({ ...keys.ledger(entry.id), ...entry, ...dueOfLedger(entry.id, entry.leaseUntil) }),
    ConditionExpression: `attribute_not_exists(${a.pk})`,
  },
});

/** The put of a cause's processed mark, in the journal index, expiring with the journal. */
export const putProcessed = (tableName: string, record: CauseRecord, retentionDays: number): TransactWriteItem => ({
  Put: {
    TableName: tableName,
    Item: toAttributes({
      ...keys.processed(record.eventId),
      ...record,
      journalPk: keys.journalPk(record.eventId, record.processedAt),
      [a.ttl]: expiresAfter(record.processedAt, retentionDays),
    }),
  },
});

/** An update of a ledger entry (its status, its lease), with the names its expression uses. */
export const updateLedger = (
  tableName: string,
  id: string,
  expression: string,
  values: Item,
  condition?: string,
): TransactWriteItem => {
  const names: Record<string, string> = { '#duePk': a.duePk, '#dueAt': a.dueAt };
  if (expression.includes('#status') || condition?.includes('#status')) names['#status'] = 'status';
  return {
    Update: {
      TableName: tableName,
      Key: toAttributes(keys.ledger(id)),
      UpdateExpression: expression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: toAttributes(values),
      ...(condition ? { ConditionExpression: condition } : {}),
    },
  };
};
