import { causeKey, type Cause } from '../../domain/cause';
import { EffectsPendingError, isPermanent, MalformedEventError, SubjectNotFoundError } from '../../domain/errors';
import { leaseFor, type CauseRecord, type JournalEntry, type LedgerEntry } from '../../domain/ledger';
import type { Observation, Snapshot } from '../../domain/snapshot';
import { subjectId, type SubjectData, type SubjectRef, type SubjectType } from '../../domain/subjects/subject-type';
import type { Clock } from '../../ports/clock';
import type { StateStore, SubjectState } from '../../ports/state-store';
import { historyAuthority, type EffectAuthority } from '../effects/authorize-effects';
import type { Executors } from '../effects/effect-executor';
import { runEffects, type EffectsReport } from '../effects/run-effects';
import type { SubjectRegistry } from './subject-registry';
import { planChange, type Planner } from './plan';
import { planOnly, recordChange, type Reading } from './record-change';

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

/** A subject found by reading AWS (a listing): its data when already read (`null`: it is gone), else the pipeline reads it. */
export interface Found {
  readonly ref: SubjectRef;
  readonly data?: SubjectData | null;
}

export interface ObserveRequest {
  readonly cause: Cause;
  /** Subjects the cause names itself (ids taken from the event): one the service does not know fails the cause, nothing written. */
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

/** The parts of an `ObserveRequest` that `options` set for `event`. */
export const runOptionsOf = (event: unknown, options: EventRunOptions): Pick<ObserveRequest, 'dryRun' | 'origin'> => ({
  ...(options.dryRun ? { dryRun: true } : {}),
  ...(options.functionName ? { origin: { event, functionName: options.functionName } } : {}),
});

/** Events larger than this are journaled without their body (a replay then needs the archive or a file). */
const maxJournaledEvent = 65_536;

const journaledEvent = (origin: ObserveRequest['origin']): { event?: string; functionName?: string } => {
  if (!origin) return {};
  const text = JSON.stringify(origin.event);
  return { functionName: origin.functionName, ...(text.length <= maxJournaledEvent ? { event: text } : {}) };
};

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
  readonly recorded: ReadonlyArray<{ readonly subject: string; readonly outcome: SubjectOutcome; readonly reason?: string }>;
  readonly effects?: Omit<EffectsReport, 'errors'>;
  /** A dry run's findings. */
  readonly planned?: readonly PlannedChange[];
}

/** One cause names a handful of subjects; more is not a real event. */
export const maxSubjectsPerCause = 40;

/**
 * The one pipeline every change goes through, whatever noticed it (an event, the sweep, an audit,
 * a replay): look up the cause's journal first (a cause processed before costs that one read),
 * re-read each subject from the service that owns it, reconcile it with its snapshot, commit the
 * change with its history and the ledger entries of its effects in one transaction, then carry the
 * effects out. The subjects a cause names are all read before anything is written: one that does
 * not exist writes nothing. One subject never blocks the others of a batch: a mentioned or found
 * subject that cannot be read is left unrecorded with its reason while the rest is committed (a
 * transient failure is rethrown after, so that the cause is retried). A failure after a commit is
 * always retried (`EffectsPendingError`).
 */
