import * as z from 'zod/mini';
import { detailTypes } from '../detail-types';
import { knownOrUnrecognized, withUnknownStates, type MayBeUnrecognized, type OrUnrecognized } from '../unrecognized';
import type { DeadlineRules } from './deadline';
import { defineSubjectType, isMaskable, subjectId } from './subject-type';

/** AWS Organizations handshakes: what they ask for and the states they go through. */
export const handshakeActions = [
  'INVITE',
  'ENABLE_ALL_FEATURES',
  'APPROVE_ALL_FEATURES',
  'ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE',
  'TRANSFER_RESPONSIBILITY',
] as const;
export type HandshakeAction = (typeof handshakeActions)[number];

export const handshakeStates = ['REQUESTED', 'OPEN', 'ACCEPTED', 'DECLINED', 'CANCELED', 'EXPIRED'] as const;
export type HandshakeState = (typeof handshakeStates)[number];

/**
 * orgwarden's own final state, never an AWS one: a handshake it recorded open that the API no longer
 * knows. Closed handshakes leave the API 30 days after closing, so one orgwarden missed closing (no
 * event says a handshake expired, or that the invitee answered) is gone with its outcome: recorded
 * once as vanished, outcome unknown, rather than failing every re-read for ever. Not `UNKNOWN`: the
 * word says what orgwarden saw (it disappeared), and stays apart from an unrecognized AWS value.
 */
export const vanishedHandshake = 'VANISHED';
/** The states a handshake subject goes through: AWS's, and the one orgwarden records when it vanished. */
export const handshakeSubjectStates = [...handshakeStates, vanishedHandshake] as const;
type SubjectState = (typeof handshakeSubjectStates)[number];

/**
 * Possible moves. REQUESTED is the state before the recipient is notified; OPEN once they are.
 * The closing states are final: an observation that goes back from them is stale.
 */
const next: Record<SubjectState, readonly SubjectState[]> = {
  REQUESTED: ['OPEN', 'ACCEPTED', 'DECLINED', 'CANCELED', 'EXPIRED', vanishedHandshake],
  OPEN: ['ACCEPTED', 'DECLINED', 'CANCELED', 'EXPIRED', vanishedHandshake],
  ACCEPTED: [],
  DECLINED: [],
  CANCELED: [],
  EXPIRED: [],
  VANISHED: [],
};

const isHandshakeState = (state: string): state is SubjectState => state in next;

export const canHandshakeMove = (from: string, to: string): boolean =>
  isHandshakeState(from) && isHandshakeState(to) && next[from].includes(to);

export const isHandshakeClosed = (state: string): boolean => isHandshakeState(state) && next[state].length === 0;

export interface HandshakeParty {
  readonly id: string;
  /** ACCOUNT, ORGANIZATION or EMAIL. */
  readonly type: string;
}

/** What orgwarden keeps of a handshake, as re-read from the API (never from the event payload). */
export interface HandshakeData extends MayBeUnrecognized {
  readonly id: string;
  readonly arn?: string;
  readonly action: OrUnrecognized<HandshakeAction>;
  readonly state: OrUnrecognized<HandshakeState | typeof vanishedHandshake>;
  readonly parties: readonly HandshakeParty[];
  readonly requestedAt?: string;
  readonly expiresAt?: string;
  /** `outbound`: this organization sent it; `inbound`: it was sent to this organization (or one of its accounts). */
  readonly direction?: 'inbound' | 'outbound';
  /** The transfer a TRANSFER_RESPONSIBILITY handshake invites to (its RESPONSIBILITY_TRANSFER resource). */
  readonly transferId?: string;
  /** The parties other than this organization and its management account. */
  readonly counterparties?: readonly HandshakeParty[];
}

const pending: ReadonlySet<string> = new Set(['OPEN', 'REQUESTED']);

/** Whether a handshake's stored state is still pending (its expiry ahead matters). */
export const isPendingHandshake = (state: string): boolean => pending.has(state);

/**
 * A handshake's outside parties: its counterparties, unless it is an invitation this organization
 * sent that was accepted (the invitee is a member now).
 */
export const handshakeOutsideParties = (
  handshake: Pick<HandshakeData, 'action' | 'state' | 'direction' | 'counterparties'>,
): string[] =>
  handshake.action === 'INVITE' && handshake.state === 'ACCEPTED' && handshake.direction !== 'inbound'
    ? []
    : (handshake.counterparties ?? []).map((party) => party.id).filter(isMaskable);

