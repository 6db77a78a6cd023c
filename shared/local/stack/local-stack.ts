import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbInspection } from '../../adapters/dynamodb/dynamodb-inspection';
import type { Runtime, ServiceName } from '../../config/runtime';
import { startDynamoDbLocal, type DynamoDbLocal } from '../dynamodb-local';
import { credentialsFor } from '../emulators/common/credentials';
import type { DeliveryFaults } from '../emulators/common/delivery-faults';
import { MacieEmulator } from '../emulators/macie';
import { OrganizationsEmulator } from '../emulators/organizations/emulator';
import { DEFAULT_MANAGEMENT_ACCOUNT_ID } from '../emulators/organizations/types';
import { organizationTreeOf, SecurityIrEmulator, type SecurityIrEmulatorOptions } from '../emulators/security-ir';
import {
  archivesOf,
  functionEnvironmentOf,
  functionsOf,
  loadTemplate,
  packageTemplate,
  projectRoot,
  rulesOf,
  type CfnTemplate,
} from '../template';
import { JsonServiceError, startJsonEndpoint } from './aws-json-endpoint';
import { startCountingProxy, type CountedRequest, type ProxyFaults } from './counting-proxy';
import { createTable } from './create-table';
import { LocalEventBus, type BusEvent } from './event-bus';
import { alarmsOf, evaluateAlarms } from './alarm-evaluator';
import { LocalLambdaRuntime } from './lambda-runtime';
import { macieRouter, type UnroutedEvent } from './macie-routing';
import { MetricCollector } from './metric-collector';
import { ScenarioClock } from './scenario-clock';
import { seededUuids } from './seeded-ids';

export interface DeadLetter {
  readonly event: unknown;
  /** `code`: the stable code of an orgwarden error (shared/domain/errors.ts); absent for other errors. */
  readonly error: { readonly name: string; readonly message: string; readonly code?: string };
  readonly functionName: string;
}

export interface LocalStackOptions {
  readonly start: Date;
  readonly organizationId?: string;
  readonly managementAccountId?: string;
  /**
   * The account orgwarden is deployed in (default: the management account): a member account that is
   * a delegated administrator (the Security IR administrator holds the membership and receives its
   * events). The functions run with its credentials and its default bus; the management account's
   * Organizations events reach that bus as the management forwarder (shared/infra/management-forwarder.yml)
   * forwards them, keeping their own `account`.
   */
  readonly orgwardenAccountId?: string;
  readonly featureSet?: 'ALL' | 'CONSOLIDATED_BILLING';
  /** Reuse a running DynamoDB Local (tests share one); otherwise the stack starts its own. */
  readonly dynamoEndpoint?: string;
  readonly stage?: string;
  /** Overrides the functions' LOG_LEVEL (the CLI keeps the timeline readable with WARN). */
  readonly logLevel?: string;
  /**
   * Security IR's behaviour: failures to inject (and the seed of their rates), the cancellation window, the coverage
   * delay.
   */
  readonly securityIr?: Pick<
    SecurityIrEmulatorOptions,
    'failures' | 'failureSeed' | 'cancellation' | 'coveragePropagationSeconds'
  >;
  /**
   * Macie: the Regions orgwarden watches (MACIE_REGIONS; the emulator serves them, orgwarden's account
   * is the administrator in each). Without it the emulator serves the stack's Region and the Macie
   * listing's schedule never fires.
   */
  readonly macie?: { readonly regions: readonly string[] };
  /** The policy the functions run under (a policy document; default: the packaged one). */
  readonly policy?: unknown;
  /** Makes every id the stack and its emulators generate reproducible. */
  readonly seed?: number;
  /** Lossy delivery of the emulators' events: dropped, delayed, reordered (seeded). */
  readonly deliveryFaults?: DeliveryFaults;
  /**
   * Faults in the functions' AWS calls (the chaos harness): with it, every endpoint the functions
   * use (DynamoDB and the emulators) is reached through a proxy that asks this hook, per service.
   */
  readonly faults?: (service: ServiceName) => ProxyFaults | undefined;
  /**
   * Between the emulators and the default bus: the world's events pass here, and are delivered
   * when (and as often as) this says (the chaos harness drops, repeats, delays and reorders them).
   */
  readonly worldEvents?: (event: BusEvent, deliver: (event: BusEvent) => void) => void;
  /**
   * Runs every schedule at every tick, as EventBridge does. By default a tick that would find nothing
   * (an audit of an unchanged world, a sweep with nothing due) is left out to keep long scenarios
   * fast; the alarms that watch the schedules (shared/local/stack/alarm-evaluator.ts) need every run.
   */
  readonly everyTick?: boolean;
}

