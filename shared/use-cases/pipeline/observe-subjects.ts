import { leaseFor } from '../../domain/ledger';
import { carryOut } from './carry-out';
import {
  commitChanges,
  planningOnly,
  recordedOf,
  recording,
  type CommitReading,
  type SubjectCommit,
} from './commit-changes';
import type { ObserveRequest, ObserveResult, PipelineDeps } from './pipeline-model';
import { readAndDiscover } from './read-subjects';

export { pipelineAuthority } from './carry-out';
export { maxSubjectsPerCause, runOptionsOf } from './pipeline-model';
export type {
  EventRunOptions,
  Found,
  ObserveRequest,
  ObserveResult,
  PipelineDeps,
  PlannedChange,
  SubjectOutcome,
  Unrecorded,
} from './pipeline-model';

/** How a run commits and ends: for real, or as a dry run (the same steps, nothing written). */
interface Mode {
  readonly commit: CommitReading;
  finish(commits: readonly SubjectCommit[]): Promise<ObserveResult>;
}

/** For real: the commits are written, then their effects carried out and the cause marked processed. */
const forReal = (deps: PipelineDeps, request: ObserveRequest): Mode => {
  const leaseUntil = leaseFor(deps.clock.now(), request.remainingMs);
  return {
    commit: recording(deps, request, leaseUntil),
    finish: (commits) => carryOut(deps, request, commits, leaseUntil),
  };
};

/**
 * A dry run: read and reconciled, what would change and which effects would follow; nothing written,
 * nothing called but reads.
 */
const dryRun = (deps: PipelineDeps, request: ObserveRequest): Mode => ({
  commit: planningOnly(deps, request),
  finish: (commits) =>
    Promise.resolve({
      outcome: 'processed',
      recorded: recordedOf(commits),
      planned: commits.flatMap((commit) => (commit.planned ? [commit.planned] : [])),
    }),
});

/**
 * The one pipeline every change goes through, whatever noticed it (an event, the sweep, an audit,
 * a replay), in four steps: read and discover (the cause's journal first: a cause processed before
 * costs that one read; then each subject re-read from the service that owns it), reconcile each
 * reading with its snapshot, commit each change with its history and the ledger entries of its
 * effects in one transaction, then carry the effects out. The subjects a cause names are all read
 * before anything is written: one that does not exist writes nothing. One subject never blocks the
 * others of a batch: a mentioned or found subject that cannot be read is left unrecorded with its
 * reason while the rest is committed (a transient failure is rethrown after, so that the cause is
 * retried). A failure after a commit is always retried (`EffectsPendingError`).
 */
export const observeSubjects =
  (deps: PipelineDeps) =>
  async (request: ObserveRequest): Promise<ObserveResult> => {
    const discovery = await readAndDiscover(deps, request);
    if ('duplicate' in discovery)
      return {
        outcome: 'duplicate',
        recorded: discovery.duplicate.map((subject) => ({ subject, outcome: 'duplicate' })),
      };
    const mode = request.dryRun ? dryRun(deps, request) : forReal(deps, request);
    return mode.finish(await commitChanges(discovery, mode.commit));
  };
