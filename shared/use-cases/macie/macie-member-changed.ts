import type { Cause } from '../../domain/snapshot';
import { MalformedEventError, UnsupportedEventError } from '../../domain/errors';
import { macieMemberId } from '../../domain/subjects/macie-member';
import { macieMemberCallNames, type MacieCallEvent, type MacieMemberCallName } from '../../schemas/macie-event';
import {
  runOptionsOf,
  type EventRunOptions,
  type ObserveRequest,
  type ObserveResult,
} from '../pipeline/observe-subjects';

export interface MacieMemberChangedDeps {
  readonly observe: (request: ObserveRequest) => Promise<ObserveResult>;
  /** The Regions the configuration lists; events from another Region are ignored. */
  readonly regions: readonly string[];
}

export type MacieMemberChangedResult = { readonly ignored: string } | ObserveResult;

// Reading a member (GetMember) is its own module: the audit and the listing read members too.
export { macieMemberData, readMacieMember } from './read-macie-member';

/** The member account a record is about: the administrator's calls name it; a member's own call is made by it. */
const memberOf = (event: MacieCallEvent, name: MacieMemberCallName): unknown => {
  const request = event.detail.requestParameters ?? {};
  switch (name) {
    case 'CreateMember':
      return (request.account as { accountId?: unknown } | undefined)?.accountId;
    case 'DisassociateFromAdministratorAccount':
    case 'DisassociateFromMasterAccount':
      return event.detail.recipientAccountId ?? event.account;
    default:
      return request.id;
  }
};

/**
 * `macie-member-changed`, for a member call of Macie in one of the watched Regions (forwarded to the
 * home Region's default bus, keeping its `region`): takes the Region and the member's account id from
 * the record, and lets the pipeline re-read the member (GetMember), record it and react.
 */
export const macieMemberChanged =
  (deps: MacieMemberChangedDeps) =>
  async (
    event: MacieCallEvent,
    remainingMs: number,
    options: EventRunOptions = {},
  ): Promise<MacieMemberChangedResult> => {
    const { detail } = event;
    if (!(macieMemberCallNames as readonly string[]).includes(detail.eventName))
      throw new UnsupportedEventError(
        `macie-member-changed has no reaction for ${detail.eventSource} ${detail.eventName}`,
      );
    if (detail.errorCode) return { ignored: `${detail.eventName} failed with ${detail.errorCode}: nothing changed` };
    const region = detail.awsRegion ?? event.region;
    if (!deps.regions.includes(region))
      return { ignored: `${region} is not among the watched Regions (${deps.regions.join(', ') || 'none'})` };
    const accountId = memberOf(event, detail.eventName as MacieMemberCallName);
    if (typeof accountId !== 'string') throw new MalformedEventError(`${detail.eventName} names no member account`);
    const cause: Cause = {
      eventId: event.id,
      eventName: detail.eventName,
      source: event.source,
      eventTime: detail.eventTime ?? event.time,
      ...(event['replay-name'] ? { replayName: event['replay-name'] } : {}),
    };
    return deps.observe({
      cause,
      subjects: [{ kind: 'macie-member', id: macieMemberId(region, accountId) }],
      remainingMs,
      ...runOptionsOf(event, options),
    });
  };
