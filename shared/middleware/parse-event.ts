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
    checkLimits(request.event);
    const parsed = schema.safeParse(request.event);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 10).map((issue) => `${issue.path.map(String).join('.') || '(event)'}: ${issue.message}`);
      throw new MalformedEventError(`the event does not match its schema: ${issues.join('; ')}`, issues);
    }
    request.event = parsed.data;
  },
});
