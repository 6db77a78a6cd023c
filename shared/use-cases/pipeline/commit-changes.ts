import { type LedgerEntry, type PlannedEffect, ledgerEntryOf, type JournalEntry } from '../../domain/ledger';
import type { SubjectState } from '../../ports/state-store';
import type { ObserveRequest, PipelineDeps, PlannedChange, SubjectOutcome } from './pipeline-model';
import { type Discovered, type Reading, observe } from './read-subjects';
import { type Cause, causeKey, reconcile, type Snapshot, type Transition } from '../../domain/snapshot';
import { alertsOf } from '../effects/publish';
import { ConcurrentUpdateError } from '../../domain/errors';
import { transitionEvent } from '../../domain/published-events';
import type { Change, Planner } from '../../domain/change';
import { lookupKeyOf } from '../../domain/subjects/subject-type';

/** What became of one subject of a cause, and what it leaves to carry out. */
export interface SubjectCommit {
  readonly subject: string;
  readonly outcome: SubjectOutcome;
  /** Why it was left unrecorded (`ignored`, `not-found`, `failed`). */
  readonly reason?: string;
  /** Ledger entries this invocation created and owns. */
  readonly claimed: readonly LedgerEntry[];
  /** The subject's unfinished entries from before: taken over when their lease has run out. */
  readonly takeOver: readonly string[];
  /** A failure to read it that a retry may cure: rethrown once the others are committed. */
  readonly transient?: unknown;
  /** What a dry run found it would record and do. */
  readonly planned?: PlannedChange;
}

/** Commits one subject's reading: for real, or (a dry run) saying only what it would commit. */
export type CommitReading = (
  reading: Reading,
  state: SubjectState,
  rereadOnConflict: boolean,
) => Promise<SubjectCommit>;

/** The commit of a run for real: reconciled, written with its journal line, history and ledger entries. */
export const recording =
  (deps: PipelineDeps, request: Pick<ObserveRequest, 'cause' | 'plan'>, leaseUntil: string): CommitReading =>
  async (reading, state, rereadOnConflict) => {
    const { cause, plan } = request;
    const recorded = await recordChange(deps, { reading, state, cause, leaseUntil, plan, rereadOnConflict });
    return {
      subject: reading.observation.subject,
      outcome: recorded.outcome,
      claimed: recorded.claimed,
      takeOver: recorded.pending,
    };
  };

/** The commit of a dry run: reconciled and planned, nothing written; what it would record and do. */
export const planningOnly =
  (deps: PipelineDeps, request: Pick<ObserveRequest, 'cause' | 'plan'>): CommitReading =>
  (reading, state) => {
    const { subject } = reading.observation;
    const result = reconcileReading(deps, request.plan, reading, state.snapshot, request.cause);
    if (result.outcome !== 'changed' && result.outcome !== 'refreshed')
      return Promise.resolve({ subject, outcome: 'unchanged', claimed: [], takeOver: [] });
    const effects = result.effects.map((effect) => effect.key ?? effect.action);
    const planned: PlannedChange = {
      subject,
      outcome: result.outcome,
      from: state.snapshot?.state ?? null,
      to: result.snapshot.state,
      effects,
    };
    return Promise.resolve({ subject, outcome: result.outcome, claimed: [], takeOver: [], planned });
  };

/**
 * Commit: every subject of the cause in turn, in the order `begin` listed them. A subject this cause
 * committed before, that nothing changed or that could not be read is only reported (its unfinished
 * entries taken over); each reading goes through `commit`.
 */
export const commitChanges = async (discovery: Discovered, commit: CommitReading): Promise<SubjectCommit[]> => {
  const commits: SubjectCommit[] = [];
  for (const [subject, state] of discovery.states) {
    const read = discovery.readings.get(subject);
    const report = { subject, claimed: [], takeOver: state.pending };
    if (state.journal || !read) commits.push({ ...report, outcome: 'committed-before' });
    else if ('unchanged' in read) commits.push({ ...report, outcome: 'unchanged' });
    else if ('unread' in read)
      commits.push({ ...report, ...read.unread, ...(read.transient ? { transient: read.transient } : {}) });
    // One at a time: the commits of one cause are ordered, as their store writes.
    else commits.push(await commit(read.reading, state, discovery.reread.has(subject)));
  }
  return commits;
};

