import { causeKey, type Cause } from '../../domain/cause';
import { ConcurrentUpdateError, EffectsPendingError, MalformedEventError, SubjectNotFoundError } from '../../domain/errors';
import { leaseFor, ledgerEntryOf, type CauseRecord, type JournalEntry, type LedgerEntry } from '../../domain/ledger';
import { reconcile, type Observation, type Snapshot, type Transition } from '../../domain/snapshot';
import { subjectId, type SubjectData, type SubjectRef, type SubjectType } from '../../domain/subjects/subject-type';
import type { Clock } from '../../ports/clock';
import type { StateStore, SubjectState } from '../../ports/state-store';
import type { Executors } from '../effects/effect-executor';
import { runEffects, type EffectsReport } from '../effects/run-effects';
import { alertsOf } from '../effects/alert-unrecognized';
import type { SubjectRegistry } from './subject-registry';
import { planChange, type Planner } from './plan';

export interface PipelineDeps {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly subjects: SubjectRegistry;
  readonly executors: Executors;
  /** Decides the effects of a change (the policy); by default its announcement only. */
  readonly plan?: Planner;
  /** When the sweep must look at a changed subject next (its deadlines); by default never. */
  readonly dueAt?: (snapshot: Snapshot, now: Date) => string | undefined;
}

/** A subject found by reading AWS (a listing): its data when already read (`null`: it is gone), else the pipeline reads it. */
export interface Found {
  readonly ref: SubjectRef;
  readonly data?: SubjectData | null;
}

