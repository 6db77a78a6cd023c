import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbStateStore } from '../adapters/dynamodb/dynamodb-state-store';
import { EventBridgePublisher } from '../adapters/eventbridge/eventbridge-publisher';
import { AwsOrganizationsReader } from '../adapters/organizations/organizations-reader';
import { SqsDeadLetters } from '../adapters/sqs/sqs-dead-letters';
import type { Clock } from '../ports/clock';
import { runtimeClock } from './runtime-clock';
import type { DeadLetterSink } from '../ports/dead-letters';
import type { EventPublisher } from '../ports/event-publisher';
import type { OrganizationsReader } from '../ports/organizations';
import type { StateStore } from '../ports/state-store';
import type { Config } from './config';

export interface Dependencies {
  readonly store: StateStore;
  readonly organizations: OrganizationsReader;
  readonly publisher: EventPublisher;
  readonly deadLetters: DeadLetterSink;
  readonly clock: Clock;
}

/**
 * The composition root: the AWS adapters, built once per cold start. Endpoints come from the SDK's
 * own configuration (`AWS_ENDPOINT_URL_<SERVICE>`), which is how the local stack points the same
 * code at DynamoDB Local and the emulators. Organizations is served from us-east-1 only.
 */
export const awsDependencies = (config: Config, clock: Clock = runtimeClock): Dependencies => ({
  store: new DynamoDbStateStore(config.TABLE_NAME, new DynamoDBClient({ region: config.AWS_REGION })),
  organizations: new AwsOrganizationsReader(new OrganizationsClient({ region: 'us-east-1' })),
  publisher: new EventBridgePublisher(config.EVENT_BUS_NAME, new EventBridgeClient({ region: config.AWS_REGION })),
  deadLetters: new SqsDeadLetters(config.DEAD_LETTER_QUEUE_URL, new SQSClient({ region: config.AWS_REGION })),
  clock,
});
