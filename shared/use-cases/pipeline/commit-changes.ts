import type { LedgerEntry } from '../../domain/ledger';
import type { SubjectState } from '../../ports/state-store';
import type { ObserveRequest, PipelineDeps, PlannedChange, SubjectOutcome } from './pipeline-model';
import type { Discovered, Reading } from './read-subjects';
import { recordChange } from './record-change';
import { reconcileReading } from './reconcile-reading';

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
