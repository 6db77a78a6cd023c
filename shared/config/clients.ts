import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SQSClient } from '@aws-sdk/client-sqs';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { countedPublisher } from '../adapters/cloudwatch/emf-metrics';
import { DynamoDbPartyCases } from '../adapters/dynamodb/dynamodb-party-cases';
import { DynamoDbAuditStore } from '../adapters/dynamodb/dynamodb-audit-runs';
import { DynamoDbStateStore } from '../adapters/dynamodb/dynamodb-state-store';
import { EventBridgePublisher } from '../adapters/eventbridge/eventbridge-publisher';
import { EventBridgeReplays } from '../adapters/eventbridge/eventbridge-replays';
import { AwsDelegations } from '../adapters/organizations/delegations';
import { AwsOrganizationsReader } from '../adapters/organizations/organizations-reader';
import { AwsOrganizationsWriter } from '../adapters/organizations/organizations-writer';
import { SecurityIRClient } from '../adapters/security-ir/security-ir-client';
import { AwsSecurityIncidentResponse } from '../adapters/security-ir/security-ir-port-adapter';
import { SqsDeadLetters } from '../adapters/sqs/sqs-dead-letters';
import type { EventPublisher } from '../ports/event-publisher';
import type { Config } from './config';
import { maskingPublisher, type Masker } from '../adapters/privacy/masker';
import { healthMetrics } from './health-metrics';
import type { Runtime, ServiceName } from './runtime';

/**
 * The adapters, one builder each, so that a function builds only what it uses (and a bundle holds
 * only the clients it imports). Lambda provides credentials in the environment: the clients read
 * them there and nowhere else.
 */
export const clientConfig = (runtime: Runtime, service: ServiceName, region: string) => ({
  region,
  credentials: runtime.credentials ?? fromEnv(),
  ...(runtime.endpoints?.[service] ? { endpoint: runtime.endpoints[service] } : {}),
});

export const stateStore = (config: Config, runtime: Runtime): DynamoDbStateStore =>
  new DynamoDbStateStore(config.TABLE_NAME, new DynamoDBClient(clientConfig(runtime, 'dynamodb', config.AWS_REGION)), {
    journalRetentionDays: config.JOURNAL_RETENTION_DAYS,
  });

/** The audit's state store: the state store with its run records. */
export const auditStateStore = (config: Config, runtime: Runtime): DynamoDbAuditStore =>
  new DynamoDbAuditStore(config.TABLE_NAME, new DynamoDBClient(clientConfig(runtime, 'dynamodb', config.AWS_REGION)), {
    journalRetentionDays: config.JOURNAL_RETENTION_DAYS,
  });

/** The outside parties' Security IR cases and the hourly count of new ones, in the state table. */
export const partyCases = (config: Config, runtime: Runtime): DynamoDbPartyCases =>
  new DynamoDbPartyCases(config.TABLE_NAME, new DynamoDBClient(clientConfig(runtime, 'dynamodb', config.AWS_REGION)));

/** Organizations is served from us-east-1 only; reading and writing share one client. */
export const organizationsClient = (runtime: Runtime): OrganizationsClient =>
  new OrganizationsClient(clientConfig(runtime, 'organizations', 'us-east-1'));

export const organizationsReader = (client: OrganizationsClient): AwsOrganizationsReader =>
  new AwsOrganizationsReader(client);

export const organizationsWriter = (client: OrganizationsClient): AwsOrganizationsWriter =>
  new AwsOrganizationsWriter(client);

export const delegations = (client: OrganizationsClient): AwsDelegations => new AwsDelegations(client);

/** Security Incident Response, in the stack's region (where the membership is). */
export const securityIncidentResponse = (config: Config, runtime: Runtime): AwsSecurityIncidentResponse =>
  new AwsSecurityIncidentResponse(new SecurityIRClient(clientConfig(runtime, 'securityIr', config.AWS_REGION)));

/**
 * orgwarden's bus; outside parties are masked on the way out where the policy says so (the function's masker); what
 * the bus accepted is counted (the dashboard).
 */
export const eventPublisher = (config: Config, runtime: Runtime, masker: Masker): EventPublisher => {
  const publisher = new EventBridgePublisher(
    config.EVENT_BUS_NAME,
    new EventBridgeClient(clientConfig(runtime, 'eventbridge', config.AWS_REGION)),
  );
  // Without masking, nothing to wrap: the publisher sends source, detail-type, detail and resources
  // only, never an event's list of outside parties.
  return countedPublisher(
    masker.masking ? maskingPublisher(publisher, masker) : publisher,
    healthMetrics(config, runtime),
    runtime.clock,
  );
};

export const archiveReplays = (config: Config, runtime: Runtime): EventBridgeReplays =>
  new EventBridgeReplays(new EventBridgeClient(clientConfig(runtime, 'eventbridge', config.AWS_REGION)));

export const deadLetterSink = (config: Config, runtime: Runtime): SqsDeadLetters =>
  new SqsDeadLetters(config.DEAD_LETTER_QUEUE_URL, new SQSClient(clientConfig(runtime, 'sqs', config.AWS_REGION)));
