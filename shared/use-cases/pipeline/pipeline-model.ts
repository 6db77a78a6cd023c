import type { Cause, Observation, Snapshot } from '../../domain/snapshot';
import type { JournalEntry } from '../../domain/ledger';
import type { SubjectData, SubjectRef, SubjectType } from '../../domain/subjects/subject-type';
import type { Clock } from '../../ports/clock';
import type { StateStore } from '../../ports/state-store';
import type { EffectAuthority } from '../effects/authorize-effects';
import type { Executors } from '../effects/effect';
import type { EffectsReport } from '../effects/run-effects';
import type { Planner } from '../../domain/change';

// What the pipeline is given and what it answers, and the registry of the subject types it reads
// (shared/use-cases/pipeline/observe-subjects.ts runs it, in steps: read and discover in
// read-subjects.ts; reconcile and commit in commit-changes.ts; carry out in observe-subjects.ts).

export interface PipelineDeps {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly subjects: SubjectRegistry;
  readonly executors: Executors;
  /** Decides the effects of a change (the policy); by default its announcement only. */
  readonly plan?: Planner;
  /** When the sweep must look at a changed subject next (its deadlines); by default never. */
  readonly dueAt?: (snapshot: Snapshot, now: Date) => string | undefined;
  /**
   * Whether an unfinished entry read back from the table may run (shared/use-cases/effects/authorize-effects.ts);
   * by default the history and this pipeline's own planner. The functions give the policy's, which
   * also knows what the first import planned.
   */
  readonly authority?: EffectAuthority;
}

/**
 * A subject found by reading AWS (a listing): its data when already read (`null`: it is gone), else the
 * pipeline reads it.
 */
export interface Found {
  readonly ref: SubjectRef;
  readonly data?: SubjectData | null;
}

export interface ObserveRequest {
  readonly cause: Cause;
  /**
   * Subjects the cause names itself (ids taken from the event): one the service does not know fails the
   * cause, nothing written.
   */
  readonly subjects: readonly SubjectRef[];
  /**
   * Subjects the cause names that may belong to another organization (the other links of a billing
   * transfer chain, whose service events reach every account of the chain): read like the others,
   * and one the service does not know is ignored with its reason, never an error.
   */
  readonly mentioned?: readonly SubjectRef[];
  /** Subjects found only by reading AWS; called only when the cause was not processed before. */
  readonly discover?: (observed: ReadonlyMap<string, Observation>) => Promise<readonly Found[]>;
  /** Time the invocation has left (the Lambda context's): how long it owns the effects it claims. */
  readonly remainingMs: number;
  /** The planner for this cause (the audit's first import plans a baseline); default: the pipeline's. */
  readonly plan?: Planner;
  /** Plan only: read and reconcile, say what would change and which effects would follow; write nothing. */
  readonly dryRun?: boolean;
  /** Whether to write the cause's processed mark (an audit run, never delivered twice, writes none); default true. */
  readonly remember?: boolean;
  /** The event behind the cause, and the function processing it: kept in the journal for replays. */
  readonly origin?: { readonly event: unknown; readonly functionName: string };
}

/** How a function runs one event: for real (journaled with the function's name, for replays) or as a dry run. */
export interface EventRunOptions {
  /** Re-read and reconcile only: what would be recorded and done; nothing written, nothing called but reads. */
  readonly dryRun?: boolean;
  /** The function processing the event: the event is journaled with it. */
  readonly functionName?: string;
}

/** What a dry run found for one subject. */
export interface PlannedChange {
  readonly subject: string;
  readonly outcome: 'changed' | 'refreshed';
  readonly from: string | null;
  readonly to: string;
  /** The keys of the effects it would take (`publish`, `cancel-handshake`, …). */
  readonly effects: readonly string[];
}

/**
 * What became of a subject. Besides a journal line's outcomes: `duplicate` (a concurrent delivery
 * committed it), `committed-before` (an earlier attempt of this cause did); and, with a reason, what
 * left it unrecorded: `ignored` (a mentioned id this organization's service does not know),
 * `not-found` (a subject found by reading that the service no longer knows and that its type cannot
 * record), `failed` (reading it failed: permanently, recorded as such; transiently, the cause is retried).
 */
export type SubjectOutcome = JournalEntry['outcome'] | 'duplicate' | 'committed-before' | Unrecorded['outcome'];

/** A subject left unrecorded, and why (in the result, the cause's processed mark and the logs). */
export interface Unrecorded {
  readonly outcome: 'ignored' | 'not-found' | 'failed';
  readonly reason: string;
}

export interface ObserveResult {
  /** `duplicate`: the cause was processed to the end before; nothing was read or written. */
  readonly outcome: 'processed' | 'duplicate';
  readonly recorded: ReadonlyArray<{
    readonly subject: string;
    readonly outcome: SubjectOutcome;
    readonly reason?: string;
  }>;
  readonly effects?: Omit<EffectsReport, 'errors'>;
  /** A dry run's findings. */
  readonly planned?: readonly PlannedChange[];
}

/** One cause names a handful of subjects; more is not a real event. */
export const maxSubjectsPerCause = 40;

/** Re-reads one subject by its id within its kind; `undefined` when the service does not know it. */
export type SubjectReader<D extends SubjectData = SubjectData> = (id: string) => Promise<D | undefined>;

/** A subject type with the reader that re-reads it. */
export interface RegisteredSubject<D extends SubjectData = SubjectData> {
  readonly type: SubjectType<D>;
  readonly read: SubjectReader<D>;
}

/** The subject types a function knows, by kind. Built once in the composition root. */
export interface SubjectRegistry {
  typeOf(kind: string): SubjectType;
  entryOf(kind: string): RegisteredSubject;
  readonly kinds: readonly string[];
}