/** The subjects and their outcomes, as the result, the processed mark and the logs give them. */
export const recordedOf = (
  commits: readonly SubjectCommit[],
): Array<{ subject: string; outcome: SubjectOutcome; reason?: string }> =>
  commits.map(({ subject, outcome, reason }) => (reason ? { subject, outcome, reason } : { subject, outcome }));

/**
 * What a reading means against the stored snapshot:
 * - `changed` or `refreshed`: the next snapshot, the transition (a change only) and the effects planned;
 * - `unchanged`, or `stale` (the state machine rules it out, or it is known to be older);
 * - `older`: stamped earlier than the stored snapshot but not known to be older: to be read again.
 */
export type Reconciled =
  | {
      readonly outcome: 'changed' | 'refreshed';
      readonly snapshot: Snapshot;
      readonly transition?: Transition;
      readonly effects: readonly PlannedEffect[];
    }
  | { readonly outcome: 'unchanged' }
  | { readonly outcome: 'stale' }
  | { readonly outcome: 'older' };

/**
 * Reconcile: one reading against what is stored, and the effects of the change (the planner's; by
 * default the pipeline's). A refresh is not announced, but a value it brings that orgwarden does not
 * know is alerted (an account's `State`). Pure: nothing is read or written.
 */
export const reconcileReading = (
  deps: Pick<PipelineDeps, 'subjects' | 'plan'>,
  plan: Planner | undefined,
  reading: Reading,
  stored: Snapshot | undefined,
  cause: Cause,
): Reconciled => {
  const { observation, readAfterStored } = reading;
  const type = deps.subjects.typeOf(observation.kind);
  const result = reconcile(stored, observation, (from, to) => type.canMove(from, to), cause, { readAfterStored });
  if (result.outcome === 'stale' && result.older) return { outcome: 'older' };
  if (result.outcome === 'unchanged' || result.outcome === 'stale') return { outcome: result.outcome };
  if (result.outcome === 'refreshed')
    return { outcome: 'refreshed', snapshot: result.snapshot, effects: alertsOf(result.snapshot, stored, cause) };
  const { snapshot, transition } = result;
  return {
    outcome: 'changed',
    snapshot,
    transition,
    effects: (plan ?? deps.plan ?? planChange)({ type, snapshot, transition, previous: stored }),
  };
};

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
    const lookup = lookupKeyOf(deps.subjects.typeOf(snapshot.kind), snapshot);
    const snapshotWrite = { next: snapshot, expectedVersion: stored?.version ?? 0 };
    const committed = await store.commit({
      journal,
      snapshot: snapshotWrite,
      ...(transition ? { history: transition } : {}),
      ledger,
      ...(dueAt ? { dueAt } : {}),
      ...(lookup ? { lookup } : {}),
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

// The change and the planner are the domain's (shared/domain/change.ts): what plans needs no effect.
export type { Change, Planner };

/** Every change is announced on orgwarden's bus. */
export const announce = (change: Change): PlannedEffect => ({
  action: 'publish',
  payload: transitionEvent(change.type, change.snapshot, change.transition),
});

/**
 * The announcement of a change, unless its subject type is silent (orgwarden's own bookkeeping), and
 * the alert for values it carries that orgwarden does not know (silent or not: its model is behind).
 */
export const announcements = (change: Change): PlannedEffect[] => [
  ...(change.type.silent ? [] : [announce(change)]),
  ...alertsOf(change.snapshot, change.previous, change.transition.cause),
];

/** The default planner: the announcement only. */
export const planChange: Planner = (change) => announcements(change);
