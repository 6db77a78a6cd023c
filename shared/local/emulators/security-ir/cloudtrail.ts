// The events Security IR puts on a default bus: its native events (source aws.security-ir, detail
// with the id only) and the CloudTrail records of its API calls. Shapes follow the user guide:
// "Case Events", "Case Comment Events", "Membership Events" (envelopes with the resource ARN in
// `resources`) and "Understanding Security Incident Response log file entries" (the CreateCase
// record: eventVersion 1.09, sensitive values as `***`, timestamps in epoch seconds, a
// `resources` list with type AWS::SecurityResponder::Case).
import {
  frameApiCall,
  frameEvent,
  type ApiCallRecord,
  type TrailResource,
  type TrailSource,
} from '../common/cloudtrail';
import type { RandomIds } from '../common/ids';
import type { EmulatedEvent } from '../common/types';
import { shapeOf, type ServiceModel } from '../model';

/** The `source` of every Security IR event. */
export const SECURITY_IR_SOURCE = 'aws.security-ir';
/** The CloudTrail `eventSource` of Security IR calls. */
export const SECURITY_IR_EVENT_SOURCE = 'security-ir.amazonaws.com';
/** How CloudTrail writes the members the model marks `sensitive` (titles, emails, names, bodies, IPs). */
export const REDACTED = '***';

const SECURITY_IR: TrailSource = {
  source: SECURITY_IR_SOURCE,
  eventSource: SECURITY_IR_EVENT_SOURCE,
  eventVersion: '1.09',
};

/** A Security IR call to frame: regional, and naming the resources it touched. */
export interface SecurityIrApiCallRecord extends ApiCallRecord {
  region: string;
  resources?: TrailResource[];
}

/**
 * Frames an API call as the `AWS API Call via CloudTrail` event of the caller's default bus in the
 * endpoint's region (Security IR is regional). A failed call has errorCode, errorMessage and a null
 * responseElements; so has a call whose response is empty.
 */
export function apiCallEvent(model: ServiceModel, ids: RandomIds, record: SecurityIrApiCallRecord): EmulatedEvent {
  const hasInput = Object.keys(record.input).length > 0;
  return frameApiCall(SECURITY_IR, ids, record, {
    region: record.region,
    recipientAccountId: record.identity.accountId,
    requestParameters: hasInput && record.inputShape ? toCloudTrail(model, record.inputShape, record.input) : null,
    responseElements:
      record.output && record.outputShape && Object.keys(record.output).length > 0
        ? toCloudTrail(model, record.outputShape, record.output)
        : null,
    resources: record.resources,
  });
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
  return frameEvent(SECURITY_IR, ids, {
    detailType: draft.detailType,
    account: draft.account,
    region,
    time: draft.at ?? now,
    resources: [draft.resource],
    detail: draft.detail,
  });
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
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          toCloudTrail(model, shape.value!.shape, v),
        ]),
      );
    default:
      return value;
  }
}
