import * as z from 'zod/mini';
import { cloudTrailDetailSchema, cloudTrailEventSchema } from './cloudtrail';
import { bounded, eventBridgeEnvelope } from './eventbridge';

/**
 * The native membership events of Security Incident Response (durable delivery). AWS's EventBridge
 * reference names Cancelled; the user guide's example of a cancellation is spelled `Membership Closed`:
 * both are taken.
 */
export const membershipDetailTypes = [
  'Membership Created',
  'Membership Updated',
  'Membership Cancelled',
  'Membership Closed',
  'Membership Terminated',
] as const;

/** The CloudTrail records of the calls that change a membership (`security-ir.amazonaws.com`). */
export const membershipCallNames = ['CancelMembership', 'UpdateMembership'] as const;

export const securityIrNativeEventSchema = z.looseObject({
  ...eventBridgeEnvelope,
  source: z.literal('aws.security-ir'),
  'detail-type': z.enum(membershipDetailTypes),
  // The detail carries only the id: the membership is re-read (GetMembership).
  detail: z.looseObject({ membershipId: bounded(64) }),
});
export type SecurityIrNativeEvent = z.infer<typeof securityIrNativeEventSchema>;

export const securityIrCallEventSchema = z.looseObject({
  ...cloudTrailEventSchema.shape,
  source: z.literal('aws.security-ir'),
  'detail-type': z.literal('AWS API Call via CloudTrail'),
  detail: z.looseObject({ ...cloudTrailDetailSchema.shape, eventSource: z.literal('security-ir.amazonaws.com') }),
});
export type SecurityIrCallEvent = z.infer<typeof securityIrCallEventSchema>;

export const securityIrEventSchema = z.union([securityIrNativeEventSchema, securityIrCallEventSchema]);
export type SecurityIrEvent = z.infer<typeof securityIrEventSchema>;
