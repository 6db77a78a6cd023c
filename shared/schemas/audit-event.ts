import * as z from 'zod/mini';
import { eventBridgeEnvelope } from './eventbridge';
import { scheduledEventSchema } from './scheduled-event';

/** Where an audit run goes on when one invocation was not enough (an event on orgwarden's own bus). */
export const auditContinuationSource = 'orgwarden.audit';
export const auditContinuationDetailType = 'Audit Continuation';

/**
 * A continuation names its run and the step its record must be at, and nothing else: what the run
 * is (an import or not, the sources done) is read from the record. Strict: a detail that carries
 * more (the progress earlier versions carried, `import` above all) is refused at the door.
 */
export const auditContinuationSchema = z.looseObject({
  ...eventBridgeEnvelope,
  'detail-type': z.literal(auditContinuationDetailType),
  source: z.literal(auditContinuationSource),
  detail: z.strictObject({
    runId: z.string().check(z.regex(/^[0-9A-Za-z][0-9A-Za-z._:-]{0,63}$/)),
    // A continuation always follows at least one source done; no deployment has 50 sources.
    step: z.int().check(z.minimum(1), z.maximum(50)),
  }),
});

/** The audit's triggers: its schedule, or its own continuation. */
export const auditEventSchema = z.union([scheduledEventSchema, auditContinuationSchema]);
export type AuditEvent = z.infer<typeof auditEventSchema>;