const region = 'us-east-1';
/** What the stack holds besides its constructor's parts (kept apart so that the constructor stays as it is). */
const stackExtras = new WeakMap<
  object,
  {
    readonly macie: MacieEmulator;
    readonly elsewhere: UnroutedEvent[];
    readonly orgwardenAccountId: string;
    readonly metrics: MetricCollector;
  }
>();
let stacks = 0;

/** A call that changes nothing. */
const isRead = (operation: string): boolean => /^(List|Describe|Get|BatchGet)/.test(operation);

/** The functions whose schedule runs only when the due-time index holds something due. */
const dueDriven = new Set(['expiry-sweep']);

/** The functions whose schedule runs only when the emulated world changed since their last run (the audit). */
const worldDriven = new Set(['audit']);
/** The functions whose schedule runs only when the scenario sets up what they watch. */
const watching = new Set(['macie-member-changed']);

/**
 * orgwarden on one machine: DynamoDB Local with the table exactly as the packaged template declares
 * it, the AWS emulators, and an event bus that routes by the template's rules to the real handlers,
 * built by each function's factory with the stack's clock, endpoints and credentials (the real AWS
 * SDK clients, identified by `ORGWARDEN<account>` credentials). The functions' DynamoDB requests
 * go through a counting proxy.
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
    readonly store: DynamoDbInspection,
    readonly runtime: LocalLambdaRuntime,
    readonly template: CfnTemplate,
    readonly managementAccountId: string,
    readonly endpoints: {
      readonly organizations: string;
      readonly securityIr: string;
      readonly macie: string;
      readonly dynamodb: string;
    },
    /** Every DynamoDB request the functions made, in order. */
    readonly dynamoRequests: readonly CountedRequest[],
    /** What the functions are built with: the scenario clock, the local endpoints, orgwarden's credentials. */
    readonly functionRuntime: Runtime,
    /** PutEvents calls to fail next, in order (e.g. `{ code: 'InternalException', status: 500 }`). */
    readonly putEventsFailures: Array<{ code: string; status: number }>,
    /** Every PutEvents call the functions made: its number of entries. */
    readonly putEventsCalls: readonly number[],
    private readonly closers: Array<() => Promise<void>>,
    /** The environment a function gets here (the template's, with local references). */
    readonly environmentOf: (fn: string) => Record<string, string>,
  ) {}

  static async start(options: LocalStackOptions): Promise<LocalStack> {
    const closers: Array<() => Promise<void>> = [];
    try {
      const stage = options.stage ?? 'local';
      const template = loadTemplate(await packageTemplate({ stage }));
      const managementAccountId = options.managementAccountId ?? DEFAULT_MANAGEMENT_ACCOUNT_ID;
      const orgwardenAccountId = options.orgwardenAccountId ?? managementAccountId;
      const clock = new ScenarioClock(options.start);
      const newId = options.seed === undefined ? undefined : seededUuids(options.seed);
      let dynamoEndpoint = options.dynamoEndpoint;
      if (!dynamoEndpoint) {
        const dynamo: DynamoDbLocal = await startDynamoDbLocal();
        closers.push(() => dynamo.stop());
        dynamoEndpoint = dynamo.endpoint;
      }
      const tableName = `orgwarden-local-${process.pid}-${++stacks}-state`;
      await createTable(template, tableName, dynamoEndpoint);
      const proxy = await startCountingProxy(dynamoEndpoint, options.faults?.('dynamodb'));
      closers.push(() => proxy.close());
      const store = new DynamoDbInspection(
        tableName,
        new DynamoDBClient({
          endpoint: dynamoEndpoint,
          region,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
      );

      const deadLetters: DeadLetter[] = [];
      const fromWorld = (event: BusEvent): void =>
        options.worldEvents ? options.worldEvents(event, (e) => bus.put('default', e)) : bus.put('default', event);
      // How much the emulated world changed by others than orgwarden (calls, silent changes).
      const world = {
        sweptAt: 0,
        auditedAt: 0,
        version: (): number =>
          // Reads change nothing (the Security IR emulator reads the organization's tree when asked for coverage).
          [...organizations.calls, ...securityIr.calls, ...macie.calls].filter(
            (call) => !call.principal.startsWith('ORGWARDEN') && !isRead(call.operation),
          ).length +
          organizations.silentChanges.length +
          macie.worldChanges,
      };
      // The bus invokes the runtime, which is built once the endpoints it points at exist.
      const lambda: { runtime?: LocalLambdaRuntime } = {};
      const bus = new LocalEventBus(rulesOf(template, orgwardenAccountId), {
        invoke: (fn, event) => {
          if (dueDriven.has(fn)) world.sweptAt = world.version();
          if (worldDriven.has(fn)) world.auditedAt = world.version();
          return lambda.runtime!.invoke(fn, event);
        },
        onFailure: (event, error, functionName) => {
          // Read, not `instanceof`: the error may come from a bundle with its own copy of the classes.
          const code = (error as { code?: unknown }).code;
          const coded = typeof code === 'string' && code.startsWith('ORGWARDEN_') ? { code } : {};
          deadLetters.push({ event, error: { name: error.name, message: error.message, ...coded }, functionName });
        },
        now: () => clock.now(),
        accountId: orgwardenAccountId,
        region,
        origin: options.start,
        // A sweep run finds work when something is due, or when the world changed since the last run
        // (it also looks for billing invitations received, which no event announces). A tick that
        // would find nothing is left out: months of scenario time stay fast.
        demand: async (fn) => {
          // The Macie listing runs only in a stack set up to watch Macie (its hourly ticks would cost every scenario).
          if (watching.has(fn)) return options.macie ? 'every-tick' : undefined;
          if (options.everyTick) return 'every-tick';
          // An audit of a world that did not change since the last one finds nothing: left out.
          if (worldDriven.has(fn)) return world.version() !== world.auditedAt ? 'every-tick' : undefined;
          if (!dueDriven.has(fn)) return 'every-tick';
          if (world.version() !== world.sweptAt) return 'every-tick';
          const due = await store.earliestDue();
          return due ? new Date(due) : undefined;
        },
        ...(newId ? { newId } : {}),
        archives: archivesOf(template),
      });
      const organizations = new OrganizationsEmulator({
        clock: () => clock.now(),
        managementAccountId,
        ...(options.organizationId ? { organizationId: options.organizationId } : {}),
        ...(options.featureSet ? { featureSet: options.featureSet } : {}),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.deliveryFaults ? { deliveryFaults: options.deliveryFaults } : {}),
        onEvent: fromWorld,
      });
      const { endpoint: organizationsEndpoint } = await organizations.start();
      closers.push(() => organizations.stop());
      // Security IR is regional: the stack's region, its native events and CloudTrail records on the
      // default bus of the account that holds the membership, where orgwarden runs (the management
      // account or the delegated administrator).
      const securityIr = new SecurityIrEmulator({
        clock: () => clock.now(),
        region,
        organization: organizationTreeOf(organizations),
        eventAccountId: orgwardenAccountId,
        onEvent: fromWorld,
        ...(options.deliveryFaults ? { deliveryFaults: options.deliveryFaults } : {}),
        ...options.securityIr,
      });
      const { endpoint: securityIrEndpoint } = await securityIr.start();
      closers.push(() => securityIr.stop());
      // Macie is regional: its records go to the bus of their account and Region (see macie-routing.ts).
      const macieRegions = [...(options.macie?.regions ?? [region])];
      const elsewhere: UnroutedEvent[] = [];
      const routeMacie = macieRouter({
        accountId: orgwardenAccountId,
        homeRegion: region,
        watchedRegions: macieRegions,
        deliver: fromWorld,
        elsewhere,
      });
      const macie = new MacieEmulator({
        clock: () => clock.now(),
        regions: [...new Set([region, ...macieRegions])],
        administratorAccountId: orgwardenAccountId,
        organization: {
          isMember: async (id) => (await organizationTreeOf(organizations).accountIds()).includes(id),
          managementAccountId,
        },
        onEvent: (event) => routeMacie(event),
        ...(options.deliveryFaults ? { deliveryFaults: options.deliveryFaults } : {}),
      });
      const { endpoint: macieEndpoint } = await macie.start();
      closers.push(() => macie.stop());
      const putEventsFailures: Array<{ code: string; status: number }> = [];
      const putEventsCalls: number[] = [];
      const eventBridge = await startJsonEndpoint('AWSEvents', 'application/x-amz-json-1.1', {
        PutEvents: (input, request) => {
          putEventsCalls.push(Array.isArray(input.Entries) ? input.Entries.length : 0);
          const failure = putEventsFailures.shift();
          if (failure) throw new JsonServiceError(failure.code, `injected ${failure.code}`, failure.status);
          return bus.putEvents(input, request);
        },
        StartReplay: bus.startReplay,
        DescribeReplay: bus.describeReplay,
      });
      closers.push(() => close(eventBridge.server));
      const sqs = await startJsonEndpoint('AmazonSQS', 'application/x-amz-json-1.0', {
        SendMessage: (input) => {
          if (typeof input.MessageBody !== 'string')
            throw new JsonServiceError('MissingParameter', 'MessageBody is required');
          const body = input.MessageBody;
          const record = JSON.parse(body) as {
            requestPayload?: unknown;
            requestContext?: { functionName?: string };
            responseContext?: { error?: DeadLetter['error'] };
          };
          deadLetters.push({
            event: record.requestPayload,
            error: record.responseContext?.error ?? { name: 'Unknown', message: '' },
            functionName: record.requestContext?.functionName ?? '',
          });
          return { MessageId: crypto.randomUUID(), MD5OfMessageBody: createHash('md5').update(body).digest('hex') };
        },
      });
      closers.push(() => close(sqs.server));

      const refs = {
        StateTable: tableName,
        OrgwardenEventBus: `orgwarden-${stage}`,
        DeadLetterQueue: `${sqs.endpoint}/${orgwardenAccountId}/orgwarden-local-dlq`,
        // The template's parameter: empty when orgwarden runs in the management account itself.
        ManagementAccountId: orgwardenAccountId === managementAccountId ? '' : managementAccountId,
        // The key of the outside parties' tokens (ORGWARDEN_MASK_KEY); fixed, so that a replayed run prints the same
        // tokens.
        'AWS::StackId': `arn:aws:cloudformation:${region}:${orgwardenAccountId}:stack/orgwarden-${stage}/00000000-0000-4000-8000-000000000000`,
      };
      // With faults, the functions reach each emulator through a proxy of its own (the scenario's calls do not).
      const reach = async (service: ServiceName, endpoint: string): Promise<string> => {
        const hook = options.faults?.(service);
        if (!hook) return endpoint;
        const faulty = await startCountingProxy(endpoint, hook);
        closers.push(() => faulty.close());
        return faulty.endpoint;
      };
      // What CloudWatch would make of the functions' metric lines (EMF).
      const metrics = new MetricCollector();
      const functionRuntime: Runtime = {
        clock,
        metricLines: metrics.write,
        credentials: credentialsFor(orgwardenAccountId, 'orgwarden'),
        endpoints: {
          dynamodb: proxy.endpoint,
          organizations: await reach('organizations', organizationsEndpoint),
          securityIr: await reach('securityIr', securityIrEndpoint),
          macie: await reach('macie', macieEndpoint),
          eventbridge: await reach('eventbridge', eventBridge.endpoint),
          sqs: sqs.endpoint,
        },
      };
      const environmentOf = (fn: string): Record<string, string> => ({
        ...functionEnvironmentOf(template, fn, refs),
        AWS_REGION: region,
        ...(options.logLevel ? { LOG_LEVEL: options.logLevel } : {}),
        ...(options.policy === undefined ? {} : { ORGWARDEN_POLICY: JSON.stringify(options.policy) }),
        ...(options.macie && (fn === 'macie-member-changed' || fn === 'audit')
          ? { MACIE_REGIONS: macieRegions.join(',') }
          : {}),
      });
      const runtime = (lambda.runtime = new LocalLambdaRuntime(
        projectRoot,
        functionsOf(template),
        region,
        orgwardenAccountId,
        environmentOf,
        functionRuntime,
        `${process.pid}-${stacks}`,
      ));
      const endpoints = {
        organizations: organizationsEndpoint,
        securityIr: securityIrEndpoint,
        macie: macieEndpoint,
        dynamodb: dynamoEndpoint,
      };
      stackExtras.set(endpoints, { macie, elsewhere, orgwardenAccountId, metrics });
      return new LocalStack(
        deadLetters,
        clock,
        options.start,
        bus,
        organizations,
        securityIr,
        store,
        runtime,
        template,
        managementAccountId,
        endpoints,
        proxy.requests,
        functionRuntime,
        putEventsFailures,
        putEventsCalls,
        closers,
        environmentOf,
      );
    } catch (error) {
      for (const closer of closers.reverse()) await closer().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Time passes, in order: at each instant something is due (a Lambda retry, a schedule's tick) the
   * clock stops there, the emulators apply what time changed, and the due work runs to its end.
   * Returns how many instants had work.
   */
  /** The Macie emulator (regional; orgwarden's account is the administrator in every Region it serves). */
  get macie(): MacieEmulator {
    return stackExtras.get(this.endpoints)!.macie;
  }

  /** The account orgwarden runs in: the management account, or the delegated administrator it was deployed to. */
  get orgwardenAccountId(): string {
    return stackExtras.get(this.endpoints)!.orgwardenAccountId;
  }

  /** The data points of the metrics the functions wrote (their EMF lines), as CloudWatch would keep them. */
  get metrics(): MetricCollector {
    return stackExtras.get(this.endpoints)!.metrics;
  }

  /**
   * The packaged template's alarms on those metrics, evaluated every minute of scenario time from the
   * stack's start to now: their changes of state and the notifications they sent (`AlertTopic`).
   */
  alarms(): ReturnType<typeof evaluateAlarms> {
    return evaluateAlarms(alarmsOf(this.template), this.metrics, this.startedAt, this.clock.now());
  }

  /**
   * Events that reached no orgwarden rule: a member's own calls (logged in its account), Regions without a forwarder.
   */
  get elsewhere(): readonly UnroutedEvent[] {
    return stackExtras.get(this.endpoints)!.elsewhere;
  }

  async advanceTo(to: Date): Promise<number> {
    let instants = 0;
    for (;;) {
      // The next schedule tick that has work, or the next change time alone makes in an emulator (an
      // expiry, a closure, a held-back event): the ticks after it may have work then.
      const now = this.clock.now();
      const changes = [this.organizations, this.securityIr, this.macie]
        .map((emulator) => emulator.nextChangeAfter(now))
        .filter((t): t is Date => t !== undefined && t.getTime() <= to.getTime());
      const next = [await this.bus.nextDue(now, to), ...changes]
        .filter((t): t is Date => t !== undefined)
        .sort((a, b) => a.getTime() - b.getTime())[0];
      if (!next) break;
      await this.moveClock(next);
      await this.bus.runDue(next);
      await this.bus.settle();
      instants++;
    }
    await this.moveClock(to);
    await this.bus.settle();
    return instants;
  }

  private async moveClock(to: Date): Promise<void> {
    this.clock.set(to);
    await this.organizations.tick();
    await this.securityIr.tick();
    await this.macie.tick();
  }

  /** Delivers an event to the default bus as AWS would, and waits for every reaction to finish. */
  async deliver(event: BusEvent, bus = 'default'): Promise<void> {
    this.bus.put(bus, event);
    await this.bus.settle();
  }

  /** Every call orgwarden's functions made to the emulated AWS services (not the scenario's own). */
  apiCalls(): Array<{
    service: string;
    operation: string;
    input: unknown;
    caller: string;
    at: string;
    error?: { name: string; message: string };
  }> {
    return [...this.organizations.calls, ...this.securityIr.calls, ...this.macie.calls]
      .filter((call) => call.principal.startsWith('ORGWARDEN'))
      .sort((a, b) => a.at.localeCompare(b.at))
      .map(({ principal: _principal, ...call }) => call);
  }

  async stop(): Promise<void> {
    await this.bus.settle();
    for (const closer of this.closers.reverse()) await closer();
  }
}

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
