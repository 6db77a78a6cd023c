import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import {
  checkedEvent,
  classifyErrors,
  parseEvent,
  refuseForeignEvents,
  type ForwardedAccount,
  type ForwardedRegions,
} from '../middleware/door';
import { deadLetterSink } from './clients';
import type { Config } from './config';
import { functionContext, type FunctionContext } from './function-context';
import { healthMetrics } from './health-metrics';
import type { Runtime } from './runtime';

/** What one invocation gives back, and the line it is logged with (none: the function logged itself). */
export interface Handled {
  readonly result: unknown;
  readonly logged?: { readonly message: string; readonly fields: Readonly<Record<string, unknown>> };
}

/** A function's use case over a parsed event: handled (with effects), and planned (without: `orgwarden replay`). */
export interface BuiltFunction<E> {
  handle(event: E, context: Context): Promise<Handled>;
  plan?(event: E, remainingMs: number): Promise<unknown>;
}

/** The events a function takes from elsewhere than its own account and Region (forwarded to it). */
export interface Forwarded {
  readonly regions?: ForwardedRegions;
  readonly account?: ForwardedAccount;
}

export interface EventFunctionSpec<S extends z.ZodMiniType> {
  readonly name: string;
  readonly schema: S;
  readonly forwarded?: (config: Config) => Forwarded;
  /** Composes the use case, once per cold start. */
  readonly build: (context: FunctionContext) => BuiltFunction<z.infer<S>>;
}

/**
 * An event-driven function: the one place that owns the middleware chain and its order. Lambda's
 * context into the logger first; the error boundary (permanent → dead letter, transient → retry)
 * around everything else; events from elsewhere refused before they are read; the door (limits,
 * then the schema); then the use case, whose outcome is logged.
 */
export const eventFunction = <S extends z.ZodMiniType>(spec: EventFunctionSpec<S>) => {
  const createHandler = (config: Config, runtime: Runtime) => {
    const context = functionContext(spec.name, config, runtime);
    const built = spec.build(context);
    const { regions, account } = spec.forwarded?.(config) ?? {};
    const { logger } = context;
    return middy<z.infer<S>, unknown, Error, Context>()
      .use(injectLambdaContext(logger))
      .use(
        classifyErrors({
          functionName: spec.name,
          logger,
          deadLetters: lazy(() => deadLetterSink(config, runtime)),
          metrics: healthMetrics(config, runtime),
          clock: runtime.clock,
        }),
      )
      .use(refuseForeignEvents(regions, account))
      .use(parseEvent(spec.schema))
      .handler(async (event, lambda) => {
        const { result, logged } = await built.handle(event, lambda);
        if (logged) logger.info(logged.message, logged.fields);
        return result;
      });
  };
  /**
   * The function without its effects: the event checked as the handler checks it, re-read, reconciled, nothing written.
   */
  const createPlanner = (config: Config, runtime: Runtime) => {
    const built = spec.build(functionContext(spec.name, config, runtime));
    return (raw: unknown, remainingMs = 60_000): Promise<unknown> => {
      if (!built.plan) throw new Error(`${spec.name} has no plan`);
      return built.plan(checkedEvent(spec.schema, raw), remainingMs);
    };
  };
  return { createHandler, createPlanner };
};

/**
 * Builds on first use, once: a path that does not need a client never builds it. The functions compose
 * their adapters with it at cold start (a duplicate delivery never builds the Organizations client).
 */
export const lazy = <T>(build: () => T): (() => T) => {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
};
