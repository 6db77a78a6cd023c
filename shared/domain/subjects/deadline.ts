import type { DetailType } from '../detail-types';
import type { Snapshot } from '../snapshot';

/** A time by which something happens to a subject unless someone acts: no AWS event announces it. */
export interface Deadline {
  /**
   * `deactivation`: when a cancelled Security IR membership ends (`membershipDeactivationTimestamp`):
   * re-read then, never warned about.
   */
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

/** A subject as its deadlines are read: its stored state and data. */
export interface DatedSubject<D> {
  readonly state: string;
  readonly data: D;
}

/**
 * The deadlines of a kind of subject, declared with its type (shared/domain/subjects/subject-type.ts);
 * the lead times, the next due time and the warnings are the same for every kind
 * (shared/domain/deadlines.ts).
 */
export interface DeadlineRules<D> {
  /**
   * The deadlines still ahead of a subject in its stored state, read from the data AWS returned,
   * never computed from a fixed lifetime.
   */
  of(subject: DatedSubject<D>, related: RelatedDeadlines): readonly Deadline[];
  /** The announcement of a warning (`Handshake Expiring`, …); absent: its deadlines are never warned about. */
  readonly warning?: DetailType;
  /**
   * The stored subject that tells of its deadlines (a pending transfer's invitation: its handshake),
   * read by the sweep when the subject is due; absent: none.
   */
  relatedSubject?(subject: DatedSubject<D>): string | undefined;
  /** What that stored subject tells of them. */
  relatedDeadlines?(related: Pick<Snapshot, 'state' | 'data'>): RelatedDeadlines;
}
