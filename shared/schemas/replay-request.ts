import * as z from 'zod/mini';

/** What the replay function is invoked with (directly: `aws lambda invoke --payload ...`). */
export const replayRequestSchema = z.strictObject({
  since: z.iso.datetime({ offset: true }),
  until: z.iso.datetime({ offset: true }),
  replayName: z.optional(
    z.string().check(z.regex(/^[.\-_A-Za-z0-9]{1,64}$/, 'a replay name (letters, digits, . - _; at most 64)')),
  ),
  apply: z.optional(z.boolean()),
});
export type ReplayRequest = z.infer<typeof replayRequestSchema>;
