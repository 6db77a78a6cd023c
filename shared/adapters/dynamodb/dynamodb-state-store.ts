import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  paginateQuery,
  paginateScan,
} from '@aws-sdk/lib-dynamodb';
import type { JournalEntry, LedgerEntry } from '../../domain/ledger';
import type { Snapshot, Transition } from '../../domain/snapshot';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Commit, CommitResult, StateStore } from '../../ports/state-store';
import { classifyAwsError } from '../aws-errors';
import { attributeNames as a, keys, subjectOfKey } from './keys';

type Item = Record<string, unknown>;

/** The only code that knows orgwarden's DynamoDB attribute names. */
export class DynamoDbStateStore implements StateStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async getSnapshot(subject: string): Promise<Snapshot | undefined> {
    const item = await this.get(keys.snapshot(subject), 'read snapshot');
    return item ? toSnapshot(item) : undefined;
  }

  async commit(commit: Commit): Promise<CommitResult> {
    const { journal, snapshot, history, ledger = [] } = commit;
    const notExists = `attribute_not_exists(${a.pk})`;
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      { Put: { TableName: this.tableName, Item: { ...keys.journal(journal.eventId, journal.subject), ...journal }, ConditionExpression: notExists } },
    ];
    if (snapshot) {
      const { next, expectedVersion } = snapshot;
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...keys.snapshot(next.subject), ...next },
          ...(expectedVersion === 0
            ? { ConditionExpression: notExists }
            : { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
        },
      });
    }
    if (history) {
      items.push({ Put: { TableName: this.tableName, Item: { ...keys.history(history.subject, history.version), ...history }, ConditionExpression: notExists } });
    }
    for (const entry of ledger) {
      items.push({ Put: { TableName: this.tableName, Item: { ...keys.ledger(entry.id), ...entry, ...openDue(entry) }, ConditionExpression: notExists } });
    }
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return 'committed';
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) return 'conflict';
      }
      throw classifyAwsError(error, 'commit change');
    }
  }

  async getJournal(eventId: string, subject: string): Promise<JournalEntry | undefined> {
    const item = await this.get(keys.journal(eventId, subject), 'read journal');
    return item ? (strip(item) as unknown as JournalEntry) : undefined;
  }

  async getLedger(id: string): Promise<LedgerEntry | undefined> {
    const item = await this.get(keys.ledger(id), 'read ledger');
    return item ? (strip(item) as unknown as LedgerEntry) : undefined;
  }

  async claimLedger(id: string, now: Date, leaseUntil: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.ledger(id),
          UpdateExpression: 'SET leaseUntil = :lease, #dueAt = :lease',
          ConditionExpression: '#status = :claimed AND leaseUntil < :now',
          ExpressionAttributeNames: { '#status': 'status', '#dueAt': a.dueAt },
          ExpressionAttributeValues: { ':lease': leaseUntil, ':claimed': 'claimed', ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw classifyAwsError(error, 'claim ledger entry');
    }
  }

  async releaseLedger(id: string): Promise<void> {
    const released = new Date(0).toISOString();
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.ledger(id),
          UpdateExpression: 'SET leaseUntil = :released, #dueAt = :released',
          ConditionExpression: '#status = :claimed',
          ExpressionAttributeNames: { '#status': 'status', '#dueAt': a.dueAt },
          ExpressionAttributeValues: { ':released': released, ':claimed': 'claimed' },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      throw classifyAwsError(error, 'release ledger entry');
    }
  }

  async completeLedger(id: string, at: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.ledger(id),
          UpdateExpression: 'SET #status = :done, completedAt = :at REMOVE #duePk, #dueAt',
          ExpressionAttributeNames: { '#status': 'status', '#duePk': a.duePk, '#dueAt': a.dueAt },
          ExpressionAttributeValues: { ':done': 'done', ':at': at },
        }),
      );
    } catch (error) {
      throw classifyAwsError(error, 'complete ledger entry');
    }
  }

  async listSnapshots(subjectPrefix = ''): Promise<Snapshot[]> {
    const items = await this.scan(
      '#sk = :snapshot AND begins_with(#pk, :prefix)',
      { ':snapshot': keys.snapshotSk, ':prefix': `${keys.subjectPrefix}${subjectPrefix}` },
      { '#pk': a.pk, '#sk': a.sk },
    );
    return items.map(toSnapshot).sort((x, y) => x.subject.localeCompare(y.subject));
  }

  async listHistory(subject?: string): Promise<Transition[]> {
    const items = subject
      ? await this.queryAll(keys.subjectPk(subject), keys.historyPrefix)
      : await this.scan('begins_with(#sk, :history)', { ':history': keys.historyPrefix }, { '#sk': a.sk });
    return items
      .map((item) => strip(item) as unknown as Transition)
      .sort((x, y) => x.at.localeCompare(y.at) || x.subject.localeCompare(y.subject) || x.version - y.version);
  }

  private async get(key: Item, what: string): Promise<Item | undefined> {
    try {
      const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      return out.Item;
    } catch (error) {
      throw classifyAwsError(error, what);
    }
  }

  private async queryAll(pk: string, skPrefix: string): Promise<Item[]> {
    const items: Item[] = [];
    const pages = paginateQuery(
      { client: this.doc },
      {
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': a.pk, '#sk': a.sk },
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }

  /** Listing everything is for the CLI and the local stack; the handlers never scan. */
  private async scan(filter: string, values: Item, names: Record<string, string>): Promise<Item[]> {
    const items: Item[] = [];
    const pages = paginateScan(
      { client: this.doc },
      { TableName: this.tableName, FilterExpression: filter, ExpressionAttributeNames: names, ExpressionAttributeValues: values, ConsistentRead: true },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }
}

const openDue = (entry: LedgerEntry): Item => (entry.status === 'claimed' ? { [a.duePk]: keys.openLedgerDue, [a.dueAt]: entry.leaseUntil } : {});

const strip = (item: Item): Item => {
  const { [a.pk]: _pk, [a.sk]: _sk, [a.duePk]: _duePk, [a.dueAt]: _dueAt, [a.ttl]: _ttl, ...rest } = item;
  return rest;
};

const toSnapshot = (item: Item): Snapshot => ({ ...(strip(item) as unknown as Snapshot), subject: subjectOfKey(String(item[a.pk])) });
