import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';

const record = z.record(z.string(), z.unknown());

/**
 * A CloudTrail record as EventBridge delivers it (`AWS API Call via CloudTrail` and
 * `AWS Service Event via CloudTrail`). Deliberately lenient where real records vary:
 * `requestParameters` and `responseElements` may be null, timestamps inside them may read
 * `Jan 18, 2017 9:41:16 PM`; orgwarden takes only ids from them and re-reads the rest.
 */
export const cloudTrailDetailSchema = z
  .object({
    eventVersion: z.string().optional(),
    eventSource: z.string().min(1),
    eventName: z.string().min(1),
    eventTime: z.string().optional(),
    eventType: z.string().optional(),
    eventID: z.string().optional(),
    awsRegion: z.string().optional(),
    recipientAccountId: z.string().optional(),
    userIdentity: record.optional(),
    requestParameters: record.nullable().optional(),
    responseElements: record.nullable().optional(),
    serviceEventDetails: record.nullable().optional(),
    additionalEventData: record.nullable().optional(),
    errorCode: z.string().optional(),
    errorMessage: z.string().optional(),
  })
  .loose();
export type CloudTrailDetail = z.infer<typeof cloudTrailDetailSchema>;

export const cloudTrailEventSchema = EventBridgeSchema.extend({
  'detail-type': z.enum(['AWS API Call via CloudTrail', 'AWS Service Event via CloudTrail']),
  detail: cloudTrailDetailSchema,
});
export type CloudTrailEvent = z.infer<typeof cloudTrailEventSchema>;
