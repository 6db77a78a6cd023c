// CloudTrail framing of Organizations activity, as EventBridge delivers it to the management
// account's us-east-1 default bus. Shapes follow the examples of "Logging AWS Organizations API calls
// with AWS CloudTrail" (Organizations User Guide): CreateAccount / CreateAccountResult,
// InviteAccountToOrganization, AttachPolicy (failed call: errorCode, errorMessage, null
// responseElements), CloseAccountResult (service event framing, eventCategory).
import { frameApiCall, frameEvent, isoSeconds, type ApiCallRecord, type TrailSource } from '../common/cloudtrail';
import type { EmulatedEvent } from '../common/types';
import { shapeOf, type ServiceModel } from '../model';
import type { IdGenerator } from './ids';
import { cloudTrailDate } from './time';
import type { ServiceEventDraft } from './types';

/**
 * CloudTrail's placeholder for values it does not log. The guide's CreateAccount example shows
 * `****`; other services and newer Organizations records show this marker. Consumers must treat any
 * non-id value in a record as opaque and re-read the resource.
 */
export const REDACTED = 'HIDDEN_DUE_TO_SECURITY_REASONS';

// Members CloudTrail redacts: notes, emails, account and transfer names (the model marks them
// `sensitive`). Account ids, organization ids and handshake ids stay readable, as in the examples.
const REDACTED_SHAPES = new Set([
  'HandshakeNotes',
  'Email',
  'CreateAccountName',
  'AccountName',
  'ResponsibilityTransferName',
]);
const REDACTED_RESOURCE_TYPES = new Set([
  'NOTES',
  'EMAIL',
  'MASTER_EMAIL',
  'MASTER_NAME',
  'MANAGEMENT_EMAIL',
  'MANAGEMENT_NAME',
]);

const ORGANIZATIONS: TrailSource = {
  source: 'aws.organizations',
  eventSource: 'organizations.amazonaws.com',
  eventVersion: '1.08',
};
// Organizations is a global service whose events all land in us-east-1.
const REGION = 'us-east-1';

/**
 * Frames an API call made by the management account as the `AWS API Call via CloudTrail` event its
 * us-east-1 default bus receives. Request and response members are camelCased, sensitive values
 * redacted, timestamps written the CloudTrail way; a failed call has errorCode, errorMessage and a
 * null responseElements.
 */
export function apiCallEvent(
  model: ServiceModel,
  ids: IdGenerator,
  record: ApiCallRecord,
  managementAccountId: string,
): EmulatedEvent {
  const hasInput = Object.keys(record.input).length > 0;
  return frameApiCall(ORGANIZATIONS, ids, record, {
    region: REGION,
    recipientAccountId: managementAccountId,
    requestParameters: hasInput && record.inputShape ? toCloudTrail(model, record.inputShape, record.input) : null,
    responseElements:
      record.output && record.outputShape ? toCloudTrail(model, record.outputShape, record.output) : null,
  });
}

/**
 * Frames a service event (AccountJoinedOrganization, AccountDepartedOrganization,
 * CreateAccountResult, CloseAccountResult, ResponsibilityTransferAccepted,
 * ResponsibilityTransferTerminated) as the `AWS Service Event via CloudTrail` event of the
 * management account's us-east-1 default bus, at the draft's own time when it has one.
 */
export function serviceEvent(
  ids: IdGenerator,
  draft: ServiceEventDraft,
  managementAccountId: string,
  callTime: Date,
): EmulatedEvent {
  const now = draft.at ?? callTime;
  const detail: Record<string, unknown> = {
    eventVersion: ORGANIZATIONS.eventVersion,
    userIdentity: { accountId: managementAccountId, invokedBy: 'AWS Internal' },
    eventTime: isoSeconds(now),
    eventSource: ORGANIZATIONS.eventSource,
    eventName: draft.eventName,
    awsRegion: REGION,
    sourceIPAddress: 'AWS Internal',
    userAgent: 'AWS Internal',
    requestParameters: null,
    responseElements: null,
    eventID: ids.uuid(),
    readOnly: false,
    eventType: 'AwsServiceEvent',
    managementEvent: true,
    recipientAccountId: managementAccountId,
    serviceEventDetails: draft.serviceEventDetails,
    eventCategory: 'Management',
  };
  return frameEvent(ORGANIZATIONS, ids, {
    detailType: 'AWS Service Event via CloudTrail',
    account: managementAccountId,
    region: REGION,
    time: now,
    resources: [],
    detail,
  });
}

/**
 * `serviceEventDetails` of the membership events. The Organizations API reference names the fields
 * (AcceptHandshake, CreateAccount, LeaveOrganization, RemoveAccountFromOrganization: "an
 * AccountJoinedOrganization event is logged with joinedMethod:INVITED and joinedTime",
 * "AccountDepartedOrganization event with departureMethod:LEFT and departureTime"; CloseAccount:
 * "departureMethod:CLEANED" 90 days after closing, which an older page spells
 * "departedMethod:Cleaned") but publishes no complete record; the flat layout, the upper-case values
 * and the `accountId` key are this emulator's assumption. The event's time is the change's.
 */
export function membershipDetails(
  accountId: string,
  change: { joinedMethod: 'INVITED' | 'CREATED' } | { departureMethod: 'LEFT' | 'REMOVED' | 'CLEANED' },
  at: Date,
): ServiceEventDraft {
  if ('joinedMethod' in change) {
    return {
      eventName: 'AccountJoinedOrganization',
      serviceEventDetails: { accountId, joinedMethod: change.joinedMethod, joinedTime: cloudTrailDate(at) },
      at,
    };
  }
  return {
    eventName: 'AccountDepartedOrganization',
    serviceEventDetails: { accountId, departureMethod: change.departureMethod, departureTime: cloudTrailDate(at) },
    at,
  };
}

/**
 * Converts a request or response to CloudTrail's form by walking its model shape: camelCase member
 * names, redacted sensitive values, timestamps as `Jan 18, 2017 9:41:16 PM`, and a handshake's
 * `action` in lower case as in the guide's InviteAccountToOrganization example. A value whose JSON
 * type does not fit its shape (a request refused with SerializationException still gets its record)
 * is logged as sent, never walked: walking it used to throw and turn the answer into an HTTP 500.
 */
export function toCloudTrail(model: ServiceModel, shapeName: string, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (REDACTED_SHAPES.has(shapeName)) return REDACTED;
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      if (!isRecord(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const member = value[name];
        if (member === undefined) continue;
        const key = name.charAt(0).toLowerCase() + name.slice(1);
        out[key] =
          ref.shape === 'ActionType' && typeof member === 'string'
            ? member.toLowerCase()
            : toCloudTrail(model, ref.shape, member);
      }
      if (shapeName === 'HandshakeResource' && REDACTED_RESOURCE_TYPES.has(value.Type as string)) out.value = REDACTED;
      if (shapeName === 'HandshakeParty' && value.Type === 'EMAIL') out.id = REDACTED;
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((item) => toCloudTrail(model, shape.member!.shape, item)) : value;
    case 'map':
      return isRecord(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCloudTrail(model, shape.value!.shape, v)]))
        : value;
    case 'timestamp':
      if (value instanceof Date) return cloudTrailDate(value);
      return typeof value === 'number' && Number.isFinite(value) ? cloudTrailDate(new Date(value * 1000)) : value;
    default:
      return value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