/**
 * A pending handshake expires (its `ExpirationTimestamp`). A billing-transfer invitation's expiry is
 * its transfer's acceptance deadline: the transfer warns about it.
 */
const handshakeDeadlines: DeadlineRules<HandshakeData> = {
  of: ({ state, data }) => {
    if (!pending.has(state) || !data.expiresAt) return [];
    const transfer =
      data.action === 'TRANSFER_RESPONSIBILITY' && data.transferId
        ? { warnedBy: subjectId({ kind: 'transfer', id: data.transferId }) }
        : {};
    return [{ kind: 'expiry', at: data.expiresAt, ...transfer }];
  },
  warning: detailTypes.handshakeExpiring,
};

/** The handshakes this organization starts (and may cancel) by a call of its own. */
const ownCalls: ReadonlySet<string> = new Set<HandshakeAction>([
  'INVITE',
  'TRANSFER_RESPONSIBILITY',
  'ENABLE_ALL_FEATURES',
]);

/**
 * The party an invitation this organization sent is found by: the account id or the email it was sent
 * to (its counterparty), lower-cased. The account that accepts it joins, and its AccountJoinedOrganization
 * event names the account (and DescribeAccount its email), never the handshake: the join finds it by
 * this key in orgwarden's records. Kept while the invitation is pending and once accepted (a join
 * delivered again finds the invitation it already recorded accepted, and finishes its effects); dropped
 * when it closes any other way.
 */
export const invitedPartyOf = (
  handshake: Pick<HandshakeData, 'action' | 'state' | 'direction' | 'counterparties'>,
): string | undefined =>
  handshake.action === 'INVITE' &&
  handshake.direction === 'outbound' &&
  (pending.has(handshake.state) || handshake.state === 'ACCEPTED')
    ? handshake.counterparties?.[0]?.id.toLowerCase()
    : undefined;

/** The HandshakeId pattern of the Organizations service model. */
export const handshakeIdPattern = /^h-[0-9a-z]{8,32}$/;

export const handshakeSubject = (id: string): string => subjectId({ kind: 'handshake', id: id });

const publicHandshake = z.object({
  id: z.string(),
  arn: z.optional(z.string()),
  action: knownOrUnrecognized(handshakeActions),
  parties: z.array(z.object({ id: z.string(), type: z.string() })),
  requestedAt: z.optional(z.string()),
  expiresAt: z.optional(z.string()),
  direction: z.optional(z.enum(['inbound', 'outbound'])),
  transferId: z.optional(z.string()),
  counterparties: z.optional(z.array(z.object({ id: z.string(), type: z.string() }))),
});

/** Handshakes (`handshake:<id>`), re-read with DescribeHandshake. */
export const handshakeType = defineSubjectType<HandshakeData>({
  kind: 'handshake',
  idPattern: handshakeIdPattern,
  states: handshakeSubjectStates,
  // A state AWS added since (recorded as read) may move anywhere; nothing moves out of a closed one (VANISHED
  // included).
  canMove: withUnknownStates(handshakeSubjectStates, canHandshakeMove, isHandshakeClosed),
  isFinal: isHandshakeClosed,
  // Closed handshakes leave the API 30 days after closing: a stored closed one has nothing left to
  // change; a stored open one closed unseen and is recorded vanished (once: that state is final).
  // One orgwarden never saw cannot be recorded from nothing.
  whenMissing: (_id, stored) => {
    if (!stored) return { notFound: true };
    if (isHandshakeClosed(stored.state)) return { unchanged: true };
    return { record: { ...(stored.data as unknown as HandshakeData), state: vanishedHandshake } };
  },
  // What this organization's own calls do (InviteAccountToOrganization, InviteOrganizationToTransferResponsibility,
  // EnableAllFeatures, CancelHandshake: logged in its trail). Never: what the other party does (accept,
  // decline: logged in its own account), expiries (no event), handshakes received (the sweep polls them),
  // the APPROVE_ALL_FEATURES handshakes AWS creates and cancels itself.
  announcedByEvents: ({ from, to }, data) =>
    data.direction === 'outbound' && ownCalls.has(data.action) && (from === null || to === 'CANCELED'),
  deadlines: handshakeDeadlines,
  outsideParties: handshakeOutsideParties,
  lookupKey: invitedPartyOf,
  published: {
    detailType: detailTypes.handshakeStateChanged,
    field: 'handshake',
    schema: publicHandshake,
    describe: ({ state: _state, ...handshake }) => ({ ...handshake }),
    resources: (data) => (data.arn ? [data.arn] : []),
  },
});
