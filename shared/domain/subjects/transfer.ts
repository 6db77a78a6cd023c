import * as z from 'zod/mini';
import { detailTypes } from '../detail-types';
import { knownOrUnrecognized, withUnknownStates, type MayBeUnrecognized, type OrUnrecognized } from '../unrecognized';
import type { DeadlineRules } from './deadline';
import { handshakeSubject, isPendingHandshake } from './handshake';
import { defineSubjectType, isMaskable, subjectId } from './subject-type';

/** A responsibility (billing) transfer's status as the Organizations API reports it; there is no "ended" status. */
export const transferStatuses = ['REQUESTED', 'ACCEPTED', 'DECLINED', 'CANCELED', 'EXPIRED', 'WITHDRAWN'] as const;
export type TransferStatus = (typeof transferStatuses)[number];

/**
 * The phase orgwarden derives from the status and the clock: a transfer has started when its start
 * has passed, and ended when its `EndTimestamp` has (a withdrawal sets it; billing goes on until
 * then). These are the subject's states.
 */
export const transferPhases = [
  'PENDING_ACCEPTANCE',
  'ACCEPTED',
  'ACTIVE',
  'ENDING',
  'ENDED',
  'DECLINED',
  'CANCELED',
  'EXPIRED',
] as const;
export type TransferPhase = (typeof transferPhases)[number];

/**
 * `inbound`: this organization manages (pays) another organization's bill; it sent the invitation.
 * `outbound`: this organization's bill is managed by another; it received the invitation.
 * (The Organizations API's words: each side sees its own ARN, `billing/inbound/` or `billing/outbound/`.)
 */
export type TransferDirection = 'inbound' | 'outbound';

export interface TransferData extends MayBeUnrecognized {
  readonly id: string;
  /** The phase; a status orgwarden does not know is its own state, as read (its phase is unknown). */
  readonly state: OrUnrecognized<TransferPhase>;
  readonly status: OrUnrecognized<TransferStatus>;
  readonly direction: TransferDirection;
  readonly arn?: string;
  readonly type?: string;
  /** The management account whose organization's bill is transferred. */
  readonly sourceAccountId?: string;
  /** The management account that manages and pays it. */
  readonly targetAccountId?: string;
  readonly startAt?: string;
  readonly endAt?: string;
  readonly handshakeId?: string;
}

/** An invitation must be accepted at least 24 hours before the transfer starts. */
export const acceptanceLeadMs = 24 * 3_600_000;

/** The latest instant a pending transfer can be accepted. */
export const acceptBy = (startAt: string): string => new Date(Date.parse(startAt) - acceptanceLeadMs).toISOString();

/** The phase of a transfer at `now`. */
export const transferPhase = (
  status: TransferStatus,
  startAt: string | undefined,
  endAt: string | undefined,
  now: Date,
): TransferPhase => {
  const t = now.getTime();
  if (status === 'REQUESTED') return 'PENDING_ACCEPTANCE';
  if (status === 'DECLINED' || status === 'CANCELED' || status === 'EXPIRED') return status;
  if (endAt && Date.parse(endAt) <= t) return 'ENDED';
  if (endAt || status === 'WITHDRAWN') return 'ENDING';
  return startAt && Date.parse(startAt) <= t ? 'ACTIVE' : 'ACCEPTED';
};

const next: Record<TransferPhase, readonly TransferPhase[]> = {
  PENDING_ACCEPTANCE: ['ACCEPTED', 'ACTIVE', 'ENDING', 'ENDED', 'DECLINED', 'CANCELED', 'EXPIRED'],
  ACCEPTED: ['ACTIVE', 'ENDING', 'ENDED'],
  ACTIVE: ['ENDING', 'ENDED'],
  ENDING: ['ENDED'],
  ENDED: [],
  DECLINED: [],
  CANCELED: [],
  EXPIRED: [],
};

const isPhase = (state: string): state is TransferPhase => state in next;

/** The earlier of two instants (ISO strings), the second maybe absent. */
const earliest = (a: string, b: string | undefined): string =>
  b !== undefined && Date.parse(b) < Date.parse(a) ? b : a;