export interface ObserveRequest {
  readonly cause: Cause;
  /** Subjects the cause names itself (ids taken from the event). */
  readonly subjects: readonly SubjectRef[];
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

export type SubjectOutcome = JournalEntry['outcome'] | 'duplicate' | 'committed-before';

export interface ObserveResult {
  /** `duplicate`: the cause was processed to the end before; nothing was read or written. */
  readonly outcome: 'processed' | 'duplicate';
  readonly recorded: ReadonlyArray<{ readonly subject: string; readonly outcome: SubjectOutcome }>;
  readonly effects?: Omit<EffectsReport, 'errors'>;
  /** A dry run's findings. */
  readonly planned?: readonly PlannedChange[];
}

/** A lost race is retried at once with a fresh read; this many times before giving up to Lambda's retry. */
const maxAttempts = 5;
/** One cause names a handful of subjects; more is not a real event. */
export const maxSubjectsPerCause = 40;

/**
 * The one pipeline every change goes through, whatever noticed it (an event, the sweep, an audit,
 * a replay): look up the cause's journal first (a cause processed before costs that one read),
 * re-read each subject from the service that owns it, reconcile it with its snapshot, commit the
 * change with its history and the ledger entries of its effects in one transaction, then carry the
 * effects out. Everything is read before anything is written: a cause naming a subject that does
 * not exist writes nothing. A failure after a commit is always retried (`EffectsPendingError`).
 */
export const observeSubjects =
  (deps: PipelineDeps) =>
  async (request: ObserveRequest): Promise<ObserveResult> => {
    const { store, clock, subjects } = deps;
    const { cause } = request;
    const named = unique(request.subjects.map((ref) => checkedId(subjects.typeOf(ref.kind), ref)));
    if (named.length > maxSubjectsPerCause) throw new MalformedEventError(`${cause.eventName} names ${named.length} subjects; at most ${maxSubjectsPerCause} are taken from one cause`);
    const key = causeKey(cause);
    const begin = await store.begin(key, named);
    if (begin.processed) return { outcome: 'duplicate', recorded: named.map((subject) => ({ subject, outcome: 'duplicate' })) };
    const states = new Map<string, SubjectState>(begin.subjects);

    // Read the truth of every subject this cause has not committed yet, then discover the others.
    const observations = new Map<string, Observation | 'unchanged'>();
    // Subjects read through their reader (not handed over as data): a lost race reads them again.
    const reread = new Set<string>(named);
    await Promise.all(
      named
        .filter((subject) => !states.get(subject)?.journal)
        .map(async (subject) => observations.set(subject, await observe(deps, subject, states.get(subject)?.snapshot))),
    );
    // What discovery builds on: fresh readings, or what an earlier attempt of this cause recorded.
    const observed = new Map([...observations].filter((entry): entry is [string, Observation] => entry[1] !== 'unchanged'));
    for (const [subject, state] of states) if (state.journal && state.snapshot) observed.set(subject, state.snapshot);
    const found = request.discover ? await request.discover(observed) : [];
    const discovered = unique(found.map(({ ref }) => checkedId(subjects.typeOf(ref.kind), ref))).filter((subject) => !states.has(subject));
    if (named.length + discovered.length > maxSubjectsPerCause * 25) throw new MalformedEventError(`${cause.eventName} led to ${discovered.length} subjects`);
    for (let start = 0; start < discovered.length; start += maxSubjectsPerCause) {
      const more = await store.begin(key, discovered.slice(start, start + maxSubjectsPerCause));
      for (const [subject, state] of more.subjects) states.set(subject, state);
    }
    await Promise.all(
      found.map(async ({ ref, data }) => {
        const subject = subjectId(ref);
        if (observations.has(subject) || states.get(subject)?.journal) return;
        const stored = states.get(subject)?.snapshot;
        if (data === undefined) reread.add(subject);
        observations.set(subject, data === undefined ? await observe(deps, subject, stored) : observationOf(deps, subject, data, stored));
      }),
    );

    // Commit each change; collect the effects to carry out.
    const now = clock.now();
    const leaseUntil = leaseFor(now, request.remainingMs);
    const recorded: Array<{ subject: string; outcome: SubjectOutcome }> = [];
    const claimed: LedgerEntry[] = [];
    const takeOver: string[] = [];
    const planned: PlannedChange[] = [];
    let lostRace = false;
    let committed = false;
    for (const [subject, state] of states) {
      const observation = observations.get(subject);
      if (state.journal || !observation) {
        recorded.push({ subject, outcome: 'committed-before' });
        takeOver.push(...state.pending);
        continue;
      }
      if (observation === 'unchanged') {
        recorded.push({ subject, outcome: 'unchanged' });
        takeOver.push(...state.pending);
        continue;
      }
      if (request.dryRun) {
        const finding = planOnly(deps, request, observation, state, cause);
        recorded.push({ subject, outcome: finding?.outcome ?? 'unchanged' });
        if (finding) planned.push(finding);
        continue;
      }
      const result = await record(deps, observation, state, cause, leaseUntil, request.plan, reread.has(subject) ? (stored) => observe(deps, subject, stored) : undefined);
      recorded.push({ subject, outcome: result.outcome });
      claimed.push(...result.claimed);
      takeOver.push(...result.pending);
      lostRace ||= result.outcome === 'duplicate';
      committed ||= result.claimed.length > 0 || result.outcome === 'changed' || result.outcome === 'refreshed';
    }

    const processed: CauseRecord = {
      eventId: key,
      eventName: cause.eventName,
      source: cause.source,
      processedAt: clock.now().toISOString(),
      outcomes: Object.fromEntries(recorded.map(({ subject, outcome }) => [subject, outcome])),
      ...(cause.replayName ? { replayName: cause.replayName } : {}),
      ...journaledEvent(request.origin),
    };
    if (request.dryRun) return { outcome: 'processed', recorded, planned };
    // A concurrent delivery of the same cause owns what it committed; it writes the mark. When each
    // committed some of the subjects (a cause naming two, each delivery winning one), each writes it:
    // otherwise none would, and the cause processed to the end would never be marked so.
    const mark = (lostRace && !committed) || request.remember === false ? undefined : processed;
    if (claimed.length === 0 && takeOver.length === 0) {
      if (mark) await store.markProcessed(mark);
      return { outcome: 'processed', recorded };
    }
    let effects: EffectsReport;
    try {
      effects = await runEffects(deps, { claimed, takeOver, leaseUntil, ...(mark ? { processed: mark } : {}) });
    } catch (error) {
      throw new EffectsPendingError(`${cause.eventId}: committed, but its effects could not be settled`, { cause: error });
    }
    const { errors, ...counts } = effects;
    if (errors.length > 0) throw new EffectsPendingError(`${cause.eventId}: ${errors.length} effect(s) to retry: ${errors[0]!.message}`, { cause: errors[0] });
    return { outcome: 'processed', recorded, effects: counts };
  };

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

const checkedId = (type: SubjectType, ref: SubjectRef): string => {
  if (!type.idPattern.test(ref.id)) throw new MalformedEventError(`${ref.kind} id ${JSON.stringify(ref.id.slice(0, 80))} does not match ${String(type.idPattern)}`);
  return subjectId(ref);
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

interface Recorded {
  readonly outcome: SubjectOutcome;
  readonly claimed: readonly LedgerEntry[];
  /** The subject's unfinished entries from before this change. */
  readonly pending: readonly string[];
}

/** What a change would be and do, without writing it. */
const planOnly = (deps: PipelineDeps, request: ObserveRequest, observation: Observation, state: SubjectState, cause: Cause): PlannedChange | undefined => {
  const type = deps.subjects.typeOf(observation.kind);
  const result = reconcile(state.snapshot, observation, (from, to) => type.canMove(from, to), cause);
  if (result.outcome !== 'changed' && result.outcome !== 'refreshed') return undefined;
  const transition = result.outcome === 'changed' ? result.transition : undefined;
  const effects = transition ? (request.plan ?? deps.plan ?? planChange)({ type, snapshot: result.snapshot, transition, previous: state.snapshot }) : alertsOf(result.snapshot, state.snapshot, cause);
  return { subject: observation.subject, outcome: result.outcome, from: state.snapshot?.state ?? null, to: result.snapshot.state, effects: effects.map((effect) => effect.key ?? effect.action) };
};

/**
 * Reconciles one observation and commits it. A lost race (the snapshot moved meanwhile) is retried
 * with a fresh read of the store and, for a subject read through its reader, of the truth: the
 * winner may have committed a newer reading than ours, and two readings made in the same
 * millisecond (or on clocks a little apart) cannot be ordered by their times.
 */
const record = async (
  deps: PipelineDeps,
  first: Observation,
  initial: SubjectState,
  cause: Cause,
  leaseUntil: string,
  plan?: Planner,
  reread?: (stored: Snapshot | undefined) => Promise<Observation | 'unchanged'>,
): Promise<Recorded> => {
  const { store, clock, subjects } = deps;
  const type = subjects.typeOf(first.kind);
  let state = initial;
  let observation = first;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const stored = state.snapshot;
    const result = reconcile(stored, observation, (from, to) => type.canMove(from, to), cause);
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
    if (!reread) continue;
    const fresh = await reread(state.snapshot);
    if (fresh === 'unchanged') return { outcome: 'unchanged', claimed: [], pending: state.pending };
    observation = fresh;
  }
  throw new ConcurrentUpdateError(`${observation.subject} kept changing during ${maxAttempts} attempts`);
};
