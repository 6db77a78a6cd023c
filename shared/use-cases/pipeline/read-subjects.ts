import { causeKey, type Observation, type Snapshot } from '../../domain/snapshot';
import { isPermanent, MalformedEventError, SubjectNotFoundError } from '../../domain/errors';
import {
  refOf,
  subjectId,
  type SubjectData,
  type SubjectRef,
  type SubjectType,
} from '../../domain/subjects/subject-type';
import type { SubjectState } from '../../ports/state-store';
import {
  maxSubjectsPerCause,
  type ObserveRequest,
  type PipelineDeps,
  type RegisteredSubject,
  type SubjectReader,
  type SubjectRegistry,
  type Unrecorded,
} from './pipeline-model';

/** What the service says of a subject: an observation, or nothing new (a final subject the service forgot). */
export type Sight = { readonly observation: Observation } | { readonly unchanged: true };

/** A reading of a subject, and whether it was read from the service after its stored snapshot was read. */
export interface Reading {
  readonly observation: Observation;
  /** True for a reading through the subject's reader after `begin`; false for data a listing handed over. */
  readonly readAfterStored: boolean;
}

/**
 * What reading a subject gave: a reading to reconcile, nothing new, or nothing (why, and the error to
 * rethrow after the others when a retry may cure it).
 */
export type SubjectReading =
  | { readonly reading: Reading }
  | { readonly unchanged: true }
  | { readonly unread: Unrecorded; readonly transient?: unknown };

/** The stored state and readings of a cause's subjects. */
export interface Discovered {
  /** What is stored of every subject: the named ones first, then those discovered (the order of the commits). */
  readonly states: ReadonlyMap<string, SubjectState>;
  /** Fresh readings of the subjects this cause has not committed yet. */
  readonly readings: ReadonlyMap<string, SubjectReading>;
  /** Subjects read through their reader (not handed over as data): a lost race reads them again. */
  readonly reread: ReadonlySet<string>;
}

/** What the first step found: the cause was processed before (its subjects), or what to commit. */
export type Discovery = { readonly duplicate: readonly string[] } | Discovered;

/**
 * Read and discover: looks up the cause's journal and the stored subjects it names (one round trip),
 * reads the truth of those this cause has not committed yet, then discovers the others and reads them.
 * Every reading through a reader is made after the subject's snapshot was read (`begin`). The subjects a
 * cause names itself must all be read: one that cannot be fails the cause, nothing written; a mentioned
 * or found one is left unread with its reason.
 */
export const readAndDiscover = async (deps: PipelineDeps, request: ObserveRequest): Promise<Discovery> => {
  const { store, subjects } = deps;
  const { cause } = request;
  const named = unique(request.subjects.map((ref) => checkedId(subjects.typeOf(ref.kind), ref)));
  const mentioned = unique((request.mentioned ?? []).map((ref) => checkedId(subjects.typeOf(ref.kind), ref))).filter(
    (subject) => !named.includes(subject),
  );
  const cited = named.length + mentioned.length;
  if (cited > maxSubjectsPerCause)
    throw new MalformedEventError(
      `${cause.eventName} names ${cited} subjects; at most ${maxSubjectsPerCause} are taken from one cause`,
    );
  const key = causeKey(cause);
  const begin = await store.begin(key, [...named, ...mentioned]);
  if (begin.processed) return { duplicate: [...named, ...mentioned] };
  const states = new Map<string, SubjectState>(begin.subjects);
  const readings = new Map<string, SubjectReading>();
  const fresh = (subject: string): boolean => !states.get(subject)?.journal && !readings.has(subject);
  const storedOf = (subject: string): Snapshot | undefined => states.get(subject)?.snapshot;
  await Promise.all(
    named
      .filter(fresh)
      .map(async (subject) => readings.set(subject, readingOf(await observe(deps, subject, storedOf(subject)), true))),
  );
  await Promise.all(
    mentioned
      .filter(fresh)
      .map(async (subject) => readings.set(subject, await tolerant(deps, subject, storedOf(subject), 'ignored'))),
  );
  // What discovery builds on: fresh readings, or what an earlier attempt of this cause recorded.
  const observed = new Map<string, Observation>();
  for (const [subject, read] of readings) if ('reading' in read) observed.set(subject, read.reading.observation);
  for (const [subject, state] of states) if (state.journal && state.snapshot) observed.set(subject, state.snapshot);
  const found = request.discover ? await request.discover(observed) : [];
  const discovered = unique(found.map(({ ref }) => checkedId(subjects.typeOf(ref.kind), ref))).filter(
    (subject) => !states.has(subject),
  );
  if (named.length + discovered.length > maxSubjectsPerCause * 25)
    throw new MalformedEventError(`${cause.eventName} led to ${discovered.length} subjects`);
  for (let start = 0; start < discovered.length; start += maxSubjectsPerCause) {
    const more = await store.begin(key, discovered.slice(start, start + maxSubjectsPerCause));
    for (const [subject, state] of more.subjects) states.set(subject, state);
  }
  const reread = new Set<string>([...named, ...mentioned]);
  await Promise.all(
    found.map(async ({ ref, data }) => {
      const subject = subjectId(ref);
      if (!fresh(subject)) return;
      if (data === undefined) reread.add(subject);
      // Claimed before the first await: a subject listed twice is read once.
      readings.set(subject, { unchanged: true });
      readings.set(subject, await tolerant(deps, subject, storedOf(subject), 'not-found', data));
    }),
  );
  return { states, readings, reread };
};

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

