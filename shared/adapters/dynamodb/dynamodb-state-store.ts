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
import { digestOf } from '../../domain/snapshot';
import type {
  Begin,
  Commit,
  CommitResult,
  SettleResult,
  Settlement,
  StateStore,
  SubjectState,
} from '../../ports/state-store';
import { classifyAwsError } from '../aws-errors';
import {
  fromAttributes,
  toAttributes,
  dueOfLedger,
  dueOfSubject,
  expiresAfter,
  pendingOf,
  toCauseRecord,
  toJournal,
  toLedger,
  toSnapshot,
  type Item,
} from './items';
import { DynamoDbReads, keyOf, maxItems } from './dynamodb-reads';
import { attributeNames as a, keys } from './keys';

export interface DynamoDbStateStoreOptions {
  /** How long journal lines and processed marks are kept (DynamoDB TTL); replays older than that re-process. */
  readonly journalRetentionDays?: number;
}

const notExists = `attribute_not_exists(${a.pk})`;

/** The only code that knows orgwarden's DynamoDB attribute names. */
export class DynamoDbStateStore extends DynamoDbReads implements StateStore {
  protected readonly retentionDays: number;

  constructor(
    tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
    options: DynamoDbStateStoreOptions = {},
  ) {
    super(client, tableName);
    this.retentionDays = options.journalRetentionDays ?? 90;
  }

  async begin(causeId: string, subjects: readonly string[]): Promise<Begin> {
    const wanted = [keys.processed(causeId), ...subjects.flatMap((s) => [keys.snapshot(s), keys.journal(causeId, s)])];
    const found = await this.batchGet(wanted, 'read cause and subjects');
    const processed = found.get(keyOf(keys.processed(causeId)));
    const states = new Map<string, SubjectState>();
    for (const subject of subjects) {
      const snapshot = found.get(keyOf(keys.snapshot(subject)));
      const journal = found.get(keyOf(keys.journal(causeId, subject)));
      states.set(subject, {
        ...(snapshot ? { snapshot: toSnapshot(snapshot) } : {}),
        pending: pendingOf(snapshot),
        ...(journal ? { journal: toJournal(journal) } : {}),
      });
    }
    return { ...(processed ? { processed: toCauseRecord(processed) } : {}), subjects: states };
  }

  async readSubjects(subjects: readonly string[]): Promise<ReadonlyMap<string, SubjectState>> {
    const found = await this.batchGet(
      subjects.map((s) => keys.snapshot(s)),
      'read subjects',
    );
    return new Map(
      subjects.map((subject) => {
        const item = found.get(keyOf(keys.snapshot(subject)));
        return [subject, { ...(item ? { snapshot: toSnapshot(item) } : {}), pending: pendingOf(item) }];
      }),
    );
  }

