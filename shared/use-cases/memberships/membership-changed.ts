import { createHash } from 'node:crypto';
import type { Cause } from '../../domain/snapshot';
import { MalformedEventError, UnsupportedEventError } from '../../domain/errors';
import { type SecurityIrEvent, membershipCallNames } from '../../schemas/security-ir-event';
import {
  runOptionsOf,
  type EventRunOptions,
  type ObserveRequest,
  type ObserveResult,
} from '../pipeline/observe-subjects';

export interface MembershipChangedDeps {
  readonly observe: (request: ObserveRequest) => Promise<ObserveResult>;
}

export type MembershipChangedResult = { readonly ignored: string } | ObserveResult;

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/**
 * The journal key of a native event. An envelope id is unique per event in EventBridge, but the
 * user guide's examples (Created, Updated, Closed, Terminated) all carry the same one, and a
 * replay or a hand-made copy may too: the detail-type and the detail are part of the key, so two
 * different events never pass for duplicates, while a real duplicate (same id, same content) does.
 */
export const nativeCauseId = (event: {
  readonly id: string;
  readonly 'detail-type': string;
  readonly detail: unknown;
}): string =>
  `${event.id}:${createHash('sha256')
    .update(`${event['detail-type']}\n${canonical(event.detail)}`)
    .digest('hex')
    .slice(0, 16)}`;

const isNative = (event: SecurityIrEvent): event is Extract<SecurityIrEvent, { detail: { membershipId: string } }> =>
  event['detail-type'] !== 'AWS API Call via CloudTrail';

/**
 * `membership-changed`: a Security Incident Response membership event (native, or the CloudTrail
 * record of CancelMembership / UpdateMembership). Takes the membership id and nothing else from it;
 * the pipeline re-reads the membership (GetMembership), records it and reacts.
 */
export const membershipChanged =
  (deps: MembershipChangedDeps) =>
  async (
    event: SecurityIrEvent,
    remainingMs: number,
    options: EventRunOptions = {},
  ): Promise<MembershipChangedResult> => {
    const replay = event['replay-name'] ? { replayName: event['replay-name'] } : {};
    if (isNative(event)) {
      const cause: Cause = {
        eventId: nativeCauseId(event),
        eventName: event['detail-type'],
        source: event.source,
        eventTime: event.time,
        ...replay,
      };
      return deps.observe({
        cause,
        subjects: [{ kind: 'membership', id: event.detail.membershipId }],
        remainingMs,
        ...runOptionsOf(event, options),
      });
    }
    const { detail } = event;
    if (!(membershipCallNames as readonly string[]).includes(detail.eventName))
      throw new UnsupportedEventError(
        `membership-changed has no reaction for ${detail.eventSource} ${detail.eventName}`,
      );
    if (detail.errorCode) return { ignored: `${detail.eventName} failed with ${detail.errorCode}: nothing changed` };
    const id = detail.requestParameters?.membershipId;
    if (typeof id !== 'string')
      throw new MalformedEventError(`${detail.eventName} names no membership in requestParameters.membershipId`);
    const cause: Cause = {
      eventId: event.id,
      eventName: detail.eventName,
      source: event.source,
      eventTime: detail.eventTime ?? event.time,
      ...replay,
    };
    return deps.observe({
      cause,
      subjects: [{ kind: 'membership', id }],
      remainingMs,
      ...runOptionsOf(event, options),
    });
  };
