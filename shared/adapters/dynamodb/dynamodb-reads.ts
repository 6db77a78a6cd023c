import { GetCommand, PutCommand, QueryCommand, BatchGetCommand, paginateQuery, paginateScan, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CauseRecord, JournalEntry, LedgerEntry } from '../../domain/ledger';
import type { Snapshot, Transition } from '../../domain/snapshot';
import type { DuePage, StoredSubject } from '../../ports/state-store';
import { classifyAwsError } from '../aws-errors';
import { decodeCursor, encodeCursor, toCauseRecord, toJournal, toLedger, toSnapshot, toTransition, type Item } from './items';
import { attributeNames as a, dueIndexName, journalIndexName, keys, subjectsIndexName } from './keys';

/** DynamoDB allows 100 items per transaction and per BatchGetItem. */
export const maxItems = 100;

/** An item's table key as one string. */
export const keyOf = (item: Item): string => `${String(item[a.pk])}\u0000${String(item[a.sk])}`;

/**
 * The reads of orgwarden's table: single items, the due-time and subjects indexes, the sweep
 * cursor, and the listings of the CLI and the local stack (scans the functions never make).
 */
export class DynamoDbReads {
  constructor(
    protected readonly doc: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async listDue(partition: string, upTo: string, limit: number, after?: string): Promise<DuePage> {
    try {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: dueIndexName,
          KeyConditionExpression: '#duePk = :p AND #dueAt <= :upTo',
          ExpressionAttributeNames: { '#duePk': a.duePk, '#dueAt': a.dueAt },
          ExpressionAttributeValues: { ':p': partition, ':upTo': upTo },
          Limit: limit,
          ExclusiveStartKey: decodeCursor(after),
        }),
      );
      const items = (out.Items ?? []).map((item) => {
        const pk = String(item[a.pk]);
        const dueAt = String(item[a.dueAt]);
        return pk.startsWith(keys.ledgerPrefix) ? { kind: 'ledger' as const, id: pk.slice(keys.ledgerPrefix.length), dueAt } : { kind: 'subject' as const, subject: pk.slice(keys.subjectPrefix.length), dueAt };
      });
      const next = encodeCursor(out.LastEvaluatedKey);
      return { items, ...(next ? { next } : {}) };
    } catch (error) {
      throw classifyAwsError(error, 'query due items');
    }
  }

  duePartitions(since: string | undefined, upTo: string): readonly string[] {
    // Without a cursor (a new table), nothing can be due before the day before: every due time is
    // written no earlier than the moment it is written.
    const sinceDay = since ?? keys.dayOf(new Date(Date.parse(upTo) - 86_400_000).toISOString());
    return keys.duePartitions(sinceDay, upTo);
  }

  async listSubjects(kind: string): Promise<StoredSubject[]> {
    const found: StoredSubject[] = [];
    try {
      for (const partition of keys.kindPartitions(kind)) {
        const pages = paginateQuery({ client: this.doc }, { TableName: this.tableName, IndexName: subjectsIndexName, KeyConditionExpression: 'kindPk = :p', ExpressionAttributeValues: { ':p': partition } });
        for await (const page of pages) {
          for (const item of page.Items ?? []) found.push({ subject: String(item.subject), state: String(item.state), version: Number(item.version), digest: String(item.digest ?? '') });
        }
      }
    } catch (error) {
      throw classifyAwsError(error, `list stored ${kind} subjects`);
    }
    return found.sort((x, y) => x.subject.localeCompare(y.subject));
  }

  async hasSubjects(kind: string): Promise<boolean> {
    try {
      for (const partition of keys.kindPartitions(kind)) {
        const out = await this.doc.send(new QueryCommand({ TableName: this.tableName, IndexName: subjectsIndexName, KeyConditionExpression: 'kindPk = :p', ExpressionAttributeValues: { ':p': partition }, Limit: 1 }));
        if ((out.Items?.length ?? 0) > 0) return true;
      }
      return false;
    } catch (error) {
      throw classifyAwsError(error, `look for stored ${kind} subjects`);
    }
  }

  /** The causes processed in [since, until], oldest first, with their function (the journal index; the events themselves by `getProcessed`). */
  async listJournal(since: string, until: string): Promise<Array<Pick<CauseRecord, 'eventId' | 'eventName' | 'source' | 'processedAt' | 'functionName' | 'replayName'>>> {
    const found: Array<Pick<CauseRecord, 'eventId' | 'eventName' | 'source' | 'processedAt' | 'functionName' | 'replayName'>> = [];
    try {
      for (const partition of keys.journalPartitions(keys.dayOf(since), keys.dayOf(until))) {
        const pages = paginateQuery(
          { client: this.doc },
          { TableName: this.tableName, IndexName: journalIndexName, KeyConditionExpression: 'journalPk = :p AND processedAt BETWEEN :since AND :until', ExpressionAttributeValues: { ':p': partition, ':since': since, ':until': until } },
        );
        for await (const page of pages) for (const item of page.Items ?? []) found.push(toCauseRecord(item));
      }
    } catch (error) {
      throw classifyAwsError(error, 'list the journal');
    }
    return found.sort((x, y) => x.processedAt.localeCompare(y.processedAt) || x.eventId.localeCompare(y.eventId));
  }

  async getSweepCursor(): Promise<string | undefined> {
    const item = await this.get(keys.sweepCursor, 'read sweep cursor');
    return typeof item?.cursor === 'string' ? item.cursor : undefined;
  }

  async setSweepCursor(cursor: string): Promise<void> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.sweepCursor, cursor } }));
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

  async listSnapshots(subjectPrefix = ''): Promise<Snapshot[]> {
    const items = await this.scan('#sk = :snapshot AND begins_with(#pk, :prefix)', { ':snapshot': keys.snapshotSk, ':prefix': `${keys.subjectPrefix}${subjectPrefix}` }, { '#pk': a.pk, '#sk': a.sk });
    return items.map(toSnapshot).sort((x, y) => x.subject.localeCompare(y.subject));
  }

  async listHistory(subject?: string): Promise<Transition[]> {
    const items = subject ? await this.queryAll(keys.subjectPk(subject), keys.historyPrefix) : await this.scan('begins_with(#sk, :history)', { ':history': keys.historyPrefix }, { '#sk': a.sk });
    return items.map(toTransition).sort((x, y) => x.at.localeCompare(y.at) || x.subject.localeCompare(y.subject) || x.version - y.version);
  }

  /** The earliest `dueAt` in the table (a scan: for the local stack's schedules, never for the functions). */
  async earliestDue(): Promise<string | undefined> {
    const items = await this.scan('attribute_exists(#dueAt)', {}, { '#dueAt': a.dueAt });
    return items.map((item) => String(item[a.dueAt])).sort()[0];
  }

  protected async batchGet(wanted: readonly Item[], what: string): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    for (let start = 0; start < wanted.length; start += maxItems) {
      let pending: Item[] | undefined = wanted.slice(start, start + maxItems);
      while (pending && pending.length > 0) {
        try {
          const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
          for (const item of out.Responses?.[this.tableName] ?? []) found.set(keyOf(item), item);
          pending = out.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
        } catch (error) {
          throw classifyAwsError(error, what);
        }
      }
    }
    return found;
  }

  protected async get(itemKey: Item, what: string): Promise<Item | undefined> {
    try {
      return (await this.doc.send(new GetCommand({ TableName: this.tableName, Key: itemKey, ConsistentRead: true }))).Item;
    } catch (error) {
      throw classifyAwsError(error, what);
    }
  }

  protected async queryAll(pk: string, skPrefix: string): Promise<Item[]> {
    const items: Item[] = [];
    const pages = paginateQuery(
      { client: this.doc },
      { TableName: this.tableName, KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)', ExpressionAttributeNames: { '#pk': a.pk, '#sk': a.sk }, ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix }, ConsistentRead: true },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }

  /** Listing everything is for the CLI and the local stack; the functions never scan. */
  protected async scan(filter: string, values: Item, names: Record<string, string>): Promise<Item[]> {
    const items: Item[] = [];
    const pages = paginateScan(
      { client: this.doc },
      { TableName: this.tableName, FilterExpression: filter, ExpressionAttributeNames: names, ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}), ConsistentRead: true },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }
}
