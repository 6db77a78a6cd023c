// The CloudTrail records of Macie API calls as EventBridge delivers them. Macie publishes only
// findings natively (`aws.macie`); its API calls reach EventBridge through CloudTrail with
// `source: aws.macie2` and `detail.eventSource: macie2.amazonaws.com` (EventBridge events reference,
// "Amazon Macie events"). Macie is regional: a call is logged in the Region it was made in, in the
// account that made it (so a member's DisassociateFromAdministratorAccount reaches the member's bus,
// never its administrator's).
import { frameApiCall, type ApiCallRecord, type TrailSource } from '../common/cloudtrail';
import type { RandomIds } from '../common/ids';
import type { EmulatedEvent } from '../common/types';

/** The EventBridge `source` of Macie's CloudTrail records. */
export const MACIE_SOURCE = 'aws.macie2';
/** The CloudTrail `eventSource` of Macie calls. */
export const MACIE_EVENT_SOURCE = 'macie2.amazonaws.com';

// eventVersion as in the project's recorded sample (events/macie/disassociate-member.json); the
// Macie user guide's logging page shows no member-management record to take it from.
const MACIE: TrailSource = { source: MACIE_SOURCE, eventSource: MACIE_EVENT_SOURCE, eventVersion: '1.08' };

/**
 * Reads only, so never delivered: EventBridge receives no read-only CloudTrail management events.
 * Search and Test calls only read too.
 */
export const isReadOnly = (operation: string): boolean => /^(Get|List|Describe|BatchGet|Search|Test)/.test(operation);

/** A Macie call to frame: regional. */
export interface MacieApiCallRecord extends ApiCallRecord {
  region: string;
}

/**
 * Frames a call as the `AWS API Call via CloudTrail` event of the caller's default bus in the
 * request's Region. `requestParameters` are the request members by name (labels, query and body
 * alike, as the sample shows `{"id": …}` for DisassociateMember), null when there are none;
 * `responseElements` the response body, null when it is empty or the call failed. The macie2 model
 * marks no shape sensitive, so nothing is redacted.
 */
export function apiCallEvent(ids: RandomIds, record: MacieApiCallRecord): EmulatedEvent {
  const hasInput = Object.keys(record.input).length > 0;
  const hasOutput = record.output !== undefined && Object.keys(record.output).length > 0;
  return frameApiCall(MACIE, ids, record, {
    region: record.region,
    recipientAccountId: record.identity.accountId,
    requestParameters: hasInput ? record.input : null,
    responseElements: hasOutput ? record.output : null,
  });
}
