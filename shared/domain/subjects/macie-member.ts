import * as z from 'zod/mini';
import { detailTypes } from '../detail-types';
import { withUnknownStates, type MayBeUnrecognized, type OrUnrecognized } from '../unrecognized';
import { defineSubjectType } from './subject-type';

/** The relationship statuses of a Macie member account (the macie2 model's `RelationshipStatus`): the one list. */
export const macieRelationshipStatuses = [
  'Enabled',
  'Paused',
  'Invited',
  'Created',
  'Removed',
  'Resigned',
  'EmailVerificationInProgress',
  'EmailVerificationFailed',
  'RegionDisabled',
  'AccountSuspended',
] as const;
export type MacieRelationshipStatus = (typeof macieRelationshipStatuses)[number];

/**
 * A Macie member's relationship with the administrator in one Region: the relationship statuses of
 * the macie2 model, and `Deleted` when GetMember no longer knows the account (DeleteMember).
 */
export const macieMemberStates = [...macieRelationshipStatuses, 'Deleted'] as const;
export type MacieMemberState = (typeof macieMemberStates)[number];

/** What a member GetMember no longer knows is recorded as. */
const deleted = 'Deleted' satisfies MacieMemberState;

export interface MacieMemberData extends MayBeUnrecognized {
  readonly region: string;
  readonly accountId: string;
  /** A relationship status orgwarden does not know is kept as read (see `unrecognized`). */
  readonly state: OrUnrecognized<MacieMemberState>;
  readonly administratorAccountId?: string;
  /** The last change of the status, including those no call made (RegionDisabled, AccountSuspended). */
  readonly updatedAt?: string;
  /** Set for invitation-based members only: Macie shows none for accounts associated through AWS Organizations. */
  readonly invitedAt?: string;
}

/** `<region>:<account>`: Macie is regional, the same account is one member per Region. */
export const macieMemberIdPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}$/;

export const macieMemberId = (region: string, accountId: string): string => `${region}:${accountId}`;

/** The statuses the administrator's own calls make. */
const adminCalls: ReadonlySet<string> = new Set<MacieMemberState>(['Created', 'Invited', 'Removed', deleted]);

const isState = (state: string): state is MacieMemberState => (macieMemberStates as readonly string[]).includes(state);

const publicMember = z.object({
  region: z.string(),
  accountId: z.string(),
  administratorAccountId: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
  invitedAt: z.optional(z.string()),
});

/**
 * Macie members of the administrator orgwarden runs as (`macie-member:<region>:<account>`), re-read
 * with GetMember. Every status can follow every other (an account can be re-invited, re-associated,
 * its Region or account given back), so no move is refused; a member GetMember does not know has been
 * deleted.
 */
export const macieMemberType = defineSubjectType<MacieMemberData>({
  kind: 'macie-member',
  idPattern: macieMemberIdPattern,
  states: macieMemberStates,
  // A status AWS added since (as `RegionDisabled` was) moves like any other.
  canMove: withUnknownStates(
    macieMemberStates,
    (from, to) => isState(from) && isState(to) && from !== to,
    () => false,
  ),
  isFinal: () => false,
  goneState: deleted,
  // The administrator's own calls, in its trail (forwarded from the other watched Regions): CreateMember
  // (Created, Invited), DisassociateMember (Removed), DeleteMember (Deleted). Never: the member's own
  // moves (accepting, resigning, pausing Macie: logged in its account), RegionDisabled and
  // AccountSuspended (no call at all), email verification.
  announcedByEvents: ({ from, to }) =>
    adminCalls.has(to) &&
    (to === 'Removed' || to === deleted || from === null || from === 'Removed' || from === deleted),
  whenMissing: (id) => {
    const colon = id.lastIndexOf(':');
    return { record: { region: id.slice(0, colon), accountId: id.slice(colon + 1), state: deleted } };
  },
  published: {
    detailType: detailTypes.macieMemberStateChanged,
    field: 'macieMember',
    schema: publicMember,
    describe: ({ state: _state, ...member }) => ({ ...member }),
    resources: () => [],
  },
});