/**
 * A pending transfer must be accepted by the earliest deadline AWS reports: 24 h before its start, or
 * its invitation's own `ExpirationTimestamp` when that comes first (the invitation, its handshake,
 * tells: `related`); it starts then. An accepted one starts, an ending one ends.
 */
const transferDeadlines: DeadlineRules<TransferData> = {
  of: ({ state, data }, related) => {
    switch (state) {
      case 'PENDING_ACCEPTANCE':
        if (!data.startAt) return [];
        return [
          { kind: 'acceptance', at: earliest(acceptBy(data.startAt), related.invitationExpiresAt) },
          { kind: 'start', at: data.startAt, warn: false },
        ];
      case 'ACCEPTED':
        return data.startAt ? [{ kind: 'start', at: data.startAt }] : [];
      case 'ENDING':
        return data.endAt ? [{ kind: 'end', at: data.endAt }] : [];
      default:
        return [];
    }
  },
  warning: detailTypes.transferExpiring,
  // A pending transfer's invitation: its expiry, as the stored handshake says, while it is pending.
  relatedSubject: ({ state, data }) =>
    state === 'PENDING_ACCEPTANCE' && data.handshakeId ? handshakeSubject(data.handshakeId) : undefined,
  relatedDeadlines: (handshake) => {
    const expiresAt = isPendingHandshake(handshake.state) ? handshake.data.expiresAt : undefined;
    return typeof expiresAt === 'string' && expiresAt ? { invitationExpiresAt: expiresAt } : {};
  },
};

/**
 * A transfer's outside party: the other organization's management account (each side sees its own as
 * the other end).
 */
export const transferOutsideParties = (
  transfer: Pick<TransferData, 'direction' | 'sourceAccountId' | 'targetAccountId'>,
): string[] =>
  [transfer.direction === 'inbound' ? transfer.sourceAccountId : transfer.targetAccountId].filter(
    (id): id is string => id !== undefined && isMaskable(id),
  );

/** The ResponsibilityTransferId pattern of the Organizations service model. */
export const transferIdPattern = /^rt-[0-9a-z]{8,32}$/;

export const transferSubject = (id: string): string => subjectId({ kind: 'transfer', id: id });

const publicTransfer = z.object({
  id: z.string(),
  arn: z.optional(z.string()),
  type: z.optional(z.string()),
  status: knownOrUnrecognized(transferStatuses),
  direction: z.enum(['inbound', 'outbound']),
  sourceAccountId: z.optional(z.string()),
  targetAccountId: z.optional(z.string()),
  startAt: z.optional(z.string()),
  endAt: z.optional(z.string()),
  handshakeId: z.optional(z.string()),
});

/** Billing transfers (`transfer:<id>`), re-read with DescribeResponsibilityTransfer. */
export const transferType = defineSubjectType<TransferData>({
  kind: 'transfer',
  idPattern: transferIdPattern,
  states: transferPhases,
  // A status AWS added since (its own state, as read) may move anywhere; nothing moves out of an ended one.
  canMove: withUnknownStates(
    transferPhases,
    (from, to) => isPhase(from) && isPhase(to) && next[from].includes(to),
    (state) => isPhase(state) && next[state].length === 0,
  ),
  isFinal: (state) => isPhase(state) && next[state].length === 0,
  // A transfer orgwarden recorded as over and the API no longer shows has nothing left to change.
  whenMissing: (_id, stored) =>
    stored && isPhase(stored.state) && next[stored.state].length === 0 ? { unchanged: true } : { notFound: true },
  // An invitation this organization sent (its InviteOrganizationToTransferResponsibility), and the
  // service events that reach every account of the chain (ResponsibilityTransferAccepted,
  // …Terminated: ENDING). Never: phases the clock makes (ACTIVE, ENDED), expiries, the other party's
  // decline, an invitation received (the sweep polls for them).
  announcedByEvents: ({ from, to }, data) =>
    (from === null && data.direction === 'inbound') || to === 'ACCEPTED' || to === 'ENDING',
  deadlines: transferDeadlines,
  outsideParties: transferOutsideParties,
  published: {
    detailType: detailTypes.transferStateChanged,
    field: 'transfer',
    schema: publicTransfer,
    describe: ({ state: _state, ...transfer }) => ({ ...transfer }),
    resources: (data) => (data.arn ? [data.arn] : []),
  },
});
