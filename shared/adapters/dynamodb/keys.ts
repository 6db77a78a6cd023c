import { refOf, subjectId } from '../../domain/subjects/subject-type';
import type { DueSlice } from '../../ports/state-store';

/**
 * Every DynamoDB key orgwarden uses is built here, and nowhere else. One table:
 *
 * | item       | pk                  | sk                          | duePk / dueAt (index `due`)            |
 * |------------|---------------------|-----------------------------|----------------------------------------|
 * | snapshot   | SUBJECT#<subject>   | SNAPSHOT                    | DUE#<day>#<shard> / next deadline      |
 *   (a snapshot is also in the index `subjects`: kindPk KIND#<kind>#<shard>, subject; with state, version, digest)
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