export const observeSubjects =
  (deps: PipelineDeps) =>
  async (request: ObserveRequest): Promise<ObserveResult> => {
    const { store, clock, subjects } = deps;
    const { cause } = request;
    const named = unique(request.subjects.map((ref) => checkedId(subjects.typeOf(ref.kind), ref)));
    const mentioned = unique((request.mentioned ?? []).map((ref) => checkedId(subjects.typeOf(ref.kind), ref))).filter((subject) => !named.includes(subject));
    if (named.length + mentioned.length > maxSubjectsPerCause) throw new MalformedEventError(`${cause.eventName} names ${named.length + mentioned.length} subjects; at most ${maxSubjectsPerCause} are taken from one cause`);
    const key = causeKey(cause);
    const begin = await store.begin(key, [...named, ...mentioned]);
    if (begin.processed) return { outcome: 'duplicate', recorded: [...named, ...mentioned].map((subject) => ({ subject, outcome: 'duplicate' })) };
    const states = new Map<string, SubjectState>(begin.subjects);

    // Read the truth of every subject this cause has not committed yet, then discover the others.
    // Every reading through a reader is made after the subject's snapshot was read (`begin`).
    const readings = new Map<string, Reading | 'unchanged' | Unread>();
    const fresh = (subject: string): boolean => !states.get(subject)?.journal && !readings.has(subject);
    await Promise.all(named.filter(fresh).map(async (subject) => readings.set(subject, readingOf(await observe(deps, subject, states.get(subject)?.snapshot), true))));
    await Promise.all(mentioned.filter(fresh).map(async (subject) => readings.set(subject, await tolerant(deps, subject, states.get(subject)?.snapshot, 'ignored'))));
    // What discovery builds on: fresh readings, or what an earlier attempt of this cause recorded.
    const observed = new Map<string, Observation>();
    for (const [subject, reading] of readings) if (typeof reading === 'object' && 'observation' in reading) observed.set(subject, reading.observation);
    for (const [subject, state] of states) if (state.journal && state.snapshot) observed.set(subject, state.snapshot);
    const found = request.discover ? await request.discover(observed) : [];
    const discovered = unique(found.map(({ ref }) => checkedId(subjects.typeOf(ref.kind), ref))).filter((subject) => !states.has(subject));
    if (named.length + discovered.length > maxSubjectsPerCause * 25) throw new MalformedEventError(`${cause.eventName} led to ${discovered.length} subjects`);
    for (let start = 0; start < discovered.length; start += maxSubjectsPerCause) {
      const more = await store.begin(key, discovered.slice(start, start + maxSubjectsPerCause));
      for (const [subject, state] of more.subjects) states.set(subject, state);
    }
    // Subjects read through their reader (not handed over as data): a lost race reads them again.
    const reread = new Set<string>([...named, ...mentioned]);
    await Promise.all(
      found.map(async ({ ref, data }) => {
        const subject = subjectId(ref);
        if (!fresh(subject)) return;
        const stored = states.get(subject)?.snapshot;
        if (data === undefined) reread.add(subject);
        // Claimed before the first await: a subject listed twice is read once.
        readings.set(subject, 'unchanged');
        readings.set(subject, data === undefined ? await tolerant(deps, subject, stored, 'not-found') : await tolerant(deps, subject, stored, 'not-found', data));
      }),
    );

    // Commit each change; collect the effects to carry out.
    const now = clock.now();
    const leaseUntil = leaseFor(now, request.remainingMs);
    const recorded: Array<{ subject: string; outcome: SubjectOutcome; reason?: string }> = [];
    const claimed: LedgerEntry[] = [];
    const takeOver: string[] = [];
    const planned: PlannedChange[] = [];
    const retry: unknown[] = [];
    let lostRace = false;
    let committed = false;
    for (const [subject, state] of states) {
      const reading = readings.get(subject);
      if (state.journal || !reading) {
        recorded.push({ subject, outcome: 'committed-before' });
        takeOver.push(...state.pending);
        continue;
      }
      if (reading === 'unchanged') {
        recorded.push({ subject, outcome: 'unchanged' });
        takeOver.push(...state.pending);
        continue;
      }
      if ('unread' in reading) {
        recorded.push({ subject, outcome: reading.unread.outcome, reason: reading.unread.reason });
        takeOver.push(...state.pending);
        if (reading.transient) retry.push(reading.transient);
        continue;
      }
      if (request.dryRun) {
        const finding = planOnly(deps, request.plan, reading, state, cause);
        recorded.push({ subject, outcome: finding?.outcome ?? 'unchanged' });
        if (finding) planned.push(finding);
        continue;
      }
      const result = await recordChange(deps, reading, state, cause, leaseUntil, request.plan, (stored) => observe(deps, subject, stored), reread.has(subject));
      recorded.push({ subject, outcome: result.outcome });
      claimed.push(...result.claimed);
      takeOver.push(...result.pending);
      lostRace ||= result.outcome === 'duplicate';
      committed ||= result.claimed.length > 0 || result.outcome === 'changed' || result.outcome === 'refreshed';
    }

    const reasons = Object.fromEntries(recorded.flatMap(({ subject, reason }) => (reason ? [[subject, reason]] : [])));
    const processed: CauseRecord = {
      eventId: key,
      eventName: cause.eventName,
      source: cause.source,
      processedAt: clock.now().toISOString(),
      outcomes: Object.fromEntries(recorded.map(({ subject, outcome }) => [subject, outcome])),
      ...(Object.keys(reasons).length > 0 ? { reasons } : {}),
      ...(cause.replayName ? { replayName: cause.replayName } : {}),
      ...journaledEvent(request.origin),
    };
    if (request.dryRun) return { outcome: 'processed', recorded, planned };
    // A concurrent delivery of the same cause owns what it committed; it writes the mark. When each
    // committed some of the subjects (a cause naming two, each delivery winning one), each writes it:
    // otherwise none would, and the cause processed to the end would never be marked so. A cause
    // with a subject to read again (a transient failure) is not processed to the end.
    const mark = (lostRace && !committed) || request.remember === false || retry.length > 0 ? undefined : processed;
    let effects: EffectsReport | undefined;
    if (claimed.length > 0 || takeOver.length > 0) {
      try {
        effects = await runEffects({ ...deps, authority: deps.authority ?? pipelineAuthority(deps) }, { claimed, takeOver, leaseUntil, ...(mark ? { processed: mark } : {}) });
      } catch (error) {
        throw new EffectsPendingError(`${cause.eventId}: committed, but its effects could not be settled`, { cause: error });
      }
    } else if (mark) await store.markProcessed(mark);
    if (effects && effects.errors.length > 0) throw new EffectsPendingError(`${cause.eventId}: ${effects.errors.length} effect(s) to retry: ${effects.errors[0]!.message}`, { cause: effects.errors[0] });
    // The others are committed (a retry finds them committed before): the subject that failed is read again.
    if (retry.length > 0) throw retry[0];
    if (!effects) return { outcome: 'processed', recorded };
    const { errors: _errors, ...counts } = effects;
    return { outcome: 'processed', recorded, effects: counts };
  };

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** The history checked against this pipeline's own planner, for the kinds it registers (what a pipeline given no authority uses). */
export const pipelineAuthority = (deps: Pick<PipelineDeps, 'store' | 'subjects' | 'plan' | 'executors'>): EffectAuthority =>
  historyAuthority({ store: deps.store, typeOf: (kind) => (deps.subjects.kinds.includes(kind) ? deps.subjects.typeOf(kind) : undefined), plan: deps.plan ?? planChange, executors: deps.executors });

