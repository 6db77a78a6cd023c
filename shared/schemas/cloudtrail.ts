import * as z from 'zod/mini';
import { bounded, eventBridgeEnvelope } from './eventbridge';

const record = z.record(z.string(), z.unknown());

/**
 * A CloudTrail record as EventBridge delivers it (`AWS API Call via CloudTrail` and
 * `AWS Service Event via CloudTrail`). Lenient where real records vary (`requestParameters` and
 * `responseElements` may be null, timestamps inside them may read `Jan 18, 2017 9:41:16 PM`:
 * orgwarden takes only ids from them and re-reads the rest), strict on what it stores or publishes
 * (`eventTime` is a time, names are bounded).
 */
export const cloudTrailDetailSchema = z.looseObject({
  eventVersion: z.optional(bounded(16)),
  eventSource: z.string().check(z.regex(/^[a-z0-9.-]{1,128}$/, 'a service host such as organizations.amazonaws.com')),
  eventName: z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]{0,127}$/, 'an API or service event name')),
  eventTime: z.optional(z.iso.datetime({ offset: true })),
  eventType: z.optional(bounded(64)),
  eventID: z.optional(bounded(128)),
  awsRegion: z.optional(bounded(32)),
  recipientAccountId: z.optional(z.string().check(z.regex(/^\d{12}$/))),
  userIdentity: z.optional(record),
  requestParameters: z.optional(z.nullable(record)),
  responseElements: z.optional(z.nullable(record)),
  serviceEventDetails: z.optional(z.nullable(record)),
  additionalEventData: z.optional(z.nullable(record)),
  errorCode: z.optional(bounded(256)),
  errorMessage: z.optional(z.string().check(z.maxLength(8192))),
});
export type CloudTrailDetail = z.infer<typeof cloudTrailDetailSchema>;

export const cloudTrailEventSchema = z.looseObject({
  ...eventBridgeEnvelope,
  'detail-type': z.enum(['AWS API Call via CloudTrail', 'AWS Service Event via CloudTrail']),
  detail: cloudTrailDetailSchema,
});
export type CloudTrailEvent = z.infer<typeof cloudTrailEventSchema>;
