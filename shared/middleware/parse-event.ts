import type { MiddlewareObj } from '@middy/core';
import type * as z from 'zod/mini';
import { MalformedEventError } from '../domain/errors';
import { checkLimits } from '../schemas/limits';

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
