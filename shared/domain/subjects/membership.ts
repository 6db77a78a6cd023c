import * as z from 'zod/mini';
import { detailTypes } from '../detail-types';
import { withUnknownStates, type MayBeUnrecognized, type OrUnrecognized } from '../unrecognized';
import type { DeadlineRules } from './deadline';
import { defineSubjectType, subjectId } from './subject-type';

/** A Security Incident Response membership's status, as GetMembership reports it (the subject's states). */
export const membershipStates = ['Active', 'Cancelled', 'Terminated'] as const;
export type MembershipState = (typeof membershipStates)[number];

export const membershipCoverageModes = ['Standalone', 'EntireOrganization', 'OrganizationalUnits'] as const;

/**
 * What orgwarden keeps of a membership, re-read with GetMembership (never taken from an event).
 * `membershipDeactivationTimestamp` is when a cancelled membership ends (or ended): read, never
 * computed, because AWS documents both "the end of the billing cycle" and "immediately".
 */
export interface MembershipData extends MayBeUnrecognized {
  readonly id: string;
  /** A status orgwarden does not know is kept as read (see `unrecognized`). */
  readonly state: OrUnrecognized<MembershipState>;
  readonly arn?: string;
  readonly name?: string;
  /** The account holding the membership (the management account or the delegated administrator). */
  readonly accountId?: string;
  readonly region?: string;
  readonly customerType?: string;
  readonly membershipActivationTimestamp?: string;
  readonly membershipDeactivationTimestamp?: string;
  readonly coverageMode: (typeof membershipCoverageModes)[number];
  /** The OUs the membership asks to cover (in effect once the service has applied a change). */
  readonly organizationalUnits: readonly string[];
}

/**
 * Moves the API allows: a cancellation, its undo while not yet Terminated, and the end (at the
 * deactivation time, at once under the "immediate" rule, or when the delegated administrator is
 * removed, even from Active). Terminated is final: a reading that goes back from it is stale.
 */
const next: Record<MembershipState, readonly MembershipState[]> = {
  Active: ['Cancelled', 'Terminated'],
  Cancelled: ['Active', 'Terminated'],
  Terminated: [],
};

const isState = (state: string): state is MembershipState => state in next;

/**
 * A cancelled membership ends when the service says (read, never computed): re-read then, never
 * warned about (its cancellation was announced already).
 */
const membershipDeadlines: DeadlineRules<MembershipData> = {
  of: ({ state, data }) =>
    state === 'Cancelled' && data.membershipDeactivationTimestamp
      ? [{ kind: 'deactivation', at: data.membershipDeactivationTimestamp, warn: false }]
      : [],
};

/** The MembershipId pattern of the Security IR service model (`m-` and 10 to 32 lower-case letters or digits). */
export const membershipIdPattern = /^m-[a-z0-9]{10,32}$/;

export const membershipSubject = (id: string): string => subjectId({ kind: 'membership', id: id });

const publicMembership = z.object({
  id: z.string(),
  arn: z.optional(z.string()),
  name: z.optional(z.string()),
  accountId: z.optional(z.string()),
  region: z.optional(z.string()),
  customerType: z.optional(z.string()),
  membershipActivationTimestamp: z.optional(z.string()),
  membershipDeactivationTimestamp: z.optional(z.string()),
  coverageMode: z.enum(membershipCoverageModes),
  organizationalUnits: z.array(z.string()),
});

/** Security Incident Response memberships (`membership:<id>`), re-read with GetMembership. */
export const membershipType = defineSubjectType<MembershipData>({
  kind: 'membership',
  idPattern: membershipIdPattern,
  states: membershipStates,
  // A status AWS added since may move anywhere; nothing moves out of Terminated.
  canMove: withUnknownStates(
    membershipStates,
    (from, to) => isState(from) && isState(to) && next[from].includes(to),
    (state) => state === 'Terminated',
  ),
  isFinal: (state) => state === 'Terminated',
  // A terminated membership the service forgot has nothing left to change; one orgwarden never saw
  // cannot be recorded from nothing.
  // A membership orgwarden knew that the service no longer returns has ended: coverage is lost, and
  // that is announced (as Terminated), never an error that would fail every later audit. One never
  // seen is an unknown id (the event is refused).
  whenMissing: (_id, stored) => {
    if (!stored) return { notFound: true };
    if (stored.state === 'Terminated') return { unchanged: true };
    return { record: { ...(stored.data as unknown as MembershipData), state: 'Terminated' } };
  },
  // Security IR's own events (Membership Created, Cancelled, Terminated, Updated: durable delivery) announce every
  // move.
  announcedByEvents: () => true,
  deadlines: membershipDeadlines,
  published: {
    detailType: detailTypes.membershipStateChanged,
    field: 'membership',
    schema: publicMembership,
    describe: ({ state: _state, organizationalUnits, ...membership }) => ({
      ...membership,
      organizationalUnits: [...organizationalUnits],
    }),
    resources: (data) => (data.arn ? [data.arn] : []),
  },
});
