import * as z from 'zod/mini';
import { eventBridgeEnvelope } from './eventbridge';
import { scheduledEventSchema } from './scheduled-event';

/** Where an audit run goes on when one invocation was not enough (an event on orgwarden's own bus). */
export const auditContinuationSource = 'orgwarden.audit';
export const auditContinuationDetailType = 'Audit Continuation';

const sourceReport = z.object({
  kind: z.string().check(z.maxLength(64)),
  scope: z.optional(z.string().check(z.maxLength(64))),
  listed: z.number(),
  stored: z.number(),
  fed: z.number(),
  changed: z.number(),
  gone: z.number(),
  unannounced: z.optional(z.number()),
  complete: z.boolean(),
  calls: z.number(),
  error: z.optional(z.string().check(z.maxLength(4096))),
});

export const auditContinuationSchema = z.looseObject({
  ...eventBridgeEnvelope,
  'detail-type': z.literal(auditContinuationDetailType),
  source: z.literal(auditContinuationSource),
  detail: z.object({
    runId: z.string().check(z.regex(/^[0-9A-Za-z][0-9A-Za-z._:-]{0,63}$/)),
    import: z.boolean(),
    startedAt: z.iso.datetime({ offset: true }),
    sources: z.array(sourceReport).check(z.maxLength(50)),
  }),
});

/** The audit's triggers: its schedule, or its own continuation. */
export const auditEventSchema = z.union([scheduledEventSchema, auditContinuationSchema]);
export type AuditEvent = z.infer<typeof auditEventSchema>;
