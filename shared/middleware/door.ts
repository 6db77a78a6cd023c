import type { MiddlewareObj } from '@middy/core';
import type * as z from 'zod/mini';
import type { Context } from 'aws-lambda';
import {
  ConfigurationError,
  errorCodeOf,
  ForeignEventError,
  MalformedEventError,
  PermanentError,
} from '../domain/errors';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Clock } from '../ports/clock';
import type { DeadLetterSink } from '../ports/dead-letters';
import type { HealthMetrics } from '../ports/health-metrics';
import { readableStack } from './readable-stack';

// The door of every event-driven handler, in the order shared/config/event-function.ts chains it: events
// from elsewhere refused (before anything reads them), then the size and depth limits, then the schema;
// and on the way out, the error boundary that decides what a failure makes of the event (classifyErrors).

/** Where a function runs: its account and Region. */
export interface Origin {
  readonly account: string;
  readonly region: string;
}

/** Events of one source that may come from other Regions of the same account (forwarded there on purpose). */
export interface ForwardedRegions {
  readonly source: string;
  readonly regions: readonly string[];
}

/**
 * Events of one source that may come from another account, forwarded on purpose: the management
 * account's Organizations events when orgwarden runs in a delegated administrator's account
 * (shared/infra/management-forwarder.yml). An empty `account` accepts none.
 */
export interface ForwardedAccount {
  readonly source: string;
  readonly account: string;
}

const functionArn =
  /^arn:aws(?:-[a-z]+)*:lambda:([a-z]{2}(?:-[a-z]+)+-\d{1,2}):(\d{12}):function:[\w-]{1,140}(?::[\w$-]{1,128})?$/;

/**
 * The function's own account and Region, from the ARN it was invoked as. Lambda has no environment
 * variable for the account, and the ARN names both, so one source keeps them consistent (its Region
 * is AWS_REGION's). Read per invocation, it costs a regular expression. No usable ARN means the
 * function cannot tell its own origin: it refuses (fails closed) rather than accept everything.
 */
export const originOf = (context: Pick<Context, 'invokedFunctionArn'> | undefined): Origin => {
  const arn = context?.invokedFunctionArn;
  const match = typeof arn === 'string' ? functionArn.exec(arn) : null;
  if (!match)
    throw new ConfigurationError(
      `the function cannot tell its own account and Region: invokedFunctionArn ` +
        `${JSON.stringify(String(arn).slice(0, 160))} is not a Lambda function ARN`,
    );
  return { region: match[1]!, account: match[2]! };
};

const shown = (value: string): string => JSON.stringify(value.slice(0, 40));

/**
 * Throws unless `event` comes from `own` account and Region, or from a Region `forwarded` lists for
 * its source. An event that does not name its account and Region as strings cannot be placed:
 * `MalformedEventError`. Reads only the envelope's `account`, `region` and `source`, so it can run
 * before the size and depth limits.
 */
export const checkOrigin = (
  event: unknown,
  own: Origin,
  forwarded?: ForwardedRegions,
  fromAccount?: ForwardedAccount,
): void => {
  if (!event || typeof event !== 'object' || Array.isArray(event))
    throw new MalformedEventError('the event is not an object: it names no account and Region', [
      '(event): expected an object',
    ]);
  const { account, region, source } = event as Record<string, unknown>;
  if (typeof account !== 'string' || typeof region !== 'string') {
    const missing = [
      typeof account === 'string' ? [] : ['account'],
      typeof region === 'string' ? [] : ['region'],
    ].flat();
    throw new MalformedEventError(
      `the event names no ${missing.join(' and ')}: where it comes from cannot be told`,
      missing.map((field) => `${field}: expected a string`),
    );
  }
  const forwardedFromAccount =
    fromAccount !== undefined &&
    fromAccount.account !== '' &&
    source === fromAccount.source &&
    account === fromAccount.account;
  if (account !== own.account && !forwardedFromAccount) {
    throw new ForeignEventError(
      `the event comes from account ${shown(account)}, not this function's (${own.account}): refused`,
      { account: account.slice(0, 40), region: region.slice(0, 40) },
    );
  }
  const forwardedHere = forwarded !== undefined && source === forwarded.source && forwarded.regions.includes(region);
  if (region !== own.region && !forwardedHere) {
    const allowed =
      forwarded && source === forwarded.source ? ` or a watched one (${forwarded.regions.join(', ') || 'none'})` : '';
    throw new ForeignEventError(
      `the event comes from Region ${shown(region)}, not this function's (${own.region})${allowed}: refused`,
      { account, region: region.slice(0, 40) },
    );
  }
};

/**
 * The first check of every event-driven handler, before the limits and the schema and before
 * anything is read or written: an EventBridge event from another account or Region than the
 * function's own is refused as `ForeignEventError` (permanent: the error boundary keeps it in the
 * dead-letter queue as received). The one exception is declared by the function: Macie's member
 * calls forwarded from the watched Regions (`MACIE_REGIONS`, shared/infra/macie-forwarder.yml) keep
 * their own `region`; the management account's Organizations events forwarded to a delegated
 * administrator's deployment keep their own `account`.
 */
export const refuseForeignEvents = (forwarded?: ForwardedRegions, fromAccount?: ForwardedAccount): MiddlewareObj => ({
  before: (request) => {
    checkOrigin(request.event, originOf(request.context), forwarded, fromAccount);
  },
});

/**
 * Limits on anything that enters from outside, checked before it is parsed, stored or sent:
 * EventBridge delivers at most 256 KiB per event, and no real record nests deeper than a dozen
 * levels. The walk is iterative, so a hostile nesting cannot overflow the stack.
 */
