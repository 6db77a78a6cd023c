import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  paginateQuery,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { CauseRecord, JournalEntry, LedgerEntry } from '../../domain/ledger';
import type { Snapshot } from '../../domain/snapshot';
import type { CommittedChange, DuePage, DueSlice, StoredSubject } from '../../ports/state-store';
import { classifyAwsError } from '../aws-errors';
import {
  attributeNames as a,
  decodeCursor,
  dueIndexName,
  encodeCursor,
  fromAttributes,
  type Item,
  keys,
  maybeFromAttributes,
  lookupIndexName,
  subjectsIndexName,
  toAttributes,
  toCauseRecord,
  toChange,
  toJournal,
  toLedger,
  toSnapshot,
} from './table';

/** At most this many subjects are found by one lookup key (the in-memory store keeps the same bound). */
export const maxFound = 20;

/**
 * The reads the functions make in orgwarden's table: single items, the due-time and subjects
 * indexes, the sweep cursor. The listings of the CLI and the local stack are in
 * `DynamoDbInspection`, so that no function bundle carries a scan.
 */
export class DynamoDbReads {
  constructor(
    protected readonly client: DynamoDBClient,
    protected readonly tableName: string,
  ) {}

  async listDue(slice: DueSlice, upTo: string, limit: number, after?: string): Promise<DuePage> {
    try {
      const start = decodeCursor(after);
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: dueIndexName,
          KeyConditionExpression: '#duePk = :p AND #dueAt <= :upTo',
          ExpressionAttributeNames: { '#duePk': a.duePk, '#dueAt': a.dueAt },
          ExpressionAttributeValues: toAttributes({ ':p': keys.duePartition(slice), ':upTo': upTo }),
          Limit: limit,
          ...(start ? { ExclusiveStartKey: toAttributes(start) } : {}),
        }),
      );
      const items = (out.Items ?? []).map(fromAttributes).map((item) => {
        const pk = String(item[a.pk]);
        const dueAt = String(item[a.dueAt]);
        return pk.startsWith(keys.ledgerPrefix)
          ? { kind: 'ledger' as const, id: pk.slice(keys.ledgerPrefix.length), dueAt }
          : { kind: 'subject' as const, subject: pk.slice(keys.subjectPrefix.length), dueAt };
      });
      const next = encodeCursor(maybeFromAttributes(out.LastEvaluatedKey));
      return { items, ...(next ? { next } : {}) };
    } catch (error) {
      throw classifyAwsError(error, 'query due items');
    }
  }

  dueSlices(since: string | undefined, upTo: string): readonly DueSlice[] {
    // Without a cursor (a new table), nothing can be due before the day before: every due time is
    // written no earlier than the moment it is written.
    const sinceDay = since ?? keys.dayOf(new Date(Date.parse(upTo) - 86_400_000).toISOString());
    return keys.dueSlices(sinceDay, upTo);
  }

  async listSubjects(kind: string): Promise<StoredSubject[]> {
    const found: StoredSubject[] = [];
    try {
      for (const partition of keys.kindPartitions(kind)) {
        const pages = paginateQuery(
          { client: this.client },
          {
            TableName: this.tableName,
            IndexName: subjectsIndexName,
            KeyConditionExpression: 'kindPk = :p',
            ExpressionAttributeValues: toAttributes({ ':p': partition }),
          },
        );
        for await (const page of pages) {
          for (const item of (page.Items ?? []).map(fromAttributes))
            found.push({
              subject: String(item.subject),
              state: String(item.state),
              version: Number(item.version),
              digest: typeof item.digest === 'string' ? item.digest : '',
            });
        }
      }
    } catch (error) {
      throw classifyAwsError(error, `list stored ${kind} subjects`);
    }
    return found.sort((x, y) => x.subject.localeCompare(y.subject));
  }

  async findSubjects(kind: string, key: string): Promise<string[]> {
    try {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: lookupIndexName,
          KeyConditionExpression: 'lookupPk = :p',
          ExpressionAttributeValues: toAttributes({ ':p': keys.lookupPk(kind, key) }),
          // A key names one invitee; more than a page of open invitations to one party is not a real organization.
          Limit: maxFound,
        }),
      );
      return (out.Items ?? [])
        .map(fromAttributes)
        .flatMap((item) => (typeof item.subject === 'string' ? [item.subject] : []));
    } catch (error) {
      throw classifyAwsError(error, `find stored ${kind} subjects`);
    }
  }

  async hasSubjects(kind: string): Promise<boolean> {
    try {
      for (const partition of keys.kindPartitions(kind)) {
        const out = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: subjectsIndexName,
            KeyConditionExpression: 'kindPk = :p',
            ExpressionAttributeValues: toAttributes({ ':p': partition }),
            Limit: 1,
          }),
        );
        if ((out.Items?.length ?? 0) > 0) return true;
      }
      return false;
    } catch (error) {
      throw classifyAwsError(error, `look for stored ${kind} subjects`);
    }
  }

  async getSweepCursor(): Promise<string | undefined> {
    const item = await this.get(keys.sweepCursor, 'read sweep cursor');
    return typeof item?.cursor === 'string' ? item.cursor : undefined;
  }

  async setSweepCursor(cursor: string): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({ TableName: this.tableName, Item: toAttributes({ ...keys.sweepCursor, cursor }) }),
      );
    } catch (error) {
      throw classifyAwsError(error, 'write sweep cursor');
    }
  }

  async getSnapshot(subject: string): Promise<Snapshot | undefined> {
    const item = await this.get(keys.snapshot(subject), 'read snapshot');
    return item ? toSnapshot(item) : undefined;
  }

  async getJournal(eventId: string, subject: string): Promise<JournalEntry | undefined> {
    const item = await this.get(keys.journal(eventId, subject), 'read journal');
    return item ? toJournal(item) : undefined;
  }

  async getProcessed(eventId: string): Promise<CauseRecord | undefined> {
    const item = await this.get(keys.processed(eventId), 'read processed mark');
    return item ? toCauseRecord(item) : undefined;
  }

  async getLedger(id: string): Promise<LedgerEntry | undefined> {
    const item = await this.get(keys.ledger(id), 'read ledger');
    return item ? toLedger(item) : undefined;
  }

  async getChange(subject: string, version: number): Promise<CommittedChange | undefined> {
    const item = await this.get(keys.history(subject, version), 'read history');
    return item ? toChange(item) : undefined;
  }

  protected async get(itemKey: Item, what: string): Promise<Item | undefined> {
    try {
      return maybeFromAttributes(
        (
          await this.client.send(
            new GetItemCommand({ TableName: this.tableName, Key: toAttributes(itemKey), ConsistentRead: true }),
          )
        ).Item,
      );
    } catch (error) {
      throw classifyAwsError(error, what);
    }
  }
}
