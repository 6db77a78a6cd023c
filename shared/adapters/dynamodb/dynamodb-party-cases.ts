import { DynamoDBClient, GetItemCommand, TransactionCanceledException, TransactWriteItemsCommand, UpdateItemCommand, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ConcurrentUpdateError } from '../../domain/errors';
import type { PartyCase, PartyCases, TakePartyCase, TakeResult } from '../../ports/party-cases';
import { classifyAwsError } from '../aws-errors';
import { fromAttributes, toAttributes } from './attributes';
import { strip } from './items';
import { attributeNames as a, keys } from './keys';

/** How long an hour's count of new cases is kept (DynamoDB TTL): a day after the hour is plenty. */
const countKeptSeconds = 2 * 86_400;

/**
 * {@link PartyCases} in orgwarden's table (keys in keys.ts). Taking a record and counting its case
 * are one transaction, so that a crash between them never counts a case twice or loses a record;
 * every write is conditional on the record's state, so that a retry of the same step changes nothing.
 * IAM: `dynamodb:GetItem`, `dynamodb:PutItem`, `dynamodb:UpdateItem` (the store's own).
 */
export class DynamoDbPartyCases implements PartyCases {
  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBClient = new DynamoDBClient({}),
  ) {}

  async getPartyCase(party: string): Promise<PartyCase | undefined> {
    try {
      const out = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: toAttributes(keys.partyCase(party)), ConsistentRead: true }));
      return out.Item ? (strip(fromAttributes(out.Item)) as unknown as PartyCase) : undefined;
    } catch (error) {
      throw classifyAwsError(error, `read the case of ${party}`);
    }
  }

  async takePartyCase(take: TakePartyCase): Promise<TakeResult> {
    const record: PartyCase = { party: take.party, state: 'opening', openedBy: take.openedBy, countedIn: take.hour, takenAt: take.at, ...(take.replacing ? { replaces: take.replacing } : {}) };
    const free = `attribute_not_exists(${a.pk}) OR #state = :released`;
    const condition = take.replacing ? `${free} OR (#state = :open AND caseId = :replacing)` : free;
    const count = keys.caseCount(take.hour);
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: toAttributes({ ...keys.partyCase(take.party), ...record }),
                ConditionExpression: condition,
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: toAttributes({ ':released': 'released', ...(take.replacing ? { ':open': 'open', ':replacing': take.replacing } : {}) }),
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: toAttributes(count),
                UpdateExpression: 'SET #ttl = if_not_exists(#ttl, :ttl) ADD #count :one',
                ConditionExpression: 'attribute_not_exists(#count) OR #count < :cap',
                ExpressionAttributeNames: { '#count': 'count', '#ttl': a.ttl },
                ExpressionAttributeValues: toAttributes({ ':one': 1, ':cap': take.cap, ':ttl': Math.floor(Date.parse(take.at) / 1000) + countKeptSeconds }),
              },
            },
          ],
        }),
      );
      return 'taken';
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [onRecord, onCount] = error.CancellationReasons ?? [];
        // The record first: a finding that lost the race is not over any cap. A transaction that
        // conflicted with another (on the record or on the hour's count) changed nothing: read again.
        if (onRecord?.Code === 'ConditionalCheckFailed' || onRecord?.Code === 'TransactionConflict' || onCount?.Code === 'TransactionConflict') return 'lost';
        if (onCount?.Code === 'ConditionalCheckFailed') return 'capped';
      }
      throw classifyAwsError(error, `take the case of ${take.party}`);
    }
  }

  async recordPartyCase(party: string, openedBy: string, caseId: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toAttributes(keys.partyCase(party)),
          UpdateExpression: 'SET #state = :open, caseId = :caseId',
          ConditionExpression: 'openedBy = :openedBy AND #state = :opening',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: toAttributes({ ':open': 'open', ':opening': 'opening', ':caseId': caseId, ':openedBy': openedBy }),
        }),
      );
    } catch (error) {
      // Recorded by an earlier attempt of the same finding: nothing left to do.
      if (error instanceof ConditionalCheckFailedException) return;
      throw classifyAwsError(error, `record the case of ${party}`);
    }
  }

  async releasePartyCase(party: string, openedBy: string): Promise<void> {
    const held = await this.getPartyCase(party);
    if (!held || held.openedBy !== openedBy || held.state !== 'opening') return;
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: toAttributes(keys.partyCase(party)),
                UpdateExpression: 'SET #state = :released',
                ConditionExpression: 'openedBy = :openedBy AND #state = :opening',
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: toAttributes({ ':released': 'released', ':opening': 'opening', ':openedBy': openedBy }),
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: toAttributes(keys.caseCount(held.countedIn)),
                UpdateExpression: 'ADD #count :minusOne',
                ConditionExpression: '#count > :zero',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: toAttributes({ ':minusOne': -1, ':zero': 0 }),
              },
            },
          ],
        }),
      );
    } catch (error) {
      const [onRecord, onCount] = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      // Released by an earlier attempt: nothing to give back.
      if (onRecord?.Code === 'ConditionalCheckFailed') return;
      // Another transaction on the hour's count at the same time: nothing changed, a retry releases it.
      if (onRecord?.Code === 'TransactionConflict' || onCount?.Code === 'TransactionConflict') {
        throw new ConcurrentUpdateError(`release the case of ${party}: a concurrent transaction on its record or count`, { cause: error });
      }
      // The hour's count expired (TTL): the record is released alone, so that the party is not held.
      if (onCount?.Code === 'ConditionalCheckFailed') return this.releaseRecord(party, openedBy);
      throw classifyAwsError(error, `release the case of ${party}`);
    }
  }

  private async releaseRecord(party: string, openedBy: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toAttributes(keys.partyCase(party)),
          UpdateExpression: 'SET #state = :released',
          ConditionExpression: 'openedBy = :openedBy AND #state = :opening',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: toAttributes({ ':released': 'released', ':opening': 'opening', ':openedBy': openedBy }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      throw classifyAwsError(error, `release the case of ${party}`);
    }
  }
}
