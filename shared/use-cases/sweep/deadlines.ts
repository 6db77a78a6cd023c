import { deadlinesOf, isPendingHandshake, nextDueAt, recheckMs, warningDue, type Deadline, type RelatedDeadlines } from '../../domain/deadlines';
import { SubjectNotFoundError } from '../../domain/errors';
import { ledgerEntryOf, leaseFor, type LedgerEntry } from '../../domain/ledger';
import type { Policy } from '../../domain/policy/policy';
import { outsidePartiesOf } from '../../domain/policy/privacy';
import { expiringEvent } from '../../domain/reaction-events';
import type { Snapshot } from '../../domain/snapshot';
import { refOf } from '../../domain/subjects/subject-type';
import type { Clock } from '../../ports/clock';
import type { StateStore } from '../../ports/state-store';
import type { EffectAuthority } from '../effects/authorize-effects';
import type { Executors } from '../effects/effect-executor';
import { runEffects } from '../effects/run-effects';
import type { ObserveRequest, ObserveResult } from '../pipeline/observe-subjects';
import type { SubjectRegistry } from '../pipeline/subject-registry';

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
  return Object.fromEntries(Object.entries({ id, action, status, direction, startAt, endAt, expiresAt, counterparties, handshakeId }).filter(([, v]) => v !== undefined));
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
      await deps.observe({ cause: { eventId: `sweep:${subject}:${dueAt}`, eventName: 'DeadlineDue', source: 'orgwarden.sweep', eventTime: dueAt }, subjects: [refOf(subject)], remainingMs });
    } catch (error) {
      // Gone from the API without a final state orgwarden saw: nothing left to watch.
      if (error instanceof SubjectNotFoundError) return store.setSubjectDue(subject, undefined);
      throw error;
    }
    const snapshot = (await store.getSnapshot(subject)) ?? before;
    const now = clock.now();
    const related = await relatedDeadlines(store, snapshot);
    const deadlines = deadlinesOf(snapshot, related);
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
        if (!lead || deadline.kind === 'deactivation') continue;
        const warner = deadline.warnedBy ? warners.get(deadline.warnedBy) : undefined;
        if (!warner) {
          // The subject that warns about it is not recorded yet (its event lost): it warns once it is,
          // found by this subject's next look, which comes soon ({@link recheckMs}); warning here too
          // would warn twice.
          if (!deadline.warnedBy) warnings.push(warningOf(deps, snapshot, deadline, lead, now, remainingMs));
          else awaitingWarner = true;
          continue;
        }
        // Warned as the subject that warns about it (an invitation's transfer), with this deadline in
        // its own: the same key at the transfer's own look, so each warning is given once.
        for (const theirs of deadlinesOf(warner, { invitationExpiresAt: deadline.at })) {
          const due = warningDue(theirs, policy.warnings.leadTimes, now);
          if (due && theirs.kind !== 'deactivation') warnings.push(warningOf(deps, warner, theirs, due, now, remainingMs));
        }
      }
      const created = await store.addEffects(warnings);
      if (created.length > 0) await runEffects(deps, { claimed: created, takeOver: [], leaseUntil: leaseFor(now, remainingMs) });
    }
    // The transfer learns its invitation's expiry: it is looked at (re-read) then too, not only at start - 24 h.
    for (const deadline of deadlines) {
      const warner = deadline.warnedBy ? warners.get(deadline.warnedBy) : undefined;
      if (warner) await store.setSubjectDue(warner.subject, nextDueAt(warner, policy.warnings.leadTimes, now, { invitationExpiresAt: deadline.at }));
    }
    const next = nextDueAt(snapshot, policy.warnings.leadTimes, now, related);
    const soon = new Date(now.getTime() + recheckMs).toISOString();
    await store.setSubjectDue(subject, awaitingWarner && (!next || soon < next) ? soon : next);
  };

/** What a subject's related subjects tell of its deadlines: a pending transfer's invitation expiry, from its stored handshake. */
const relatedDeadlines = async (store: StateStore, snapshot: Snapshot): Promise<RelatedDeadlines> => {
  const handshakeId = snapshot.kind === 'transfer' && snapshot.state === 'PENDING_ACCEPTANCE' ? (snapshot.data as { handshakeId?: string }).handshakeId : undefined;
  if (!handshakeId) return {};
  const handshake = await store.getSnapshot(`handshake:${handshakeId}`);
  const expiresAt = handshake && isPendingHandshake(handshake.state) ? (handshake.data as { expiresAt?: string }).expiresAt : undefined;
  return expiresAt ? { invitationExpiresAt: expiresAt } : {};
};

/** The warning of a deadline at a lead time, keyed by the deadline and the lead (not the version): once, whatever changes meanwhile. */
const warningOf = (deps: DeadlineDeps, snapshot: Snapshot, deadline: Deadline, lead: string, now: Date, remainingMs: number): LedgerEntry => {
  const type = deps.subjects.typeOf(snapshot.kind);
  const payload = expiringEvent({
    subject: snapshot.subject,
    deadline: deadline.kind as Exclude<Deadline['kind'], 'deactivation'>,
    dueAt: deadline.at,
    leadTime: lead,
    state: snapshot.state,
    summary: summaryOf(snapshot.data),
    at: now.toISOString(),
    resources: type.published.resources(snapshot.data as never),
    // The summary names the subject's counterparties: masked where the policy says so.
    outsideParties: outsidePartiesOf(snapshot.kind, { ...snapshot.data, state: snapshot.state }),
  });
  return ledgerEntryOf(snapshot.subject, 0, { action: 'publish', key: `publish:expiring:${deadline.kind}:${deadline.at}:${lead}`, payload }, now, leaseFor(now, remainingMs));
};
