import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { AuditRunRecord } from '../../domain/audit-run-record';
import type { AuditRunRecords, AuditRunWrite } from '../../ports/state-store';
import { classifyAwsError } from '../aws-errors';
import { attributeNames as a, expiresAfter, type Item, keys, maybeFromAttributes, strip, toAttributes } from './table';
import { DynamoDbStateStore } from './dynamodb-state-store';

/** The table and how long run records are kept (as the journal: a run is long over by then). */
export interface AuditRunTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly retentionDays: number;
}

const toRecord = (item: Item): AuditRunRecord => strip(item) as unknown as AuditRunRecord;

const itemOf = (table: AuditRunTable, run: AuditRunRecord): Item => ({
  ...keys.auditRun(run.runId),
  ...run,
  sources: run.sources.map((s) => ({ ...s })),
  [a.ttl]: expiresAfter(run.startedAt, table.retentionDays),
});

/** The run's record, read consistently (a continuation is checked against the latest write). */
export const getAuditRun = async (table: AuditRunTable, runId: string): Promise<AuditRunRecord | undefined> => {
  try {
    const out = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: toAttributes(keys.auditRun(runId)), ConsistentRead: true }),
    );
    const item = maybeFromAttributes(out.Item);
    return item ? toRecord(item) : undefined;
  } catch (error) {
    throw classifyAwsError(error, 'read audit run');
  }
};

const put = async (
  table: AuditRunTable,
  run: AuditRunRecord,
  condition: string,
  names: Record<string, string>,
  values: Item,
  what: string,
): Promise<AuditRunWrite> => {
  try {
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: toAttributes(itemOf(table, run)),
        ConditionExpression: condition,
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: toAttributes(values) } : {}),
      }),
    );
    return 'written';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'conflict';
    throw classifyAwsError(error, what);
  }
};

export const startAuditRun = (table: AuditRunTable, run: AuditRunRecord): Promise<AuditRunWrite> =>
  put(table, run, `attribute_not_exists(${a.pk})`, {}, {}, 'start audit run');

/** The whole record replaced (absent fields removed), under the condition on the stored step, state and holder. */
export const moveAuditRun = (
  table: AuditRunTable,
  next: AuditRunRecord,
  expected: { readonly step: number; readonly holder: string; readonly takeOverAt?: string },
): Promise<AuditRunWrite> => {
  const held =
    expected.takeOverAt === undefined
      ? '#holder = :holder'
      : '(attribute_not_exists(#holder) OR #holder = :holder OR #heldUntil <= :now)';
  const names: Record<string, string> = {
    '#step': 'step',
    '#state': 'state',
    '#holder': 'holder',
    ...(expected.takeOverAt === undefined ? {} : { '#heldUntil': 'heldUntil' }),
  };
  const values: Item = {
    ':step': expected.step,
    ':running': 'RUNNING',
    ':holder': expected.holder,
    ...(expected.takeOverAt === undefined ? {} : { ':now': expected.takeOverAt }),
  };
  return put(table, next, `#step = :step AND #state = :running AND ${held}`, names, values, 'move audit run');
};

/**
 * The state store with the audit's run records: only the audit (and the local tooling that inspects
 * it) is built with it, so that no other function's bundle carries code it never runs.
 */
export class DynamoDbAuditStore extends DynamoDbStateStore implements AuditRunRecords {
  getAuditRun(runId: string): Promise<AuditRunRecord | undefined> {
    return getAuditRun(this.runTable(), runId);
  }

  startAuditRun(run: AuditRunRecord): Promise<AuditRunWrite> {
    return startAuditRun(this.runTable(), run);
  }

  moveAuditRun(
    next: AuditRunRecord,
    expected: { readonly step: number; readonly holder: string; readonly takeOverAt?: string },
  ): Promise<AuditRunWrite> {
    return moveAuditRun(this.runTable(), next, expected);
  }

  private runTable(): AuditRunTable {
    return { client: this.client, tableName: this.tableName, retentionDays: this.retentionDays };
  }
}