  async commit(commit: Commit): Promise<CommitResult> {
    const { journal, snapshot, history, ledger, dueAt } = commit;
    const { next, expectedVersion } = snapshot;
    const ttl = expiresAfter(journal.processedAt, this.retentionDays);
    const names: Record<string, string> = {
      '#kind': 'kind',
      '#state': 'state',
      '#version': 'version',
      '#data': 'data',
      '#duePk': a.duePk,
      '#dueAt': a.dueAt,
    };
    const values: Item = {
      ':kind': next.kind,
      ':state': next.state,
      ':version': next.version,
      ':observedAt': next.observedAt,
      ':data': next.data,
      ':kindPk': keys.kindPk(next.subject),
      ':subject': next.subject,
      ':digest': digestOf(next.data),
    };
    let update =
      'SET #kind = :kind, #state = :state, #version = :version, observedAt = :observedAt, #data = :data, kindPk = ' +
      ':kindPk, subject = :subject, digest = :digest';
    if (dueAt) {
      const due = dueOfSubject(next.subject, dueAt);
      update += ', #duePk = :duePk, #dueAt = :dueAt';
      Object.assign(values, { ':duePk': due[a.duePk], ':dueAt': dueAt });
    } else update += ' REMOVE #duePk, #dueAt';
    if (ledger.length > 0) {
      update += ' ADD pending :pending';
      values[':pending'] = new Set(ledger.map((entry) => entry.id));
    }
    if (expectedVersion > 0) values[':expected'] = expectedVersion;
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: toAttributes({ ...keys.journal(journal.eventId, journal.subject), ...journal, [a.ttl]: ttl }),
          ConditionExpression: notExists,
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: toAttributes(keys.snapshot(next.subject)),
          UpdateExpression: update,
          ConditionExpression: expectedVersion === 0 ? notExists : '#version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: toAttributes(values),
        },
      },
    ];
    // The history keeps the data of the version it produced: effects are authorized by it, never by their ledger entry.
    if (history)
      items.push({
        Put: {
          TableName: this.tableName,
          Item: toAttributes({ ...keys.history(history.subject, history.version), ...history, data: next.data }),
          ConditionExpression: notExists,
        },
      });
    for (const entry of ledger) items.push(this.putLedger(entry));
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return 'committed';
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict'))
          return 'conflict';
      }
      throw classifyAwsError(error, 'commit change');
    }
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

  async settle(settlement: Settlement): Promise<SettleResult> {
    const existing = settlement.created.length > 0 ? await this.createEntries(settlement.created) : [];
    const items: TransactWriteItem[] = [];
    const finished = new Map<string, string[]>();
    const finish = (entry: { readonly id: string; readonly subject: string }): void => {
      finished.set(entry.subject, [...(finished.get(entry.subject) ?? []), entry.id]);
    };
    const now = settlement.processed?.processedAt ?? new Date().toISOString();
    for (const entry of settlement.done) {
      items.push(
        this.updateLedger(entry.id, 'SET #status = :done, completedAt = :at REMOVE #duePk, #dueAt', {
          ':done': 'done',
          ':at': entry.completedAt ?? now,
        }),
      );
      finish(entry);
    }
    for (const { entry, failure } of settlement.failed) {
      items.push(
        this.updateLedger(
          entry.id,
          'SET #status = :failed, completedAt = :at, failure = :failure REMOVE #duePk, #dueAt',
          { ':failed': 'failed', ':at': entry.completedAt ?? now, ':failure': failure },
        ),
      );
      finish(entry);
    }
    for (const entry of settlement.forget) finish(entry);
    for (const { entry, dueAt } of settlement.released) {
      // Released: anyone may take it over from dueAt on (leaseUntil <= now then holds).
      items.push(
        this.updateLedger(
          entry.id,
          'SET leaseUntil = :due, #duePk = :duePk, #dueAt = :due',
          { ':due': dueAt, ':duePk': dueOfLedger(entry.id, dueAt)[a.duePk], ':claimed': 'claimed' },
          '#status = :claimed',
        ),
      );
    }
    for (const [subject, ids] of finished) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: toAttributes(keys.snapshot(subject)),
          UpdateExpression: 'DELETE pending :ids',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: toAttributes({ ':ids': new Set(ids) }),
        },
      });
    }
    if (settlement.processed) items.push(this.putProcessed(settlement.processed));
    for (let start = 0; start < items.length; start += maxItems) {
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: items.slice(start, start + maxItems) }));
      } catch (error) {
        throw classifyAwsError(error, 'settle effects');
      }
    }
    return { existing };
  }

  async addEffects(entries: readonly LedgerEntry[]): Promise<LedgerEntry[]> {
    const created: LedgerEntry[] = [];
    for (const entry of entries) {
      try {
        await this.client.send(new PutItemCommand(this.putLedger(entry).Put!));
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
      await this.client.send(new PutItemCommand(this.putProcessed(record).Put!));
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

  private putLedger(entry: LedgerEntry): TransactWriteItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: toAttributes({ ...keys.ledger(entry.id), ...entry, ...dueOfLedger(entry.id, entry.leaseUntil) }),
        ConditionExpression: notExists,
      },
    };
  }

  private putProcessed(record: CauseRecord): TransactWriteItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: toAttributes({
          ...keys.processed(record.eventId),
          ...record,
          journalPk: keys.journalPk(record.eventId, record.processedAt),
          [a.ttl]: expiresAfter(record.processedAt, this.retentionDays),
        }),
      },
    };
  }

  private updateLedger(id: string, expression: string, values: Item, condition?: string): TransactWriteItem {
    const names: Record<string, string> = { '#duePk': a.duePk, '#dueAt': a.dueAt };
    if (expression.includes('#status') || condition?.includes('#status')) names['#status'] = 'status';
    return {
      Update: {
        TableName: this.tableName,
        Key: toAttributes(keys.ledger(id)),
        UpdateExpression: expression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: toAttributes(values),
        ...(condition ? { ConditionExpression: condition } : {}),
      },
    };
  }

  /**
   * Follow-up entries, added to their subjects' pending sets. A subject's entries and its pending set
   * are written together, in transactions of at most 100 items (DynamoDB's limit): an audit chunk can
   * settle a follow-up for each of 200 subjects. An entry that exists already (an earlier attempt
   * created it before it crashed) is left as it is, its payload standing, and returned; the others of
   * its transaction are written again without it (a cancelled transaction writes none of them).
   */
  private async createEntries(entries: readonly LedgerEntry[]): Promise<string[]> {
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
              TransactItems: [...batch.map((entry) => this.putLedger(entry)), ...updates],
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
