import * as z from 'zod/mini';
import { cloudTrailDetailSchema, cloudTrailEventSchema } from './cloudtrail';

/** The Organizations calls and service events `handshake-changed` reacts to (its rule's eventName list). */
export const handshakeEventNames = [
  'InviteAccountToOrganization',
  'AcceptHandshake',
  'DeclineHandshake',
  'CancelHandshake',
  'EnableAllFeatures',
  'InviteOrganizationToTransferResponsibility',
] as const;
export const accountEventNames = ['AccountJoinedOrganization', 'AccountDepartedOrganization'] as const;
/** Billing-transfer calls and service events (the service events carry lowerCamel details, epoch-ms times). */
export const transferEventNames = [
  'TerminateResponsibilityTransfer',
  'UpdateResponsibilityTransfer',
  'ResponsibilityTransferAccepted',
  'ResponsibilityTransferTerminated',
] as const;
/**
 * Changes of an account's place or creation: its Security IR coverage is checked (CreateAccountResult also records the
 * new account).
 */
export const structureEventNames = ['MoveAccount', 'CreateAccountResult'] as const;
/**
 * A service's delegated administrator registered or removed (from the management account's view, how a Security IR
 * membership held by one is lost).
 */
export const delegationEventNames = ['RegisterDelegatedAdministrator', 'DeregisterDelegatedAdministrator'] as const;
export const organizationsEventNames = [
  ...handshakeEventNames,
  ...accountEventNames,
  ...transferEventNames,
  ...structureEventNames,
  ...delegationEventNames,
] as const;
export type OrganizationsEventName = (typeof organizationsEventNames)[number];

export const organizationsEventSchema = z.looseObject({
  ...cloudTrailEventSchema.shape,
  source: z.literal('aws.organizations'),
  detail: z.looseObject({ ...cloudTrailDetailSchema.shape, eventSource: z.literal('organizations.amazonaws.com') }),
});
export type OrganizationsEvent = z.infer<typeof organizationsEventSchema>;
