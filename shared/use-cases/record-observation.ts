import { ConcurrentUpdateError } from '../domain/errors';
import { ledgerId, leaseUntil, type JournalEntry, type LedgerEntry } from '../domain/ledger';
import { transitionEvent, type PublishedEvent } from '../domain/published-events';
import { reconcile, type Cause, type MoveRule, type Observation } from '../domain/snapshot';
import type { Clock } from '../ports/clock';
import type { StateStore } from '../ports/state-store';

export interface Recorded {
  readonly subject: string;
  readonly outcome: JournalEntry['outcome'] | 'duplicate';
  /** Ledger ids of the effects this event causes for this subject (finished or not). */
  readonly ledgerIds: readonly string[];
  /** Effects this invocation claimed and must now carry out. */
  readonly claimed: readonly LedgerEntry<PublishedEvent>[];
}

/** A lost race is retried at once with a fresh read; this many times before giving up to Lambda's retry. */
const maxAttempts = 5;

/**
 * Reconciles one observation with the stored snapshot and commits, in one transaction, the journal
 * line for (event, subject), the new snapshot (conditional on the version it was computed from), the
 * history entry and the ledger entries of the effects the change calls for.
 */
export const recordObservation = async (
  deps: { store: StateStore; clock: Clock },
  observation: Observation,
  canMove: MoveRule,
  cause: Cause,
): Promise<Recorded> => {
  const { store, clock } = deps;
  const { subject } = observation;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const seen = await store.getJournal(cause.eventId, subject);
    if (seen) return { subject, outcome: 'duplicate', ledgerIds: seen.ledgerIds, claimed: [] };
    const stored = await store.getSnapshot(subject);
    const result = reconcile(stored, observation, canMove, cause);
    const now = clock.now();
    const ledger: LedgerEntry<PublishedEvent>[] =
      result.outcome === 'changed'
        ? [
            {
              id: ledgerId(subject, result.snapshot.version, 'publish'),
              subject,
              version: result.snapshot.version,
              action: 'publish',
              payload: transitionEvent(result.snapshot, result.transition),
              status: 'claimed',
              leaseUntil: leaseUntil(now),
            },
          ]
        : [];
    const journal: JournalEntry = {
      eventId: cause.eventId,
      subject,
      outcome: result.outcome,
      processedAt: now.toISOString(),
      eventName: cause.eventName,
      source: cause.source,
      ledgerIds: ledger.map((entry) => entry.id),
    };
    const committed = await store.commit({
      journal,
      ...(result.outcome === 'changed' || result.outcome === 'refreshed'
        ? { snapshot: { next: result.snapshot, expectedVersion: stored?.version ?? 0 } }
        : {}),
      ...(result.outcome === 'changed' ? { history: result.transition } : {}),
      ledger,
    });
    if (committed === 'committed') return { subject, outcome: result.outcome, ledgerIds: journal.ledgerIds, claimed: ledger };
    if (committed === 'duplicate') {
      const again = await store.getJournal(cause.eventId, subject);
      return { subject, outcome: 'duplicate', ledgerIds: again?.ledgerIds ?? [], claimed: [] };
    }
  }
  throw new ConcurrentUpdateError(`${subject} kept changing during ${maxAttempts} attempts`);
};
