import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbStateStore } from '../../adapters/dynamodb/dynamodb-state-store';
import { useLocalClock } from '../../config/runtime-clock';
import { startDynamoDbLocal, type DynamoDbLocal } from '../dynamodb-local';
import { credentialsFor } from '../emulators/common/credentials';
import { OrganizationsEmulator } from '../emulators/organizations/emulator';
import { organizationTreeOf, SecurityIrEmulator, type SecurityIrEmulatorOptions } from '../emulators/security-ir';
import { functionEnvironmentOf, functionsOf, loadTemplate, packageTemplate, projectRoot, rulesOf, type CfnTemplate } from '../template';
import { JsonServiceError, startJsonEndpoint } from './aws-json-endpoint';
import { createTable } from './create-table';
import { LocalEventBus, type BusEvent } from './event-bus';
import { LocalLambdaRuntime } from './lambda-runtime';
import { ScenarioClock } from './scenario-clock';

export interface DeadLetter {
  readonly event: unknown;
  readonly error: { readonly name: string; readonly message: string };
  readonly functionName: string;
}

export interface LocalStackOptions {
  readonly start: Date;
  readonly organizationId?: string;
  readonly managementAccountId?: string;
  readonly featureSet?: 'ALL' | 'CONSOLIDATED_BILLING';
  /** Reuse a running DynamoDB Local (tests share one); otherwise the stack starts its own. */
  readonly dynamoEndpoint?: string;
  readonly stage?: string;
  /** Overrides the functions' LOG_LEVEL (the CLI keeps the timeline readable with WARN). */
  readonly logLevel?: string;
  /** Failures to inject into Security IR from the start, and the seed of their rates. */
  readonly securityIr?: Pick<SecurityIrEmulatorOptions, 'failures' | 'failureSeed'>;
}

const region = 'us-east-1';
let stacks = 0;

/**
 * orgwarden on one machine: DynamoDB Local with the table exactly as the packaged template declares
 * it, the AWS emulators, and an event bus that routes by the template's rules to the real handlers.
 * The handlers reach all of it through the real AWS SDK clients, pointed here by
 * `AWS_ENDPOINT_URL_<SERVICE>` and identified by `ORGWARDEN<account>` credentials.
 */
export class LocalStack {
  private constructor(
    /** Both paths land here: the handlers' own dead-lettering (SQS) and Lambda's on-failure destination. */
    readonly deadLetters: DeadLetter[],
    readonly clock: ScenarioClock,
    readonly startedAt: Date,
    readonly bus: LocalEventBus,
    readonly organizations: OrganizationsEmulator,
    readonly securityIr: SecurityIrEmulator,
    readonly store: DynamoDbStateStore,
    readonly runtime: LocalLambdaRuntime,
    readonly template: CfnTemplate,
    readonly managementAccountId: string,
    readonly endpoints: { readonly organizations: string; readonly securityIr: string; readonly dynamodb: string },
    private readonly closers: Array<() => Promise<void>>,
  ) {}

