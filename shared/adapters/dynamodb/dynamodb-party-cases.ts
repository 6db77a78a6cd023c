import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type Update,
} from '@aws-sdk/client-dynamodb';
import { ConcurrentUpdateError } from '../../domain/errors';
import type { PartyCase, PartyCases, TakePartyCase, TakeResult } from '../../ports/party-cases';
import { classifyAwsError } from '../aws-errors';
import { attributeNames as a, fromAttributes, type Item, keys, toAttributes } from './table';

// `state`, `count` and `case` are DynamoDB reserved words: the attributes are named around them.
const held = 'openedBy = :by AND partyState = :opening';

const conflict = 'TransactionConflict';
const failed = 'ConditionalCheckFailed';

/** Why each item of a cancelled transaction failed, in order (none for another error). */
const codesOf = (error: unknown): Array<string | undefined> =>
  error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((reason) => reason.Code) : [];

/**
 * {@link PartyCases} in orgwarden's table (keys in table.ts). Taking a record and counting its case
 * are one transaction, and so are releasing it and giving the count back, so that a crash between
 * them never counts a case twice or loses a record; every write is conditional on the record's
 * state, so that a retry of the same step changes nothing. A transaction that conflicted with
 * another changed nothing: taking reads again, releasing is retried (transient).
 * IAM: `dynamodb:GetItem`, `dynamodb:PutItem`, `dynamodb:UpdateItem` (the store's own).
 */
export class DynamoDbPartyCases implements PartyCases {
  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBClient = new DynamoDBClient({}),
  ) {}

  async getPartyCase(party: string): Promise<PartyCase | undefined> {
    try {
      const out = await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: toAttributes(keys.partyCase(party)),
          ConsistentRead: true,
        }),
      );
      return out.Item ? (fromAttributes(out.Item) as unknown as PartyCase) : undefined;
    } catch (error) {
      throw classifyAwsError(error, `read ${party}`);
    }
  }

  async takePartyCase(take: TakePartyCase): Promise<TakeResult> {
    const free = `attribute_not_exists(${a.pk}) OR partyState = :released`;
    const put = {
      TableName: this.tableName,
      Item: toAttributes({
        ...keys.partyCase(take.party),
        partyState: 'opening',
        openedBy: take.openedBy,
        hour: take.hour,
      }),
      ConditionExpression: take.replacing ? `${free} OR (partyState = :open AND caseId = :replacing)` : free,
      ExpressionAttributeValues: toAttributes({
        ':released': 'released',
        ...(take.replacing ? { ':open': 'open', ':replacing': take.replacing } : {}),
      }),
    };
    // The count item expires (TTL) two days after its hour began (the same value on every write).
    const count = this.update(
      keys.caseCount(take.hour),
      'SET #ttl = :ttl ADD newCases :one',
      'attribute_not_exists(newCases) OR newCases < :cap',
      {
        ':one': 1,
        ':cap': take.cap,
        ':ttl': Date.parse(`${take.hour}:00:00Z`) / 1000 + 2 * 86_400,
      },
    );
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Put: put }, { Update: { ...count, ExpressionAttributeNames: { '#ttl': a.ttl } } }],
        }),
      );
      return 'taken';
    } catch (error) {
      const [onRecord, onCount] = codesOf(error);
      // The record first: a finding that lost the race is not over any cap.
      if (onRecord === failed || onRecord === conflict || onCount === conflict) return 'lost';
      if (onCount === failed) return 'capped';
      throw classifyAwsError(error, `take ${take.party}`);
    }
  }

  async recordPartyCase(party: string, openedBy: string, caseId: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand(
          this.update(keys.partyCase(party), 'SET partyState = :open, caseId = :caseId', held, {
            ':open': 'open',
            ':opening': 'opening',
            ':caseId': caseId,
            ':by': openedBy,
          }),
        ),
      );
    } catch (error) {
      // Recorded by an earlier attempt of the same finding: nothing left to do.
      if (!(error instanceof ConditionalCheckFailedException)) throw classifyAwsError(error, `record ${party}`);
    }
  }

  async releasePartyCase(party: string, openedBy: string, hour: string): Promise<void> {
    // The count is given back unconditionally: it expires two days after its hour only.
    const release = this.update(keys.partyCase(party), 'SET partyState = :released', held, {
      ':released': 'released',
      ':opening': 'opening',
      ':by': openedBy,
    });
    const giveBack = this.update(keys.caseCount(hour), 'ADD newCases :less', undefined, { ':less': -1 });
    try {
      await this.client.send(
        new TransactWriteItemsCommand({ TransactItems: [{ Update: release }, { Update: giveBack }] }),
      );
    } catch (error) {
      const codes = codesOf(error);
      // Released by an earlier attempt: nothing to give back.
      if (codes[0] === failed) return;
      throw codes.includes(conflict)
        ? new ConcurrentUpdateError(`release ${party}`, { cause: error })
        : classifyAwsError(error, `release ${party}`);
    }
  }

  private update(key: Item, expression: string, condition: string | undefined, values: Item): Update {
    return {
      TableName: this.tableName,
      Key: toAttributes(key),
      UpdateExpression: expression,
      ...(condition ? { ConditionExpression: condition } : {}),
      ExpressionAttributeValues: toAttributes(values),
    };
  }
}
