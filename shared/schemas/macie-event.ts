import * as z from 'zod/mini';
import { cloudTrailDetailSchema, cloudTrailEventSchema } from './cloudtrail';
import { scheduledEventSchema } from './scheduled-event';

/**
 * The Macie calls that change a member (regional, `macie2.amazonaws.com`). The administrator's own
 * calls are logged in its account; a member's (DisassociateFromAdministratorAccount and the
 * deprecated …FromMasterAccount) only in the member's, so they reach orgwarden only where someone
 * forwards them: the scheduled listing finds those changes.
 */
export const macieMemberCallNames = [
  'CreateMember',
  'DeleteMember',
  'DisassociateMember',
  'UpdateMemberSession',
  'DisassociateFromAdministratorAccount',
  'DisassociateFromMasterAccount',
] as const;
export type MacieMemberCallName = (typeof macieMemberCallNames)[number];

export const macieCallEventSchema = z.looseObject({
  ...cloudTrailEventSchema.shape,
  source: z.literal('aws.macie2'),
  'detail-type': z.literal('AWS API Call via CloudTrail'),
  detail: z.looseObject({ ...cloudTrailDetailSchema.shape, eventSource: z.literal('macie2.amazonaws.com') }),
});
export type MacieCallEvent = z.infer<typeof macieCallEventSchema>;

/** What the Macie function receives: a member call, or its schedule (the listing of every Region). */
export const macieEventSchema = z.union([macieCallEventSchema, scheduledEventSchema]);
export type MacieEvent = z.infer<typeof macieEventSchema>;