const checkedId = (type: SubjectType, ref: SubjectRef): string => {
  if (!type.idPattern.test(ref.id))
    throw new MalformedEventError(
      `${ref.kind} id ${JSON.stringify(ref.id.slice(0, 80))} does not match ${String(type.idPattern)}`,
    );
  return subjectId(ref);
};

const readingOf = (sight: Sight, readAfterStored: boolean): SubjectReading =>
  'unchanged' in sight ? sight : { reading: { observation: sight.observation, readAfterStored } };

/**
 * Reads (or takes the listed data of) a subject that must not block the others: the service not
 * knowing it is `absent` (its reason), a permanent failure is recorded as `failed`, a transient one
 * too, and rethrown once the others are committed.
 */
const tolerant = async (
  deps: PipelineDeps,
  subject: string,
  stored: Snapshot | undefined,
  absent: 'ignored' | 'not-found',
  data?: SubjectData | null,
): Promise<SubjectReading> => {
  try {
    return data === undefined
      ? readingOf(await observe(deps, subject, stored), true)
      : readingOf(sightOf(deps, subject, data, stored), false);
  } catch (error) {
    if (error instanceof SubjectNotFoundError) {
      const reason =
        absent === 'ignored'
          ? `${subject} is not known to this organization ` +
            "(another organization's, e.g. another link of a transfer chain): ignored"
          : `${subject} is no longer known to the service, and orgwarden cannot record what became of it`;
      return { unread: { outcome: absent, reason } };
    }
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const reason = `${subject} could not be read: ${why}`;
    return isPermanent(error)
      ? { unread: { outcome: 'failed', reason } }
      : { unread: { outcome: 'failed', reason }, transient: error };
  }
};

/** Re-reads a subject through its reader; what a missing one means is the subject type's call. */
export const observe = async (deps: PipelineDeps, subject: string, stored: Snapshot | undefined): Promise<Sight> => {
  const ref = refOf(subject);
  const data = await deps.subjects.entryOf(ref.kind).read(ref.id);
  return sightOf(deps, subject, data ?? null, stored);
};

const sightOf = (
  deps: PipelineDeps,
  subject: string,
  data: SubjectData | null,
  stored: Snapshot | undefined,
): Sight => {
  const { kind, id } = refOf(subject);
  const type = deps.subjects.typeOf(kind);
  let found = data;
  if (!found) {
    const missing = type.whenMissing(id, stored);
    if ('unchanged' in missing) return { unchanged: true };
    if ('notFound' in missing) throw new SubjectNotFoundError(subject);
    found = missing.record;
  }
  return {
    observation: { subject, kind, state: found.state, observedAt: deps.clock.now().toISOString(), data: { ...found } },
  };
};

/** Binds each declared subject type to its reader: `registry(register(handshakeType, read), …)`. */
export const register = <D extends SubjectData>(type: SubjectType<D>, read: SubjectReader<D>): RegisteredSubject => ({
  type,
  read,
});

export const subjectRegistry = (...entries: readonly RegisteredSubject[]): SubjectRegistry => {
  const byKind = new Map(entries.map((entry) => [entry.type.kind, entry]));
  const entryOf = (kind: string): RegisteredSubject => {
    const entry = byKind.get(kind);
    if (!entry) throw new MalformedEventError(`no subject type ${JSON.stringify(kind.slice(0, 40))} here`);
    return entry;
  };
  return { entryOf, typeOf: (kind) => entryOf(kind).type, kinds: [...byKind.keys()] };
};
