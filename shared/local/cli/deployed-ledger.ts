import { paginateScan, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attributeNames, fromAttributes, keys, toAttributes, toLedger } from '../../adapters/dynamodb/table';
import type { LocalReport } from '../scenario/report';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What a deployed orgwarden published, read back from its table: a table has no bus, but every
 * announcement goes through the ledger (`publish` entries, their payload the event as it was put,
 * before the publisher masks outside parties), so that the report of a table shows the same
 * findings as the report of a run. Entries not yet `done` were not (yet) published: left out.
 *
 * @throws the SDK's error (the caller names the table and Region)
 */
export const readPublished = async (client: DynamoDBClient, table: string): Promise<LocalReport['emitted']> => {
  const emitted: LocalReport['emitted'] = [];
  const pages = paginateScan(
    { client },
    {
      TableName: table,
      FilterExpression: 'begins_with(#pk, :ledger)',
      ExpressionAttributeNames: { '#pk': attributeNames.pk },
      ExpressionAttributeValues: toAttributes({ ':ledger': keys.ledgerPrefix }),
      ConsistentRead: true,
    },
  );
  for await (const page of pages)
    for (const item of page.Items ?? []) {
      const entry = toLedger(fromAttributes(item));
      const event = entry.payload;
      // Any role of the stack may write the table: what is not an event's shape is not shown as one.
      if (entry.action !== 'publish' || entry.status !== 'done' || !isRecord(event)) continue;
      if (typeof event.detailType !== 'string' || typeof event.time !== 'string' || !isRecord(event.detail)) continue;
      emitted.push({
        source: typeof event.source === 'string' ? event.source : 'orgwarden',
        'detail-type': event.detailType,
        detail: event.detail,
        time: event.time,
      });
    }
  return emitted.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
};
