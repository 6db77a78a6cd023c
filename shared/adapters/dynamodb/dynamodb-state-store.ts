import {
  BatchGetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type BatchGetItemCommandOutput,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
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
import { DynamoDbLedgerWrites } from './dynamodb-ledger-writes';
import {
  attributeNames as a,
  dueOfLedger,
  dueOfSubject,
  expiresAfter,
  fromAttributes,
  type Item,
  keyOf,
  keys,
  maxItems,
  pendingOf,
  putLedger,
  putProcessed,
  toAttributes,
  toCauseRecord,
  toJournal,
  toSnapshot,
  updateLedger,
} from './table';

export type { DynamoDbStateStoreOptions } from './dynamodb-ledger-writes';

const notExists = `attribute_not_exists(${a.pk})`;

/**
 * The state store of every function: an event's own reads and transactions (begin, readSubjects, commit,
 * settle) here, the writes outside them in `DynamoDbLedgerWrites` and the reads in `DynamoDbReads`, which
 * it extends. Keys and item forms come from table.ts, the only code that knows them.
 */
export class DynamoDbStateStore extends DynamoDbLedgerWrites implements StateStore {
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
    const { journal, snapshot, history, ledger, dueAt, lookup } = commit;
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
    const sets = [
      '#kind = :kind',
      '#state = :state',
      '#version = :version',
      'observedAt = :observedAt',
      '#data = :data',
      'kindPk = :kindPk',
      'subject = :subject',
      'digest = :digest',
    ];
    const removes: string[] = [];
    if (dueAt) {
      sets.push('#duePk = :duePk', '#dueAt = :dueAt');
      Object.assign(values, { ':duePk': dueOfSubject(next.subject, dueAt)[a.duePk], ':dueAt': dueAt });
    } else removes.push('#duePk', '#dueAt');
    // In the lookup index while its type gives it a key (a pending invitation), out of it once it has none.
    if (lookup) {
      sets.push('lookupPk = :lookupPk');
      values[':lookupPk'] = keys.lookupPk(next.kind, lookup);
    } else removes.push('lookupPk');
    let update = `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`;
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
    for (const entry of ledger) items.push(putLedger(this.tableName, entry));
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
        updateLedger(this.tableName, entry.id, 'SET #status = :done, completedAt = :at REMOVE #duePk, #dueAt', {
          ':done': 'done',
          ':at': entry.completedAt ?? now,
        }),
      );
      finish(entry);
    }
    for (const { entry, failure } of settlement.failed) {
      items.push(
        updateLedger(
          this.tableName,
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
        updateLedger(
          this.tableName,
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
    if (settlement.processed) items.push(putProcessed(this.tableName, settlement.processed, this.retentionDays));
    for (let start = 0; start < items.length; start += maxItems) {
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: items.slice(start, start + maxItems) }));
      } catch (error) {
        throw classifyAwsError(error, 'settle effects');
      }
    }
    return { existing };
  }

  protected async batchGet(wanted: readonly Item[], what: string): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    for (let start = 0; start < wanted.length; start += maxItems) {
      let pending: Array<Record<string, AttributeValue>> | undefined = wanted
        .slice(start, start + maxItems)
        .map(toAttributes);
      while (pending && pending.length > 0) {
        try {
          const out: BatchGetItemCommandOutput = await this.client.send(
            new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
          );
          for (const item of (out.Responses?.[this.tableName] ?? []).map(fromAttributes)) found.set(keyOf(item), item);
          pending = out.UnprocessedKeys?.[this.tableName]?.Keys;
        } catch (error) {
          throw classifyAwsError(error, what);
        }
      }
    }
    return found;
  }
}
