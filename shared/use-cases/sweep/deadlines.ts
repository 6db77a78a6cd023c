import { deadlinesOf, nextDueAt, warningDue } from '../../domain/deadlines';
import { ledgerEntryOf, leaseFor, type LedgerEntry } from '../../domain/ledger';
import type { Policy } from '../../domain/policy/policy';
import { expiringEvent } from '../../domain/reaction-events';
import { refOf } from '../../domain/subjects/subject-type';
import type { Clock } from '../../ports/clock';
import type { StateStore } from '../../ports/state-store';
import type { Executors } from '../effects/effect-executor';
import { runEffects } from '../effects/run-effects';
import type { ObserveRequest, ObserveResult } from '../pipeline/observe-subjects';
import type { SubjectRegistry } from '../pipeline/subject-registry';

export interface DeadlineDeps {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly executors: Executors;
  readonly subjects: SubjectRegistry;
  readonly policy: Policy;
  readonly observe: (request: ObserveRequest) => Promise<ObserveResult>;
}

const summaryOf = (data: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const { id, action, status, direction, startAt, endAt, expiresAt, counterparties, handshakeId } = data;
  return Object.fromEntries(Object.entries({ id, action, status, direction, startAt, endAt, expiresAt, counterparties, handshakeId }).filter(([, v]) => v !== undefined));
};

/**
 * A subject whose deadline came (the sweep found it in the due-time index): a passed deadline makes
 * orgwarden re-read it through the pipeline (no event says a handshake expired or a transfer
 * ended); a deadline within a lead time is announced once (`Handshake Expiring`,
 * `Responsibility Transfer Expiring`); then the subject's next due time is set.
 */
export const handleDueSubject =
  (deps: DeadlineDeps) =>
  async (subject: string, dueAt: string, remainingMs: number): Promise<void> => {
    const { store, clock, policy } = deps;
    const snapshot = await store.getSnapshot(subject);
    if (!snapshot) return store.setSubjectDue(subject, undefined);
    const now = clock.now();
    const deadlines = deadlinesOf(snapshot);
    if (deadlines.some((deadline) => Date.parse(deadline.at) <= now.getTime())) {
      // One cause per subject and due time: a sweep that runs twice re-reads once.
      const result = await deps.observe({ cause: { eventId: `sweep:${subject}:${dueAt}`, eventName: 'DeadlinePassed', source: 'orgwarden.sweep', eventTime: dueAt }, subjects: [refOf(subject)], remainingMs });
      if (result.recorded.some((r) => r.outcome === 'changed' || r.outcome === 'refreshed')) return;
    }
    if (policy.reactions.expiryWarnings !== 'off') {
      const type = deps.subjects.typeOf(snapshot.kind);
      const warnings: LedgerEntry[] = [];
      for (const deadline of deadlines) {
        const lead = warningDue(deadline, policy.warnings.leadTimes, now);
        if (!lead) continue;
        const payload = expiringEvent({ subject, deadline: deadline.kind, dueAt: deadline.at, leadTime: lead, state: snapshot.state, summary: summaryOf(snapshot.data), at: now.toISOString(), resources: type.published.resources(snapshot.data as never) });
        // Keyed by the deadline and the lead, not the version: each warning once, whatever changes meanwhile.
        warnings.push(ledgerEntryOf(subject, 0, { action: 'publish', key: `publish:expiring:${deadline.kind}:${deadline.at}:${lead}`, payload }, now, leaseFor(now, remainingMs)));
      }
      const created = await store.addEffects(warnings);
      if (created.length > 0) await runEffects(deps, { claimed: created, takeOver: [], leaseUntil: leaseFor(now, remainingMs) });
    }
    await store.setSubjectDue(subject, nextDueAt(snapshot, policy.warnings.leadTimes, now));
  };
