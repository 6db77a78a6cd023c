import { causeKey, type Cause } from '../../domain/cause';
import { ConcurrentUpdateError } from '../../domain/errors';
import { ledgerEntryOf, type JournalEntry, type LedgerEntry } from '../../domain/ledger';
import { reconcile, type Observation, type Snapshot, type Transition } from '../../domain/snapshot';
import type { SubjectState } from '../../ports/state-store';
import type { PipelineDeps, PlannedChange, SubjectOutcome } from './observe-subjects';
import { alertsOf } from '../effects/alert-unrecognized';
import { planChange, type Planner } from './plan';

/** A lost race is retried at once with a fresh read; this many times before giving up to Lambda's retry. */
const maxAttempts = 5;

/** A reading of a subject, and whether it was read from the service after its stored snapshot was read from the store. */
export interface Reading {
  readonly observation: Observation;
  /** True for a reading through the subject's reader after `begin`; false for data a listing handed over. */
  readonly readAfterStored: boolean;
}

export interface Recorded {
  readonly outcome: SubjectOutcome;
  readonly claimed: readonly LedgerEntry[];
  /** The subject's unfinished entries from before this change. */
  readonly pending: readonly string[];
}

/** What a change would be and do, without writing it. */
export const planOnly = (deps: PipelineDeps, plan: Planner | undefined, reading: Reading, state: SubjectState, cause: Cause): PlannedChange | undefined => {
  const { observation } = reading;
  const type = deps.subjects.typeOf(observation.kind);
  const result = reconcile(state.snapshot, observation, (from, to) => type.canMove(from, to), cause, { readAfterStored: reading.readAfterStored });
  if (result.outcome !== 'changed' && result.outcome !== 'refreshed') return undefined;
  const transition = result.outcome === 'changed' ? result.transition : undefined;
  const effects = transition ? (plan ?? deps.plan ?? planChange)({ type, snapshot: result.snapshot, transition, previous: state.snapshot }) : alertsOf(result.snapshot, state.snapshot, cause);
  return { subject: observation.subject, outcome: result.outcome, from: state.snapshot?.state ?? null, to: result.snapshot.state, effects: effects.map((effect) => effect.key ?? effect.action) };
};

/**
 * Reconciles one reading and commits it. A lost race (the snapshot moved meanwhile) is retried with
 * a fresh read of the store and, for a subject read through its reader, of the truth: the winner
 * may have committed a newer reading than ours. A reading ruled stale by its timestamp alone is
 * read again the same way, whatever handed it over: two machines' clocks can disagree by seconds,
 * and the re-read, made after the stored snapshot was read, is newer than it by causality. Never is
 * an older state kept because a clock ran ahead.
 */
export const recordChange = async (
  deps: PipelineDeps,
  first: Reading,
  initial: SubjectState,
  cause: Cause,
  leaseUntil: string,
  plan: Planner | undefined,
  reread: (stored: Snapshot | undefined) => Promise<Observation | 'unchanged'>,
  /** Whether a lost race re-reads the truth too (a reading through the reader), or reconciles the same data again. */
  rereadOnConflict: boolean,
): Promise<Recorded> => {
  const { store, clock, subjects } = deps;
  const type = subjects.typeOf(first.observation.kind);
  let state = initial;
  let { observation, readAfterStored } = first;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const stored = state.snapshot;
    const result = reconcile(stored, observation, (from, to) => type.canMove(from, to), cause, { readAfterStored });
    if (result.outcome === 'stale' && result.older) {
      // Stamped earlier than the stored snapshot, but not known to be older: read it again.
      state = (await store.readSubjects([observation.subject])).get(observation.subject) ?? { pending: [] };
      const fresh = await reread(state.snapshot);
      if (fresh === 'unchanged') return { outcome: 'unchanged', claimed: [], pending: state.pending };
      observation = fresh;
      readAfterStored = true;
      continue;
    }
    if (result.outcome === 'unchanged' || result.outcome === 'stale') return { outcome: result.outcome, claimed: [], pending: state.pending };
    const now = clock.now();
    const transition: Transition | undefined = result.outcome === 'changed' ? result.transition : undefined;
    // A refresh is not announced, but a value it brings that orgwarden does not know is alerted (an account's `State`).
    const effects = transition ? (plan ?? deps.plan ?? planChange)({ type, snapshot: result.snapshot, transition, previous: stored }) : alertsOf(result.snapshot, stored, cause);
    const ledger = effects.map((effect) => ledgerEntryOf(observation.subject, result.snapshot.version, effect, now, leaseUntil));
    const journal: JournalEntry = {
      eventId: causeKey(cause),
      subject: observation.subject,
      outcome: result.outcome,
      processedAt: now.toISOString(),
      eventName: cause.eventName,
      source: cause.source,
      ledgerIds: ledger.map((entry) => entry.id),
      ...(cause.replayName ? { replayName: cause.replayName } : {}),
    };
    const dueAt = deps.dueAt?.(result.snapshot, now);
    const committed = await store.commit({ journal, snapshot: { next: result.snapshot, expectedVersion: stored?.version ?? 0 }, ...(transition ? { history: transition } : {}), ledger, ...(dueAt ? { dueAt } : {}) });
    if (committed === 'committed') return { outcome: result.outcome, claimed: ledger, pending: state.pending };
    if (committed === 'duplicate') return { outcome: 'duplicate', claimed: [], pending: [] };
    state = (await store.readSubjects([observation.subject])).get(observation.subject) ?? { pending: [] };
    if (!rereadOnConflict) continue;
    const fresh = await reread(state.snapshot);
    if (fresh === 'unchanged') return { outcome: 'unchanged', claimed: [], pending: state.pending };
    observation = fresh;
    readAfterStored = true;
  }
  throw new ConcurrentUpdateError(`${observation.subject} kept changing during ${maxAttempts} attempts`);
};
