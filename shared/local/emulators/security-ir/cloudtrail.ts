// The events Security IR puts on a default bus: its native events (source aws.security-ir, detail
// with the id only) and the CloudTrail records of its API calls. Shapes follow the user guide:
// "Case Events", "Case Comment Events", "Membership Events" (envelopes with the resource ARN in
// `resources`) and "Understanding Security Incident Response log file entries" (the CreateCase
// record: eventVersion 1.09, sensitive values as `***`, timestamps in epoch seconds, a
// `resources` list with type AWS::SecurityResponder::Case).
import type { RandomIds } from '../common/ids';
import type { CallIdentity } from '../common/types';
import { shapeOf, type ServiceModel } from '../model';
import { isoSeconds } from '../organizations/time';
import type { SecurityIrServiceError } from './errors';
import type { EmulatedEvent } from './types';

/** The `source` of every Security IR event. */
export const SECURITY_IR_SOURCE = 'aws.security-ir';
/** The CloudTrail `eventSource` of Security IR calls. */
export const SECURITY_IR_EVENT_SOURCE = 'security-ir.amazonaws.com';
/** How CloudTrail writes the members the model marks `sensitive` (titles, emails, names, bodies, IPs). */
export const REDACTED = '***';

const EVENT_VERSION = '1.09';

/** A resource entry of a CloudTrail record. */
export interface TrailResource {
  accountId: string;
  type: string;
  ARN: string;
}

/** Everything needed to frame one API call as a CloudTrail record. */
export interface ApiCallRecord {
  operation: string;
  inputShape?: string;
  outputShape?: string;
  /** The request as bound from the wire (epoch-second timestamps). */
  input: Record<string, unknown>;
  /** The response body; absent for a failed call. */
  output?: Record<string, unknown>;
  error?: SecurityIrServiceError;
  identity: CallIdentity;
  requestId: string;
  now: Date;
  region: string;
  resources?: TrailResource[];
}

/**
 * Frames an API call as the `AWS API Call via CloudTrail` event of the caller's default bus in the
 * endpoint's region (Security IR is regional). A failed call has errorCode, errorMessage and a null
 * responseElements.
 */
export function apiCallEvent(model: ServiceModel, ids: RandomIds, record: ApiCallRecord): EmulatedEvent {
  const { identity, now } = record;
  const hasInput = Object.keys(record.input).length > 0;
  const detail: Record<string, unknown> = {
    eventVersion: EVENT_VERSION,
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${identity.kind === 'orgwarden' ? 'ORGWARDEN' : 'SCENARIO'}${identity.accountId}`.slice(0, 21),
      arn: `arn:aws:iam::${identity.accountId}:user/${identity.kind}`,
      accountId: identity.accountId,
      accessKeyId: identity.principal,
      userName: identity.kind,
    },
    eventTime: isoSeconds(now),
    eventSource: SECURITY_IR_EVENT_SOURCE,
    eventName: record.operation,
    awsRegion: record.region,
    sourceIPAddress: identity.sourceIp,
    userAgent: identity.userAgent,
    ...(record.error ? { errorCode: record.error.code, errorMessage: record.error.message } : {}),
    requestParameters: hasInput && record.inputShape ? toCloudTrail(model, record.inputShape, record.input) : null,
    responseElements: record.output && record.outputShape && Object.keys(record.output).length > 0 ? toCloudTrail(model, record.outputShape, record.output) : null,
    requestID: record.requestId,
    eventID: ids.uuid(),
    readOnly: false,
    ...(record.resources ? { resources: record.resources } : {}),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: identity.accountId,
    eventCategory: 'Management',
  };
  return envelope(ids, 'AWS API Call via CloudTrail', identity.accountId, record.region, now, [], detail);
}

/** A native Security IR event before framing. */
export interface NativeEventDraft {
  detailType: string;
  /** The account whose bus receives it: the membership account. */
  account: string;
  /** The ARN of the membership or case. */
  resource: string;
  /** `{ membershipId }` or `{ caseId, createdBy | updatedBy }`. */
  detail: Record<string, unknown>;
  /** When it happened; default the call's time. */
  at?: Date;
}

/** Frames a native event as the membership account's default bus receives it. */
export function nativeEvent(ids: RandomIds, draft: NativeEventDraft, region: string, now: Date): EmulatedEvent {
  return envelope(ids, draft.detailType, draft.account, region, draft.at ?? now, [draft.resource], draft.detail);
}

function envelope(ids: RandomIds, detailType: string, account: string, region: string, time: Date, resources: string[], detail: Record<string, unknown>): EmulatedEvent {
  return { version: '0', id: ids.uuid(), 'detail-type': detailType, source: SECURITY_IR_SOURCE, account, time: isoSeconds(time), region, resources, detail };
}

/**
 * Converts a request or response to CloudTrail's form by walking its model shape: member names as
 * on the wire, values of `sensitive` shapes replaced by `***`, everything else (epoch-second
 * timestamps included) as sent.
 */
export function toCloudTrail(model: ServiceModel, shapeName: string, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  const shape = shapeOf(model, shapeName);
  if (shape.sensitive) return REDACTED;
  switch (shape.type) {
    case 'structure': {
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (source[name] !== undefined) out[name] = toCloudTrail(model, ref.shape, source[name]);
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((item) => toCloudTrail(model, shape.member!.shape, item)) : value;
    case 'map':
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toCloudTrail(model, shape.value!.shape, v)]));
    default:
      return value;
  }
}
