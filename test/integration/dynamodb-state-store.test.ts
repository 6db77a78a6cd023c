import { GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/dynamodb/table';
import { describeStateStoreContract } from '../adapters/state-store-contract';
import { journal, snapshot, subject } from '../adapters/state-store-fixtures';
import { freshStore } from '../support/table';

// The store's behaviours are the contract every store passes (test/adapters/state-store-contract.ts):
// run here on DynamoDB Local; what only DynamoDB has (its TTL attribute) is tested below.
describeStateStoreContract('DynamoDbStateStore on DynamoDB Local', async () => (await freshStore()).store);

describe('DynamoDbStateStore on DynamoDB Local', () => {
  it('keeps journal lines and processed marks only for the retention period (TTL)', async () => {
    const { store, client, tableName } = await freshStore();
    await store.commit({ journal: journal('e-1'), snapshot: { next: snapshot(1), expectedVersion: 0 }, ledger: [] });
    await store.markProcessed({
      eventId: 'e-1',
      eventName: 'X',
      source: 's',
      processedAt: '2026-11-01T00:00:00.000Z',
      outcomes: {},
    });
    const doc = DynamoDBDocumentClient.from(client);
    const ttlOf = async (key: Record<string, string>) =>
      (await doc.send(new GetCommand({ TableName: tableName, Key: key }))).Item?.ttl as number;
    const ninetyDays = Date.parse('2026-11-01T00:00:00.000Z') / 1000 + 90 * 86_400;
    expect(await ttlOf(keys.journal('e-1', subject))).toBe(ninetyDays);
    expect(await ttlOf(keys.processed('e-1'))).toBe(ninetyDays);
  });
});
