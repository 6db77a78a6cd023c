import {
  deadlinesOf,
  isWarned,
  nextDueAt,
  recheckMs,
  relatedDeadlinesOf,
  relatedSubjectOf,
  warningDue,
  type RelatedDeadlines,
  type WarnedDeadline,
} from '../../domain/deadlines';
import { SubjectNotFoundError } from '../../domain/errors';
import { ledgerEntryOf, leaseFor, type LedgerEntry } from '../../domain/ledger';
import type { Policy } from '../../domain/policy/policy';
import { expiringEvent } from '../../domain/published-events';
import type { Snapshot } from '../../domain/snapshot';
import { dataOf, outsidePartiesIn, refOf, type SubjectType } from '../../domain/subjects/subject-type';
import type { Clock } from '../../ports/clock';
import type { StateStore } from '../../ports/state-store';
import type { EffectAuthority } from '../effects/authorize-effects';
import type { Executors } from '../effects/effect';
import { runEffects } from '../effects/run-effects';
import type { ObserveRequest, ObserveResult } from '../pipeline/observe-subjects';
import type { SubjectRegistry } from '../pipeline/pipeline-model';

export interface DeadlineDeps {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly executors: Executors;
  readonly authority: EffectAuthority;
  readonly subjects: SubjectRegistry;
  readonly policy: Policy;
  readonly observe: (request: ObserveRequest) => Promise<ObserveResult>;
}

const summaryOf = (data: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const { id, action, status, direction, startAt, endAt, expiresAt, counterparties, handshakeId } = data;
  return Object.fromEntries(
    Object.entries({ id, action, status, direction, startAt, endAt, expiresAt, counterparties, handshakeId }).filter(
      ([, v]) => v !== undefined,
    ),
  );
};

/**
 * A subject whose due time came (the sweep found it in the due-time index): orgwarden re-reads it
 * through the pipeline (a passed deadline shows as EXPIRED or ended), announces once a deadline
 * within a lead time (`Handshake Expiring`, `Responsibility Transfer Expiring`), and sets the
 * subject's next due time.
 */
