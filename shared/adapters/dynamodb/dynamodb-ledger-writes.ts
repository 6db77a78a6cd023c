import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { CauseRecord, LedgerEntry } from '../../domain/ledger';
import { classifyAwsError } from '../aws-errors';
import { DynamoDbReads } from './dynamodb-reads';
import {
  attributeNames as a,
  dueOfLedger,
  dueOfSubject,
  fromAttributes,
  keys,
  maxItems,
  putLedger,
  putProcessed,
  toAttributes,
  toLedger,
} from './table';

export interface DynamoDbStateStoreOptions {
  /** How long journal lines and processed marks are kept (DynamoDB TTL); replays older than that re-process. */
  readonly journalRetentionDays?: number;
}

/**
 * The writes outside an event's own transactions: the sweep's and the audit's claims of ledger entries,
 * follow-ups added to their subjects, processed marks and deadlines set on their own. The event path's
 * transactions (begin, commit, settle) are in `DynamoDbStateStore`, which extends this.
 */
export class DynamoDbLedgerWrites extends DynamoDbReads {
  protected readonly retentionDays: number;

  constructor(
    tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
    options: DynamoDbStateStoreOptions = {},
  ) {
    super(client, tableName);
    this.retentionDays = options.journalRetentionDays ?? 90;
  }

  async claimLedger(
    id: string,
    now: Date,
    leaseUntil: string,
  ): Promise<{ readonly claimed: LedgerEntry } | 'done' | 'held' | 'missing'> {
    try {
      const out = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toAttributes(keys.ledger(id)),
          UpdateExpression: 'SET leaseUntil = :lease, #duePk = :duePk, #dueAt = :lease ADD attempts :one',
          ConditionExpression: '#status = :claimed AND leaseUntil <= :now',
          ExpressionAttributeNames: { '#status': 'status', '#duePk': a.duePk, '#dueAt': a.dueAt },
          ExpressionAttributeValues: toAttributes({
            ':lease': leaseUntil,
            ':duePk': dueOfLedger(id, leaseUntil)[a.duePk],
            ':claimed': 'claimed',
            ':now': now.toISOString(),
            ':one': 1,
          }),
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: toLedger(fromAttributes(out.Attributes ?? {})) };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        const old = error.Item;
        if (!old) return 'missing';
        return old.status?.S === 'claimed' ? 'held' : 'done';
      }
      throw classifyAwsError(error, 'claim ledger entry');
    }
  }

  async addEffects(entries: readonly LedgerEntry[]): Promise<LedgerEntry[]> {
    const created: LedgerEntry[] = [];
    for (const entry of entries) {
      try {
        await this.client.send(new PutItemCommand(putLedger(this.tableName, entry).Put!));
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) continue;
        throw classifyAwsError(error, 'add effect');
      }
      created.push(entry);
    }
    if (created.length > 0) {
      // The entries are in the due index already: a crash before this update loses nothing.
      const bySubject = new Map<string, LedgerEntry[]>();
      for (const entry of created) bySubject.set(entry.subject, [...(bySubject.get(entry.subject) ?? []), entry]);
      for (const [subject, group] of bySubject) {
        try {
          await this.client.send(
            new UpdateItemCommand({
              TableName: this.tableName,
              Key: toAttributes(keys.snapshot(subject)),
              UpdateExpression: 'ADD pending :ids',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: toAttributes({ ':ids': new Set(group.map((e) => e.id)) }),
            }),
          );
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException))
            throw classifyAwsError(error, 'add effect to its subject');
        }
      }
    }
    return created;
  }

  async markProcessed(record: CauseRecord): Promise<void> {
    try {
      await this.client.send(new PutItemCommand(putProcessed(this.tableName, record, this.retentionDays).Put!));
    } catch (error) {
      throw classifyAwsError(error, 'mark cause processed');
    }
  }

  async setSubjectDue(subject: string, dueAt: string | undefined): Promise<void> {
    const set = dueAt
      ? {
          UpdateExpression: 'SET #duePk = :duePk, #dueAt = :dueAt',
          ExpressionAttributeValues: toAttributes({ ':duePk': dueOfSubject(subject, dueAt)[a.duePk], ':dueAt': dueAt }),
        }
      : { UpdateExpression: 'REMOVE #duePk, #dueAt' };
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toAttributes(keys.snapshot(subject)),
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#duePk': a.duePk, '#dueAt': a.dueAt },
          ...set,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      throw classifyAwsError(error, 'set subject deadline');
    }
  }

  /**
   * Follow-up entries, added to their subjects' pending sets. A subject's entries and its pending set
   * are written together, in transactions of at most 100 items (DynamoDB's limit): an audit chunk can
   * settle a follow-up for each of 200 subjects. An entry that exists already (an earlier attempt
   * created it before it crashed) is left as it is, its payload standing, and returned; the others of
   * its transaction are written again without it (a cancelled transaction writes none of them).
   */
  protected async createEntries(entries: readonly LedgerEntry[]): Promise<string[]> {
    const bySubject = new Map<string, LedgerEntry[]>();
    for (const entry of entries) bySubject.set(entry.subject, [...(bySubject.get(entry.subject) ?? []), entry]);
    const batches: LedgerEntry[][] = [[]];
    let size = 0;
    for (const owned of bySubject.values()) {
      if (size > 0 && size + owned.length + 1 > maxItems) {
        batches.push([]);
        size = 0;
      }
      batches.at(-1)!.push(...owned);
      size += owned.length + 1;
    }
    const existing: string[] = [];
    for (let batch of batches) {
      while (batch.length > 0) {
        const pending = new Map<string, string[]>();
        for (const entry of batch) pending.set(entry.subject, [...(pending.get(entry.subject) ?? []), entry.id]);
        const updates: TransactWriteItem[] = [...pending].map(([subject, ids]) => ({
          Update: {
            TableName: this.tableName,
            Key: toAttributes(keys.snapshot(subject)),
            UpdateExpression: 'ADD pending :ids',
            ExpressionAttributeValues: toAttributes({ ':ids': new Set(ids) }),
          },
        }));
        try {
          await this.client.send(
            new TransactWriteItemsCommand({
              TransactItems: [...batch.map((entry) => putLedger(this.tableName, entry)), ...updates],
            }),
          );
          break;
        } catch (error) {
          // The puts come first: the reason at an entry's index says whether it exists already.
          const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
          const found = batch.filter((_, i) => reasons[i]?.Code === 'ConditionalCheckFailed');
          if (found.length === 0) throw classifyAwsError(error, 'create follow-up effects');
          existing.push(...found.map((entry) => entry.id));
          batch = batch.filter((entry) => !found.includes(entry));
        }
      }
    }
    return existing;
  }
}
