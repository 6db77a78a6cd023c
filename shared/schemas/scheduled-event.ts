import * as z from 'zod/mini';
import { eventBridgeEnvelope } from './eventbridge';

/**
 * A schedule's event: an EventBridge rule's `Scheduled Event` (source `aws.events`, detail `{}`) or
 * EventBridge Scheduler's (source `aws.scheduler`), whose detail may arrive as the string `"{}"`.
 */
export const scheduledEventSchema = z.looseObject({
  ...eventBridgeEnvelope,
  'detail-type': z.literal('Scheduled Event'),
  source: z.enum(['aws.events', 'aws.scheduler']),
  detail: z.union([z.record(z.string(), z.unknown()), z.string().check(z.maxLength(8192))]),
});
export type ScheduledEvent = z.infer<typeof scheduledEventSchema>;