  static async start(options: LocalStackOptions): Promise<LocalStack> {
    const closers: Array<() => Promise<void>> = [];
    try {
      const template = loadTemplate(await packageTemplate({ stage: options.stage ?? 'local' }));
      const managementAccountId = options.managementAccountId ?? '111111111111';
      const clock = new ScenarioClock(options.start);
      let dynamoEndpoint = options.dynamoEndpoint;
      if (!dynamoEndpoint) {
        const dynamo: DynamoDbLocal = await startDynamoDbLocal();
        closers.push(() => dynamo.stop());
        dynamoEndpoint = dynamo.endpoint;
      }
      const tableName = `orgwarden-local-${process.pid}-${++stacks}-state`;
      await createTable(template, tableName, dynamoEndpoint);

      const deadLetters: DeadLetter[] = [];
      const runtime = new LocalLambdaRuntime(projectRoot, functionsOf(template), region, managementAccountId);
      const bus = new LocalEventBus(rulesOf(template), {
        invoke: (fn, event) => runtime.invoke(fn, event),
        onFailure: (event, error, functionName) => deadLetters.push({ event, error: { name: error.name, message: error.message }, functionName }),
        now: () => clock.now(),
        accountId: managementAccountId,
        region,
      });
      const organizations = new OrganizationsEmulator({
        clock: () => clock.now(),
        managementAccountId,
        ...(options.organizationId ? { organizationId: options.organizationId } : {}),
        ...(options.featureSet ? { featureSet: options.featureSet } : {}),
        onEvent: (event) => bus.put('default', event),
      });
      const { endpoint: organizationsEndpoint } = await organizations.start();
      closers.push(() => organizations.stop());
      // Security IR is regional: the stack's region, its native events and CloudTrail records on the
      // management account's default bus (where orgwarden runs and holds the membership).
      const securityIr = new SecurityIrEmulator({
        clock: () => clock.now(),
        region,
        organization: organizationTreeOf(organizations),
        eventAccountId: managementAccountId,
        onEvent: (event) => bus.put('default', event),
        ...options.securityIr,
      });
      const { endpoint: securityIrEndpoint } = await securityIr.start();
      closers.push(() => securityIr.stop());
      const eventBridge = await startJsonEndpoint('AWSEvents', 'application/x-amz-json-1.1', { PutEvents: bus.putEvents });
      closers.push(() => close(eventBridge.server));
      const sqs = await startJsonEndpoint('AmazonSQS', 'application/x-amz-json-1.0', {
        SendMessage: (input) => {
          if (typeof input.MessageBody !== 'string') throw new JsonServiceError('MissingParameter', 'MessageBody is required');
          const body = input.MessageBody;
          const record = JSON.parse(body) as { requestPayload?: unknown; requestContext?: { functionName?: string }; responseContext?: { error?: DeadLetter['error'] } };
          deadLetters.push({ event: record.requestPayload, error: record.responseContext?.error ?? { name: 'Unknown', message: '' }, functionName: record.requestContext?.functionName ?? '' });
          return { MessageId: crypto.randomUUID(), MD5OfMessageBody: createHash('md5').update(body).digest('hex') };
        },
      });
      closers.push(() => close(sqs.server));

      const refs = {
        StateTable: tableName,
        OrgwardenEventBus: `orgwarden-${options.stage ?? 'local'}`,
        DeadLetterQueue: `${sqs.endpoint}/${managementAccountId}/orgwarden-local-dlq`,
      };
      const environment: Record<string, string> = {};
      for (const fn of functionsOf(template)) Object.assign(environment, functionEnvironmentOf(template, fn.name, refs));
      const credentials = credentialsFor(managementAccountId, 'orgwarden');
      Object.assign(process.env, environment, {
        AWS_REGION: region,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
        AWS_ENDPOINT_URL_ORGANIZATIONS: organizationsEndpoint,
        // The SDK names the variable after the model's serviceId, "Security IR".
        AWS_ENDPOINT_URL_SECURITY_IR: securityIrEndpoint,
        AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.endpoint,
        AWS_ENDPOINT_URL_SQS: sqs.endpoint,
        NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
        ...(options.logLevel ? { LOG_LEVEL: options.logLevel, POWERTOOLS_LOG_LEVEL: options.logLevel } : {}),
      });
      delete process.env.AWS_SESSION_TOKEN;
      delete process.env.AWS_PROFILE;
      useLocalClock(clock);
      closers.push(() => Promise.resolve(useLocalClock(undefined)));

      const store = new DynamoDbStateStore(
        tableName,
        new DynamoDBClient({ endpoint: dynamoEndpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      );
      const endpoints = { organizations: organizationsEndpoint, securityIr: securityIrEndpoint, dynamodb: dynamoEndpoint };
      return new LocalStack(deadLetters, clock, options.start, bus, organizations, securityIr, store, runtime, template, managementAccountId, endpoints, closers);
    } catch (error) {
      for (const closer of closers.reverse()) await closer().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Time passes: the emulators apply what time changes (expiries, terminations) and the schedule
   * rules fire for every period that ended, counted from when the stack started.
   */
  async advanceTo(to: Date): Promise<number> {
    const from = this.clock.now();
    this.clock.set(to);
    this.organizations.tick();
    await this.securityIr.tick();
    return this.bus.fireSchedules(this.startedAt, from, to);
  }

  /** Delivers an event to the default bus as AWS would, and waits for every reaction to finish. */
  async deliver(event: BusEvent, bus = 'default'): Promise<void> {
    this.bus.put(bus, event);
    await this.bus.settle();
  }

  /** Every call orgwarden's functions made to the emulated AWS services (not the scenario's own). */
  apiCalls(): Array<{ service: string; operation: string; input: unknown; caller: string; at: string; error?: { name: string; message: string } }> {
    return [...this.organizations.calls, ...this.securityIr.calls]
      .filter((call) => call.principal.startsWith('ORGWARDEN'))
      .sort((a, b) => a.at.localeCompare(b.at))
      .map(({ principal: _principal, ...call }) => call);
  }

  async stop(): Promise<void> {
    await this.bus.settle();
    for (const closer of this.closers.reverse()) await closer();
  }
}

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