export const handleDueSubject =
  (deps: DeadlineDeps) =>
  async (subject: string, dueAt: string, remainingMs: number): Promise<void> => {
    const { store, clock, policy } = deps;
    const before = await store.getSnapshot(subject);
    if (!before) return store.setSubjectDue(subject, undefined);
    // Re-read first: no event says a handshake expired, was declined by its invitee, or a transfer
    // ended; a warning about something already over would be false. One cause per subject and due
    // time: a sweep that runs twice re-reads once.
    try {
      await deps.observe({
        cause: {
          eventId: `sweep:${subject}:${dueAt}`,
          eventName: 'DeadlineDue',
          source: 'orgwarden.sweep',
          eventTime: dueAt,
        },
        subjects: [refOf(subject)],
        remainingMs,
      });
    } catch (error) {
      // Gone from the API without a final state orgwarden saw: nothing left to watch.
      if (error instanceof SubjectNotFoundError) return store.setSubjectDue(subject, undefined);
      throw error;
    }
    const snapshot = (await store.getSnapshot(subject)) ?? before;
    const now = clock.now();
    const type = deps.subjects.typeOf(snapshot.kind);
    const related = await relatedDeadlines(store, type, snapshot);
    const deadlines = deadlinesOf(type, snapshot, related);
    // The subjects that warn about some of these deadlines (an invitation's transfer), as stored.
    const warners = new Map<string, Snapshot>();
    for (const { warnedBy } of deadlines) {
      const warner = warnedBy && !warners.has(warnedBy) ? await store.getSnapshot(warnedBy) : undefined;
      if (warner) warners.set(warner.subject, warner);
    }
    let awaitingWarner = false;
    if (policy.reactions.expiryWarnings !== 'off') {
      const warnings: LedgerEntry[] = [];
      for (const deadline of deadlines) {
        const lead = warningDue(deadline, policy.warnings.leadTimes, now);
        // A membership's deactivation is never warned about (warningDue says so); the check narrows the kind.
        if (!lead || !isWarned(deadline)) continue;
        const warner = deadline.warnedBy ? warners.get(deadline.warnedBy) : undefined;
        if (!warner) {
          // The subject that warns about it is not recorded yet (its event lost): it warns once it is,
          // found by this subject's next look, which comes soon ({@link recheckMs}); warning here too
          // would warn twice.
          if (!deadline.warnedBy) warnings.push(...warningOf(deps, type, snapshot, deadline, lead, now, remainingMs));
          else awaitingWarner = true;
          continue;
        }
        // Warned as the subject that warns about it (an invitation's transfer), with this deadline in
        // its own: the same key at the transfer's own look, so each warning is given once.
        const theirType = deps.subjects.typeOf(warner.kind);
        for (const theirs of deadlinesOf(theirType, warner, { invitationExpiresAt: deadline.at })) {
          const due = warningDue(theirs, policy.warnings.leadTimes, now);
          if (!due || !isWarned(theirs)) continue;
          warnings.push(...warningOf(deps, theirType, warner, theirs, due, now, remainingMs));
        }
      }
      const created = await store.addEffects(warnings);
      if (created.length > 0)
        await runEffects(deps, { claimed: created, takeOver: [], leaseUntil: leaseFor(now, remainingMs) });
    }
    // The transfer learns its invitation's expiry: it is looked at (re-read) then too, not only at start - 24 h.
    for (const deadline of deadlines) {
      const warner = deadline.warnedBy ? warners.get(deadline.warnedBy) : undefined;
      if (!warner) continue;
      const invitation = { invitationExpiresAt: deadline.at };
      const due = nextDueAt(deps.subjects.typeOf(warner.kind), warner, policy.warnings.leadTimes, now, invitation);
      await store.setSubjectDue(warner.subject, due);
    }
    const next = nextDueAt(type, snapshot, policy.warnings.leadTimes, now, related);
    const soon = new Date(now.getTime() + recheckMs).toISOString();
    await store.setSubjectDue(subject, awaitingWarner && (!next || soon < next) ? soon : next);
  };

/**
 * What a subject's related subjects tell of its deadlines (a pending transfer's invitation expiry,
 * from its stored handshake), as its type says.
 */
const relatedDeadlines = async (
  store: StateStore,
  type: SubjectType,
  snapshot: Snapshot,
): Promise<RelatedDeadlines> => {
  const relatedSubject = relatedSubjectOf(type, snapshot);
  const related = relatedSubject ? await store.getSnapshot(relatedSubject) : undefined;
  return related ? relatedDeadlinesOf(type, related) : {};
};

/**
 * The warning of a deadline at a lead time, keyed by the deadline and the lead (not the version):
 * once, whatever changes meanwhile. None for a type whose deadlines are never warned about.
 */
const warningOf = (
  deps: DeadlineDeps,
  type: SubjectType,
  snapshot: Snapshot,
  deadline: WarnedDeadline,
  lead: string,
  now: Date,
  remainingMs: number,
): LedgerEntry[] => {
  const detailType = type.deadlines?.warning;
  if (!detailType) return [];
  const payload = expiringEvent({
    detailType,
    subject: snapshot.subject,
    deadline: deadline.kind,
    dueAt: deadline.at,
    leadTime: lead,
    state: snapshot.state,
    summary: summaryOf(snapshot.data),
    at: now.toISOString(),
    resources: type.published.resources(dataOf(type, snapshot)),
    // The summary names the subject's counterparties: masked where the policy says so.
    outsideParties: outsidePartiesIn(type, { data: { ...snapshot.data, state: snapshot.state } }),
  });
  const key = `publish:expiring:${deadline.kind}:${deadline.at}:${lead}`;
  return [ledgerEntryOf(snapshot.subject, 0, { action: 'publish', key, payload }, now, leaseFor(now, remainingMs))];
};
