import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import { errorCodeOf, PermanentError } from '../domain/errors';
import type { DeadLetterSink } from '../ports/dead-letters';
import { readableStack } from './readable-stack';

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
  /** Told how each invocation ended (the `Events` metric): rethrown errors are `failed` (Lambda retries them). */
  outcome: (outcome: InvocationOutcome) => void;
}): MiddlewareObj => ({
  after: () => options.outcome('processed'),
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
      const response: DeadLettered = { outcome: 'dead-lettered', error: { name: error.name, message: error.message } };
      request.response = response;
      options.outcome('dead-lettered');
      return;
    }
    const logged = { error: error as Error, code, eventId, sourceStack: readableStack(error) };
    options.logger.warn('transient failure: rethrown for Lambda to retry', logged);
    options.outcome('failed');
  },
});
