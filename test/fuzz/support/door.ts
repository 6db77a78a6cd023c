import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { loadConfig, type Config } from '../../../shared/config/config';
import type { Runtime } from '../../../shared/config/runtime';
import type { LocalStack } from '../../../shared/local/stack/local-stack';
import { projectRoot } from '../../../shared/local/template';

/**
 * The event-driven functions whose door is fuzzed with events (the replay function, invoked by hand, has its own cases:
 * door-replay.test.ts).
 */
export const eventDrivenFunctions = [
  'handshake-changed',
  'expiry-sweep',
  'audit',
  'membership-changed',
  'macie-member-changed',
] as const;
export type EventDrivenFunction = (typeof eventDrivenFunctions)[number];
/** Every function with a door: the event-driven ones and the replay function. */
export type DoorFunction = EventDrivenFunction | 'replay';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** DynamoDB operations that write. */
const writeOperations = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
/** AWS operations that only read (everything else changes something). */
const readOnly = /^(Describe|List|Get|BatchGet)/;

/**
 * What one invocation did, counted where it happened: at the DynamoDB proxy, the emulators, PutEvents and the
 * dead-letter queue.
 */
export interface Effects {
  readonly dynamoRequests: readonly string[];
  readonly dynamoWrites: readonly string[];
  readonly apiCalls: ReadonlyArray<{ readonly operation: string; readonly input: unknown }>;
  readonly changingCalls: readonly string[];
  readonly putEvents: number;
  readonly deadLetters: LocalStack['deadLetters'];
}

/** The outcome of one invocation: its answer, or what it threw. */
export type Outcome = { readonly returned: unknown } | { readonly threw: unknown };

/**
 * A function's door on a local stack without the bus: the handler its own factory builds
 * (`functions/<fn>/function.ts` `createHandler(config, runtime)`, middleware included) from the
 * environment the template gives it and the stack's runtime (its clock, its endpoints: DynamoDB
 * Local behind the counting proxy, the emulators, PutEvents and SQS), invoked directly with a
 * Lambda context: thousands of cases on one cold start.
 */
export class Door {
  private constructor(
    readonly fn: DoorFunction,
    readonly stack: LocalStack,
    readonly config: Config,
    private readonly handler: Handler,
  ) {}

  static async open(stack: LocalStack, fn: DoorFunction, runtime: Runtime = stack.functionRuntime): Promise<Door> {
    const module = (await import(pathToFileURL(join(projectRoot, 'functions', fn, 'function.ts')).href)) as {
      createHandler: (config: Config, runtime: Runtime) => Handler;
    };
    const config = loadConfig(stack.environmentOf(fn));
    return new Door(fn, stack, config, module.createHandler(config, runtime));
  }

  /** The function's own account and Region: the stack's. */
  get origin(): { readonly account: string; readonly region: string } {
    return { account: this.stack.managementAccountId, region: this.config.AWS_REGION };
  }

  /** A Lambda context as the Lambda service builds it (the ARN names the function's account and Region). */
  context(
    invokedFunctionArn = `arn:aws:lambda:${this.origin.region}:${this.origin.account}:function:orgwarden-fuzz-${this.fn}`,
  ): Context {
    const deadline = Date.now() + 60_000;
    return {
      functionName: `orgwarden-fuzz-${this.fn}`,
      functionVersion: '$LATEST',
      invokedFunctionArn,
      memoryLimitInMB: '256',
      awsRequestId: 'fuzz',
      logGroupName: `/aws/lambda/orgwarden-fuzz-${this.fn}`,
      logStreamName: 'fuzz',
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }

  private callLogs(): ReadonlyArray<
    ReadonlyArray<{ readonly operation: string; readonly input: unknown; readonly principal: string }>
  > {
    return [this.stack.organizations.calls, this.stack.securityIr.calls, this.stack.macie.calls];
  }

  /** Invokes the handler once and counts what that invocation did. */
  async invoke(event: unknown, context = this.context()): Promise<{ outcome: Outcome; effects: Effects }> {
    const before = {
      dynamo: this.stack.dynamoRequests.length,
      api: this.callLogs().map((calls) => calls.length),
      putEvents: this.stack.putEventsCalls.length,
      letters: this.stack.deadLetters.length,
    };
    const outcome: Outcome = await this.handler(event, context).then(
      (returned) => ({ returned }),
      (threw: unknown) => ({ threw }),
    );
    const dynamoRequests = this.stack.dynamoRequests.slice(before.dynamo).map((request) => request.operation);
    // orgwarden's own calls (the emulators record the scenario's too), per emulator: a merged list is sorted by time,
    // which does not move here.
    const apiCalls = this.callLogs().flatMap((calls, i) =>
      calls.slice(before.api[i]).filter((call) => call.principal.startsWith('ORGWARDEN')),
    );
    return {
      outcome,
      effects: {
        dynamoRequests,
        dynamoWrites: dynamoRequests.filter((operation) => writeOperations.has(operation)),
        apiCalls: apiCalls.map(({ operation, input }) => ({ operation, input })),
        changingCalls: apiCalls.map((call) => call.operation).filter((operation) => !readOnly.test(operation)),
        putEvents: this.stack.putEventsCalls.length - before.putEvents,
        deadLetters: this.stack.deadLetters.slice(before.letters),
      },
    };
  }
}
