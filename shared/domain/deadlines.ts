import { leadTimeMs } from './policy/policy';
import type { Snapshot } from './snapshot';
import { acceptBy } from './subjects/transfer';

/** A time by which something happens to a subject unless someone acts: no AWS event announces it. */
export interface Deadline {
  /** `deactivation`: when a cancelled Security IR membership ends (`membershipDeactivationTimestamp`): re-read then, never warned about. */
  readonly kind: 'expiry' | 'acceptance' | 'start' | 'end' | 'deactivation';
  readonly at: string;
  /** False for a deadline never warned about (re-read at it all the same). */
  readonly warn?: boolean;
  /**
   * The subject that warns about this deadline (a billing-transfer invitation's expiry: its
   * transfer, `transfer:<id>`): the sweep looks at this subject at the deadline's lead times and
   * warns as that one, so that one invitation is warned about once, under one subject.
   */
  readonly warnedBy?: string;
}

/** What other subjects tell of a subject's deadlines. */
export interface RelatedDeadlines {
  /** A pending transfer's invitation (its handshake) expires then, as the handshake says. */
  readonly invitationExpiresAt?: string;
}

const pendingHandshake = new Set(['OPEN', 'REQUESTED']);

/** The earlier of two instants (ISO strings), either maybe absent. */
const earliest = (a: string, b: string | undefined): string => (b !== undefined && Date.parse(b) < Date.parse(a) ? b : a);

/** Whether a handshake's stored state is still pending (its expiry ahead matters). */
export const isPendingHandshake = (state: string): boolean => pendingHandshake.has(state);

/**
 * The deadlines still ahead of a subject in its stored state, read from the data AWS returned, never
 * computed from a fixed lifetime. A pending transfer must be accepted by the earliest deadline AWS
 * reports: 24 h before its start, or its invitation's own `ExpirationTimestamp` when that comes first.
 */
export const deadlinesOf = (snapshot: Pick<Snapshot, 'kind' | 'state' | 'data'>, related: RelatedDeadlines = {}): Deadline[] => {
  const data = snapshot.data as { expiresAt?: string; startAt?: string; endAt?: string; action?: string; transferId?: string; membershipDeactivationTimestamp?: string };
  // A cancelled membership ends when the service says (read, never computed); its cancellation was announced already.
  if (snapshot.kind === 'membership') return snapshot.state === 'Cancelled' && data.membershipDeactivationTimestamp ? [{ kind: 'deactivation', at: data.membershipDeactivationTimestamp, warn: false }] : [];
  if (snapshot.kind === 'handshake') {
    if (!pendingHandshake.has(snapshot.state) || !data.expiresAt) return [];
    // A billing-transfer invitation's expiry is its transfer's acceptance deadline: the transfer warns.
    const transfer = data.action === 'TRANSFER_RESPONSIBILITY' && data.transferId ? { warnedBy: `transfer:${data.transferId}` } : {};
    return [{ kind: 'expiry', at: data.expiresAt, ...transfer }];
  }
  if (snapshot.kind !== 'transfer') return [];
  switch (snapshot.state) {
    case 'PENDING_ACCEPTANCE':
      return data.startAt ? [{ kind: 'acceptance', at: earliest(acceptBy(data.startAt), related.invitationExpiresAt) }, { kind: 'start', at: data.startAt, warn: false }] : [];
    case 'ACCEPTED':
      return data.startAt ? [{ kind: 'start', at: data.startAt }] : [];
    case 'ENDING':
      return data.endAt ? [{ kind: 'end', at: data.endAt }] : [];
    default:
      return [];
  }
};

/** How long after a deadline the sweep keeps re-reading a subject whose state AWS has not moved yet. */
export const graceAfterDeadlineMs = 86_400_000;
/** How often it re-reads meanwhile. */
export const recheckMs = 10 * 60_000;

/**
 * The warning due now for a deadline: the most urgent lead time whose window [deadline − lead,
 * deadline) holds `now` (a subject found late gets one warning, not all of them at once).
 */
export const warningDue = (deadline: Deadline, leadTimes: readonly string[], now: Date): string | undefined => {
  const left = Date.parse(deadline.at) - now.getTime();
  if (left <= 0 || deadline.warn === false) return undefined;
  return [...leadTimes].sort((x, y) => leadTimeMs(x) - leadTimeMs(y)).find((lead) => left <= leadTimeMs(lead));
};

/**
 * When the sweep must look at the subject next, strictly after `now`: the next lead-time boundary
 * of a deadline, the deadline itself, or (a deadline passed without the state moving) a re-read a
 * little later, for a day at most. `undefined`: nothing to watch.
 */
export const nextDueAt = (snapshot: Pick<Snapshot, 'kind' | 'state' | 'data'>, leadTimes: readonly string[], now: Date, related: RelatedDeadlines = {}): string | undefined => {
  const t = now.getTime();
  const times: number[] = [];
  for (const deadline of deadlinesOf(snapshot, related)) {
    const at = Date.parse(deadline.at);
    if (at > t) {
      times.push(at, ...(deadline.warn === false ? [] : leadTimes.map((lead) => at - leadTimeMs(lead)).filter((boundary) => boundary > t)));
    } else if (t < at + graceAfterDeadlineMs) times.push(t + recheckMs);
  }
  const next = times.sort((x, y) => x - y)[0];
  return next === undefined ? undefined : new Date(next).toISOString();
};

/**
 * The due time a change leaves a subject with: now, when a warning is already due (a subject found
 * within a lead time is warned at the sweep's next run), else the next boundary.
 */
export const dueAtAfterChange = (snapshot: Pick<Snapshot, 'kind' | 'state' | 'data'>, leadTimes: readonly string[], now: Date): string | undefined =>
  deadlinesOf(snapshot).some((deadline) => warningDue(deadline, leadTimes, now) !== undefined) ? now.toISOString() : nextDueAt(snapshot, leadTimes, now);
