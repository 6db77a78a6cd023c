import type { Cause } from '../../domain/snapshot';
import { MalformedEventError, UnsupportedEventError } from '../../domain/errors';
import { macieMemberId, macieRelationshipStatuses, type MacieMemberData } from '../../domain/subjects/macie-member';
import { notesOf, unrecognizedPart } from '../../domain/unrecognized';
import type { MacieMember, MacieReader } from '../../ports/macie';
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

/** A member as the subject records it (absent fields left out, so that equal readings compare equal). */
export const macieMemberData = (member: MacieMember): MacieMemberData => ({
  region: member.region,
  accountId: member.accountId,
  state: member.relationshipStatus,
  ...(member.administratorAccountId ? { administratorAccountId: member.administratorAccountId } : {}),
  ...(member.updatedAt ? { updatedAt: member.updatedAt } : {}),
  ...(member.invitedAt ? { invitedAt: member.invitedAt } : {}),
  // A status AWS added since (as it added `RegionDisabled`): recorded as read, announced as unrecognized.
  ...unrecognizedPart(notesOf(macieRelationshipStatuses, member.relationshipStatus, 'macieMember.relationshipStatus')),
});

/** Re-reads a member (`<region>:<account>`) with GetMember; `undefined` once Macie no longer knows it. */
export const readMacieMember =
  (macie: () => MacieReader) =>
  async (id: string): Promise<MacieMemberData | undefined> => {
    const colon = id.lastIndexOf(':');
    const member = await macie().getMember(id.slice(0, colon), id.slice(colon + 1));
    return member ? macieMemberData(member) : undefined;
  };

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
