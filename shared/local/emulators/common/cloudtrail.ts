// The framing every emulated service's events share: the EventBridge envelope, and the `AWS API Call
// via CloudTrail` record of a call (userIdentity from the local credential convention, event time,
// source, request and response, error, ids). What differs per service — its labels, its region, who
// receives the record, how request and response are converted and redacted — is passed in.
import type { RandomIds } from './ids';
import type { CallIdentity, EmulatedEvent } from './types';

/** ISO 8601 without milliseconds, the form of CloudTrail's `eventTime` and EventBridge's `time`. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** How one service labels its events and CloudTrail records. */
export interface TrailSource {
  /** The EventBridge `source` of the service's events, e.g. `aws.organizations`. */
  source: string;
  /** The CloudTrail `eventSource`, e.g. `organizations.amazonaws.com`. */
  eventSource: string;
  /** The CloudTrail `eventVersion` the service's documented records carry. */
  eventVersion: string;
}

/** A resource entry of a CloudTrail record. */
export interface TrailResource {
  accountId: string;
  type: string;
  ARN: string;
}

/** One API call as an emulator answered it: what its CloudTrail record is made of. */
export interface ApiCallRecord {
  operation: string;
  inputShape?: string;
  outputShape?: string;
  /** The request as the emulator took it. */
  input: Record<string, unknown>;
  /** The response; absent for a failed call. */
  output?: Record<string, unknown>;
  /** The service error of a failed call. */
  error?: { code: string; message: string };
  identity: CallIdentity;
  requestId: string;
  now: Date;
}

/** Where a call's record goes and what it says of the call, in the service's own CloudTrail form. */
export interface CallTrail {
  region: string;
  /** The account whose trail, and default bus, receives the record. */
  recipientAccountId: string;
  /** The request as the service logs it; null when it logs none. */
  requestParameters: unknown;
  /** The response as the service logs it; null for a failed call or when it logs none. */
  responseElements: unknown;
  resources?: TrailResource[];
}

/**
 * Frames an API call as the `AWS API Call via CloudTrail` event of the recipient's default bus. A
 * failed call has errorCode and errorMessage; `resources` appears only when the service names some.
 *
 * @param service - the service's labels
 * @param ids - draws the event id and the envelope id, in that order
 * @param record - the call
 * @param trail - region, recipient, and request and response already converted by the service
 */
export function frameApiCall(
  service: TrailSource,
  ids: RandomIds,
  record: ApiCallRecord,
  trail: CallTrail,
): EmulatedEvent {
  const { identity, now } = record;
  const detail: Record<string, unknown> = {
    eventVersion: service.eventVersion,
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${identity.kind === 'orgwarden' ? 'ORGWARDEN' : 'SCENARIO'}${identity.accountId}`.slice(0, 21),
      arn: `arn:aws:iam::${identity.accountId}:user/${identity.kind}`,
      accountId: identity.accountId,
      accessKeyId: identity.principal,
      userName: identity.kind,
    },
    eventTime: isoSeconds(now),
    eventSource: service.eventSource,
    eventName: record.operation,
    awsRegion: trail.region,
    sourceIPAddress: identity.sourceIp,
    userAgent: identity.userAgent,
    ...(record.error ? { errorCode: record.error.code, errorMessage: record.error.message } : {}),
    requestParameters: trail.requestParameters,
    responseElements: trail.responseElements,
    requestID: record.requestId,
    eventID: ids.uuid(),
    readOnly: false,
    ...(trail.resources ? { resources: trail.resources } : {}),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: trail.recipientAccountId,
    eventCategory: 'Management',
  };
  return frameEvent(service, ids, {
    detailType: 'AWS API Call via CloudTrail',
    account: trail.recipientAccountId,
    region: trail.region,
    time: now,
    resources: [],
    detail,
  });
}

/** An event of a service before its EventBridge envelope. */
export interface EventDraft {
  detailType: string;
  /** The account whose bus receives it. */
  account: string;
  region: string;
  time: Date;
  /** ARNs of the resources the event is about. */
  resources: string[];
  detail: Record<string, unknown>;
}

/**
 * Wraps an event in the envelope EventBridge delivers it in (source from the service, a new id).
 *
 * @param service - the service whose `source` the event carries
 * @param ids - draws the envelope id
 * @param draft - the event
 */
export function frameEvent(service: Pick<TrailSource, 'source'>, ids: RandomIds, draft: EventDraft): EmulatedEvent {
  return {
    version: '0',
    id: ids.uuid(),
    'detail-type': draft.detailType,
    source: service.source,
    account: draft.account,
    time: isoSeconds(draft.time),
    region: draft.region,
    resources: draft.resources,
    detail: draft.detail,
  };
}