const checkedId = (type: SubjectType, ref: SubjectRef): string => {
  if (!type.idPattern.test(ref.id)) throw new MalformedEventError(`${ref.kind} id ${JSON.stringify(ref.id.slice(0, 80))} does not match ${String(type.idPattern)}`);
  return subjectId(ref);
};

/** A subject that could not be read: why, and the error to rethrow after the others when a retry may cure it. */
interface Unread {
  readonly unread: Unrecorded;
  readonly transient?: unknown;
}

const readingOf = (observed: Observation | 'unchanged', readAfterStored: boolean): Reading | 'unchanged' => (observed === 'unchanged' ? observed : { observation: observed, readAfterStored });

/**
 * Reads (or takes the listed data of) a subject that must not block the others: the service not
 * knowing it is `absent` (its reason), a permanent failure is recorded as `failed`, a transient one
 * too, and rethrown once the others are committed.
 */
const tolerant = async (deps: PipelineDeps, subject: string, stored: Snapshot | undefined, absent: 'ignored' | 'not-found', data?: SubjectData | null): Promise<Reading | 'unchanged' | Unread> => {
  try {
    return data === undefined ? readingOf(await observe(deps, subject, stored), true) : readingOf(observationOf(deps, subject, data, stored), false);
  } catch (error) {
    if (error instanceof SubjectNotFoundError) {
      const reason = absent === 'ignored' ? `${subject} is not known to this organization (another organization's, e.g. another link of a transfer chain): ignored` : `${subject} is no longer known to the service, and orgwarden cannot record what became of it`;
      return { unread: { outcome: absent, reason } };
    }
    const reason = `${subject} could not be read: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    return isPermanent(error) ? { unread: { outcome: 'failed', reason } } : { unread: { outcome: 'failed', reason }, transient: error };
  }
};

/** Re-reads a subject through its reader; what a missing one means is the subject type's call. */
const observe = async (deps: PipelineDeps, subject: string, stored: Snapshot | undefined): Promise<Observation | 'unchanged'> => {
  const colon = subject.indexOf(':');
  const entry = deps.subjects.entryOf(subject.slice(0, colon));
  const data = await entry.read(subject.slice(colon + 1));
  return observationOf(deps, subject, data ?? null, stored);
};

const observationOf = (deps: PipelineDeps, subject: string, data: SubjectData | null, stored: Snapshot | undefined): Observation | 'unchanged' => {
  const colon = subject.indexOf(':');
  const kind = subject.slice(0, colon);
  const type = deps.subjects.typeOf(kind);
  let found = data;
  if (!found) {
    const missing = type.whenMissing(subject.slice(colon + 1), stored);
    if ('unchanged' in missing) return 'unchanged';
    if ('notFound' in missing) throw new SubjectNotFoundError(subject);
    found = missing.record;
  }
  return { subject, kind, state: found.state, observedAt: deps.clock.now().toISOString(), data: { ...found } };
};