export interface InputLimits {
  readonly maxDepth: number;
  readonly maxBytes: number;
  readonly maxStringLength: number;
  readonly maxNodes: number;
}

export const eventLimits: InputLimits = { maxDepth: 32, maxBytes: 262_144, maxStringLength: 65_536, maxNodes: 20_000 };

/** Throws `MalformedEventError` naming the first limit `value` breaks (the path where it broke). */
export const checkLimits = (value: unknown, limits: InputLimits = eventLimits, what = 'the event'): void => {
  const stack: Array<{ node: unknown; depth: number; path: string }> = [{ node: value, depth: 0, path: '$' }];
  let bytes = 0;
  let nodes = 0;
  const refuse = (reason: string, path: string): never => {
    throw new MalformedEventError(`${what} is refused before processing: ${reason} (at ${path.slice(0, 120)})`, [
      `${path.slice(0, 120)}: ${reason}`,
    ]);
  };
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (++nodes > limits.maxNodes) refuse(`more than ${limits.maxNodes} values`, path);
    if (depth > limits.maxDepth) refuse(`nested deeper than ${limits.maxDepth} levels`, path);
    if (typeof node === 'string') {
      if (node.length > limits.maxStringLength)
        refuse(`a string of ${node.length} characters (at most ${limits.maxStringLength})`, path);
      bytes += node.length + 2;
    } else if (Array.isArray(node)) {
      bytes += 2 + node.length;
      for (let i = 0; i < node.length; i++) stack.push({ node: node[i], depth: depth + 1, path: `${path}[${i}]` });
    } else if (node && typeof node === 'object') {
      const entries = Object.entries(node);
      bytes += 2 + entries.length;
      for (const [key, child] of entries) {
        if (key.length > 256) refuse(`a key of ${key.length} characters`, path);
        bytes += key.length + 3;
        stack.push({ node: child, depth: depth + 1, path: `${path}.${key}` });
      }
    } else bytes += 8;
    if (bytes > limits.maxBytes) refuse(`larger than ${limits.maxBytes} bytes`, path);
  }
};

/**
 * The door of every handler: size and depth limits first (before anything walks the event), then
 * the function's zod schema. Whatever fails is `MalformedEventError` on the first attempt, naming
 * each problem with its path; nothing has been read from AWS or written yet.
 */
export const parseEvent = <S extends z.ZodMiniType>(schema: S): MiddlewareObj => ({
  before: (request) => {
    request.event = checkedEvent(schema, request.event);
  },
});

/** The door without middy (a planner, the CLI): the limits, then the schema; the parsed event. */
export const checkedEvent = <S extends z.ZodMiniType>(schema: S, event: unknown): z.infer<S> => {
  checkLimits(event);
  const parsed = schema.safeParse(event);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 10)
      .map((issue) => `${issue.path.map(String).join('.') || '(event)'}: ${issue.message}`);
    throw new MalformedEventError(`the event does not match its schema: ${issues.join('; ')}`, issues);
  }
  return parsed.data;
};

export interface DeadLettered {
  readonly outcome: 'dead-lettered';
  readonly error: { readonly name: string; readonly message: string };
}

/** How an invocation ended: handled, its event kept in the dead-letter queue, or rethrown for Lambda to retry. */
export type InvocationOutcome = 'processed' | 'dead-lettered' | 'failed';

const received = new WeakMap<object, unknown>();

/**
 * The error boundary of every handler. A permanent error (bad input, unknown subject, refusal) is
 * logged and kept in the dead-letter queue, and the invocation succeeds so that Lambda does not
 * retry it in vain. Anything else is rethrown: Lambda retries it and its on-failure destination
 * keeps the event if the retries run out. Either way no event is dropped silently.
 */
export const classifyErrors = (options: {
  functionName: string;
  logger: Logger;
  deadLetters: () => DeadLetterSink;
  /** Where each invocation's end is counted (`Events`, by function and outcome: the dashboard). */
  metrics: HealthMetrics;
  clock: Clock;
}): MiddlewareObj => {
  // Rethrown errors are `failed` (Lambda retries them).
  const count = (Outcome: InvocationOutcome): void =>
    options.metrics.record({ Events: 1 }, options.clock.now(), { Function: options.functionName, Outcome });
  return {
    after: () => count('processed'),
    // The event as received, before the door replaces it with its parsed copy (which drops what the
    // schema does not keep, a "__proto__" key for one): a dead letter keeps what arrived.
    before: (request) => {
      received.set(request, request.event);
    },
    onError: async (request) => {
      const error = request.error;
      const eventId =
        typeof (request.event as { id?: unknown } | undefined)?.id === 'string'
          ? String((request.event as { id: string }).id).slice(0, 128)
          : undefined;
      // The stable code (errors.ts) beside the error: a log query or an alarm matches it, not a message.
      const code = errorCodeOf(error);
      if (error instanceof PermanentError) {
        const logged = { error, code, eventId, sourceStack: readableStack(error) };
        options.logger.error('permanent failure: event kept in the dead-letter queue', logged);
        await options
          .deadLetters()
          .keep(received.has(request) ? received.get(request) : request.event, error, options.functionName);
        const response: DeadLettered = {
          outcome: 'dead-lettered',
          error: { name: error.name, message: error.message },
        };
        request.response = response;
        count('dead-lettered');
        return;
      }
      const logged = { error: error as Error, code, eventId, sourceStack: readableStack(error) };
      options.logger.warn('transient failure: rethrown for Lambda to retry', logged);
      count('failed');
    },
  };
};
