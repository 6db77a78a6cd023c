import { causeKey, type Cause } from '../../domain/cause';
import { ConcurrentUpdateError } from '../../domain/errors';
import { ledgerEntryOf, type JournalEntry, type LedgerEntry } from '../../domain/ledger';
import type { SubjectState } from '../../ports/state-store';
import type { PipelineDeps, SubjectOutcome } from './pipeline-model';
import type { Planner } from './plan';
import { observe, type Reading } from './read-subjects';
import { reconcileReading } from './reconcile-reading';

/** A lost race is retried at once with a fresh read; this many times before giving up to Lambda's retry. */
const maxAttempts = 5;

/** One subject's reading to commit, and what the commit needs to know of its cause. */
export interface ChangeToRecord {
  readonly reading: Reading;
  /** What `begin` read of the subject. */
  readonly state: SubjectState;
  readonly cause: Cause;
  /** Until when this invocation owns the effects it claims. */
  readonly leaseUntil: string;
  /** The planner for this cause; default: the pipeline's. */
  readonly plan?: Planner;
  /** Whether a lost race re-reads the truth too (a reading through the reader), or reconciles the same data again. */
  readonly rereadOnConflict: boolean;
}

export interface Recorded {
  readonly outcome: SubjectOutcome;
  readonly claimed: readonly LedgerEntry[];
  /** The subject's unfinished entries from before this change. */
  readonly pending: readonly string[];
}

/**
 * Commits one reading: reconciled with the stored snapshot, written with its journal line, history and
 * ledger entries in one transaction. A lost race (the snapshot moved meanwhile) is retried with a fresh
 * read of the store and, for a subject read through its reader, of the truth: the winner may have
 * committed a newer reading than ours. A reading ruled stale by its timestamp alone is read again the
 * same way, whatever handed it over: two machines' clocks can disagree by seconds, and the re-read,
 * made after the stored snapshot was read, is newer than it by causality. Never is an older state kept
 * because a clock ran ahead.
 */
export const recordChange = async (deps: PipelineDeps, change: ChangeToRecord): Promise<Recorded> => {
  const { store, clock } = deps;
  const { cause, leaseUntil } = change;
  const { subject } = change.reading.observation;
  let state = change.state;
  let reading = change.reading;
  // A fresh read of the store, then of the truth: nothing new is `unchanged`.
  const readAgain = async (): Promise<Recorded | undefined> => {
    state = (await store.readSubjects([subject])).get(subject) ?? { pending: [] };
    const sight = await observe(deps, subject, state.snapshot);
    if ('unchanged' in sight) return { outcome: 'unchanged', claimed: [], pending: state.pending };
    reading = { observation: sight.observation, readAfterStored: true };
    return undefined;
  };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const stored = state.snapshot;
    const result = reconcileReading(deps, change.plan, reading, stored, cause);
    if (result.outcome === 'older') {
      // Stamped earlier than the stored snapshot, but not known to be older: read it again.
      const ended = await readAgain();
      if (ended) return ended;
      continue;
    }
    if (result.outcome === 'unchanged' || result.outcome === 'stale')
      return { outcome: result.outcome, claimed: [], pending: state.pending };
    const now = clock.now();
    const { snapshot, transition } = result;
    const ledger = result.effects.map((effect) => ledgerEntryOf(subject, snapshot.version, effect, now, leaseUntil));
    const journal: JournalEntry = {
      eventId: causeKey(cause),
      subject,
      outcome: result.outcome,
      processedAt: now.toISOString(),
      eventName: cause.eventName,
      source: cause.source,
      ledgerIds: ledger.map((entry) => entry.id),
      ...(cause.replayName ? { replayName: cause.replayName } : {}),
    };
    const dueAt = deps.dueAt?.(snapshot, now);
    const snapshotWrite = { next: snapshot, expectedVersion: stored?.version ?? 0 };
    const committed = await store.commit({
      journal,
      snapshot: snapshotWrite,
      ...(transition ? { history: transition } : {}),
      ledger,
      ...(dueAt ? { dueAt } : {}),
    });
    if (committed === 'committed') return { outcome: result.outcome, claimed: ledger, pending: state.pending };
    if (committed === 'duplicate') return { outcome: 'duplicate', claimed: [], pending: [] };
    if (!change.rereadOnConflict) {
      state = (await store.readSubjects([subject])).get(subject) ?? { pending: [] };
      continue;
    }
    const ended = await readAgain();
    if (ended) return ended;
  }
  throw new ConcurrentUpdateError(`${reading.observation.subject} kept changing during ${maxAttempts} attempts`);
};
