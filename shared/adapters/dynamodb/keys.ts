/**
 * Every DynamoDB key orgwarden uses is built here, and nowhere else. One table:
 *
 * | item       | pk                  | sk                               | duePk / dueAt (index `due`)     |
 * |------------|---------------------|----------------------------------|---------------------------------|
 * | snapshot   | SUBJECT#<subject>   | SNAPSHOT                         | (later: expiries)               |
 * | history    | SUBJECT#<subject>   | HISTORY#<version, 10 digits>     |                                 |
 * | journal    | EVENT#<eventId>     | JOURNAL#<subject>                |                                 |
 * | ledger     | LEDGER#<ledgerId>   | LEDGER                           | LEDGER / leaseUntil while open  |
 */
export const attributeNames = {
  pk: 'pk',
  sk: 'sk',
  duePk: 'duePk',
  dueAt: 'dueAt',
  ttl: 'ttl',
} as const;

export const dueIndexName = 'due';

const pad = (version: number): string => String(version).padStart(10, '0');

const subjectPk = (subject: string): string => `SUBJECT#${subject}`;

export const keys = {
  subjectPk,
  snapshot: (subject: string) => ({ pk: subjectPk(subject), sk: 'SNAPSHOT' }),
  history: (subject: string, version: number) => ({ pk: subjectPk(subject), sk: `HISTORY#${pad(version)}` }),
  historyPrefix: 'HISTORY#',
  journal: (eventId: string, subject: string) => ({ pk: `EVENT#${eventId}`, sk: `JOURNAL#${subject}` }),
  ledger: (id: string) => ({ pk: `LEDGER#${id}`, sk: 'LEDGER' }),
  openLedgerDue: 'LEDGER',
  subjectPrefix: 'SUBJECT#',
  snapshotSk: 'SNAPSHOT',
} as const;

/** The subject back from a snapshot or history key. */
export const subjectOfKey = (pk: string): string => pk.slice(keys.subjectPrefix.length);
