import { leaseFor, type CauseRecord } from '../../domain/ledger';
import {
  commitChanges,
  planningOnly,
  recordedOf,
  recording,
  type CommitReading,
  type SubjectCommit,
  planChange,
} from './commit-changes';
import type { EventRunOptions, ObserveRequest, ObserveResult, PipelineDeps } from './pipeline-model';
import { readAndDiscover } from './read-subjects';
export { maxSubjectsPerCause } from './pipeline-model';
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
import { causeKey } from '../../domain/snapshot';
import { EffectsPendingError } from '../../domain/errors';
import { historyAuthority, type EffectAuthority } from '../effects/authorize-effects';
import { runEffects, type EffectsReport } from '../effects/run-effects';

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

/** Events larger than this are journaled without their body (a replay then needs the archive or a file). */
const maxJournaledEvent = 65_536;

const journaledEvent = (origin: ObserveRequest['origin']): { event?: string; functionName?: string } => {
  if (!origin) return {};
  const text = JSON.stringify(origin.event);
  return { functionName: origin.functionName, ...(text.length <= maxJournaledEvent ? { event: text } : {}) };
};

/** The cause's processed mark: each subject's outcome, and why any was left unrecorded. */
export const processedMarkOf = (
  request: ObserveRequest,
  commits: readonly SubjectCommit[],
  processedAt: string,
): CauseRecord => {
  const { cause } = request;
  const recorded = recordedOf(commits);
  const reasons = Object.fromEntries(recorded.flatMap(({ subject, reason }) => (reason ? [[subject, reason]] : [])));
  return {
    eventId: causeKey(cause),
    eventName: cause.eventName,
    source: cause.source,
    processedAt,
    outcomes: Object.fromEntries(recorded.map(({ subject, outcome }) => [subject, outcome])),
    ...(Object.keys(reasons).length > 0 ? { reasons } : {}),
    ...(cause.replayName ? { replayName: cause.replayName } : {}),
    ...journaledEvent(request.origin),
  };
};

/**
 * Whether this invocation writes the cause's processed mark. A concurrent delivery of the same cause
 * owns what it committed; it writes the mark. When each committed some of the subjects (a cause naming
 * two, each delivery winning one), each writes it: otherwise none would, and the cause processed to the
 * end would never be marked so. A cause with a subject to read again (a transient failure) is not
 * processed to the end; an audit run's (`remember: false`) is never marked.
 */
export const writesMark = (request: Pick<ObserveRequest, 'remember'>, commits: readonly SubjectCommit[]): boolean => {
  const lostRace = commits.some((commit) => commit.outcome === 'duplicate');
  const committed = commits.some(
    (commit) => commit.claimed.length > 0 || commit.outcome === 'changed' || commit.outcome === 'refreshed',
  );
  const retry = commits.some((commit) => commit.transient);
  return !((lostRace && !committed) || request.remember === false || retry);
};

/**
 * Carry out effects: runs the entries the commits claimed and takes over the unfinished ones of the
 * subjects (with the processed mark in their last settlement), or only writes the mark. A failure after
 * a commit is always retried (`EffectsPendingError`); so is a cause with a subject to read again, once
 * the others are committed.
 */
export const carryOut = async (
  deps: PipelineDeps,
  request: ObserveRequest,
  commits: readonly SubjectCommit[],
  leaseUntil: string,
): Promise<ObserveResult> => {
  const { cause } = request;
  const mark = writesMark(request, commits)
    ? processedMarkOf(request, commits, deps.clock.now().toISOString())
    : undefined;
  const claimed = commits.flatMap((commit) => commit.claimed);
  const takeOver = commits.flatMap((commit) => commit.takeOver);
  let effects: EffectsReport | undefined;
  if (claimed.length > 0 || takeOver.length > 0) {
    try {
      const authority = deps.authority ?? pipelineAuthority(deps);
      effects = await runEffects(
        { ...deps, authority },
        { claimed, takeOver, leaseUntil, ...(mark ? { processed: mark } : {}) },
      );
    } catch (error) {
      throw new EffectsPendingError(`${cause.eventId}: committed, but its effects could not be settled`, {
        cause: error,
      });
    }
  } else if (mark) await deps.store.markProcessed(mark);
  if (effects && effects.errors.length > 0) {
    throw new EffectsPendingError(
      `${cause.eventId}: ${effects.errors.length} effect(s) to retry: ${effects.errors[0]!.message}`,
      { cause: effects.errors[0] },
    );
  }
  // The others are committed (a retry finds them committed before): the subject that failed is read again.
  const transient = commits.find((commit) => commit.transient);
  if (transient) throw transient.transient;
  const recorded = recordedOf(commits);
  if (!effects) return { outcome: 'processed', recorded };
  const { errors: _errors, ...counts } = effects;
  return { outcome: 'processed', recorded, effects: counts };
};

/**
 * The history checked against this pipeline's own planner, for the kinds it registers (what a pipeline
 * given no authority uses).
 */
export const pipelineAuthority = (
  deps: Pick<PipelineDeps, 'store' | 'subjects' | 'plan' | 'executors'>,
): EffectAuthority =>
  historyAuthority({
    store: deps.store,
    typeOf: (kind) => (deps.subjects.kinds.includes(kind) ? deps.subjects.typeOf(kind) : undefined),
    plan: deps.plan ?? planChange,
    executors: deps.executors,
  });

/** The parts of an `ObserveRequest` that `options` set for `event`. */
export const runOptionsOf = (event: unknown, options: EventRunOptions): Pick<ObserveRequest, 'dryRun' | 'origin'> => ({
  ...(options.dryRun ? { dryRun: true } : {}),
  ...(options.functionName ? { origin: { event, functionName: options.functionName } } : {}),
});
