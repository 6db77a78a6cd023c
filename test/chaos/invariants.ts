import { isDeepStrictEqual } from 'node:util';
import { clientTokenOf } from '../../shared/use-cases/effects/open-case';
import { canonical, type Transition } from '../../shared/domain/snapshot';
import type { Observation } from './observe';

/** One broken invariant: which one, and what differs. */
export interface Violation {
  readonly invariant:
    'world' | 'snapshots' | 'history' | 'effects' | 'ledger' | 'publications' | 'processed' | 'recovery' | 'forgeries';
  readonly detail: string;
}

/** Subjects that describe orgwarden's own runs, not the world: an audit that met faults reports them. */
const ownRecords = (subject: string): boolean => subject.startsWith('audit-run:');
/** Announcements of orgwarden's own runs (their findings differ with what the faults hid). */
const ownAnnouncements = new Set(['Audit Completed', 'Audit Continuation']);
/** What differs between two runs of one world by when it was seen, not by what was seen. */
const volatile = new Set(['cause', 'observedAt', 'at', 'time', 'updatedAt']);

/**
 * Ids are named the same in both runs: what the world created by its name in the plan, a case by the
 * ledger entry that opened it, a case's client token likewise. Everything compared goes through here.
 */
const normalizer = (run: Observation): ((value: unknown) => unknown) => {
  const aliases = new Map(run.aliases);
  const replaceAll = (text: string): string => {
    let out = text;
    for (const [id, alias] of [...aliases].sort((x, y) => y[0].length - x[0].length)) {
      out = /^\d+$/.test(id) ? out.replace(new RegExp(`(?<!\\d)${id}(?!\\d)`, 'g'), alias) : out.split(id).join(alias);
    }
    return out;
  };
  for (const entry of run.ledger)
    if (entry.action === 'open-case') aliases.set(clientTokenOf(entry.id), `TOKEN(${replaceAll(entry.id)})`);
  for (const event of run.emitted) {
    const detail = event.detail as { action?: string; target?: string; key?: string };
    if (detail.action === 'open-case' && detail.target && detail.key)
      aliases.set(detail.target, `CASE(${replaceAll(detail.key)})`);
  }
  return (value) => JSON.parse(replaceAll(JSON.stringify(value))) as unknown;
};

const strip = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !volatile.has(key))
        .map(([key, v]) => [key, strip(v)]),
    );
  return value;
};

const show = (value: unknown): string => JSON.stringify(value)?.slice(0, 400) ?? 'undefined';

/** Compares two maps by key; names what only one has and what differs. */
const compareMaps = <T>(
  invariant: Violation['invariant'],
  what: string,
  faulty: ReadonlyMap<string, T>,
  twin: ReadonlyMap<string, T>,
): Violation[] => {
  const out: Violation[] = [];
  for (const [key, expected] of twin) {
    if (!faulty.has(key)) out.push({ invariant, detail: `${what} ${key}: missing (fault-free: ${show(expected)})` });
    else if (!isDeepStrictEqual(faulty.get(key), expected))
      out.push({ invariant, detail: `${what} ${key}: ${show(faulty.get(key))}, fault-free: ${show(expected)}` });
  }
  for (const [key, found] of faulty)
    if (!twin.has(key)) out.push({ invariant, detail: `${what} ${key}: not in the fault-free run (${show(found)})` });
  return out;
};

const counts = (keys: readonly string[]): Map<string, number> => {
  const out = new Map<string, number>();
  for (const key of keys) out.set(key, (out.get(key) ?? 0) + 1);
  return out;
};

/**
 * A state the fault-free run held for less than a storm lasts may go unseen under faults (only the audit made up for
 * the lost event).
 */
const hideableMs = 20 * 60_000;

/**
 * Whether the faulty history is the fault-free one with at most some short-lived states left out
 * (never a state invented, reordered, or the last one different).
 */
const hidesOnly = (faulty: readonly Transition[], twin: readonly Transition[]): boolean => {
  if (faulty.at(-1)?.to !== twin.at(-1)?.to) return false;
  let i = 0;
  for (const [index, transition] of twin.entries()) {
    if (i < faulty.length && faulty[i]!.to === transition.to) {
      i++;
      continue;
    }
    const next = twin[index + 1];
    if (!next || Date.parse(next.at) - Date.parse(transition.at) >= hideableMs) return false;
  }
  return i === faulty.length;
};

const byVersion = (history: readonly Transition[], n: (v: unknown) => unknown): Map<string, Transition[]> => {
  const out = new Map<string, Transition[]>();
  for (const t of [...history].sort((x, y) => x.version - y.version)) {
    if (ownRecords(t.subject)) continue;
    const subject = String(n(t.subject));
    out.set(subject, [...(out.get(subject) ?? []), t]);
  }
  return out;
};

/**
 * A key or an id without what two runs of one plan may number differently: subject versions (`@v3`,
 * `#v3`: they differ where a state went unseen) and event ids (an effect keyed by its event, such as
 * the coverage check of a move: the emulators' event ids drift once orgwarden's calls differ).
 */
const unversioned = (text: string): string =>
  text
    .replace(/([@#])v\d+/g, '$1v*')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<event>');

/**
 * The invariants of a chaos run, against the fault-free run of the same plan:
 * (a) the world went the same way; once the sweep and the audit have run, the snapshots (state and
 *     data) equal the fault-free ones, and each subject's history is the fault-free one, but for
 *     states that lasted less than a storm, which faults may hide (never invent or reorder);
 * (b) every effect happened exactly once: orgwarden's changing calls carried out (one per SDK
 *     invocation; a case counted by its idempotency token) equal the fault-free ones; no ledger
 *     entry is left claimed; every committed change
 *     and every finished publication was published at least once, all copies of a key alike; the
 *     other announcements (reactions, warnings, untrusted parties) equal the fault-free ones;
 * (c) every event delivered was processed or dead-lettered with its reason; the recovery ran with
 *     faults off without failing; nothing was left waiting.
 */
export const checkInvariants = (faulty: Observation, twin: Observation): Violation[] => {
  const violations: Violation[] = [];
  const [nf, nt] = [normalizer(faulty), normalizer(twin)];
  const world = (run: Observation) => new Map(run.world.map((record) => [`step ${record.step}`, record.outcome]));
  violations.push(...compareMaps('world', 'world', world(faulty), world(twin)));

  // (a)
  const snapshots = (run: Observation, n: (v: unknown) => unknown) =>
    new Map(
      run.snapshots
        .filter((s) => !ownRecords(s.subject))
        .map((s) => [String(n(s.subject)), { state: s.state, data: strip(n(s.data)) }]),
    );
  violations.push(...compareMaps('snapshots', 'snapshot', snapshots(faulty, nf), snapshots(twin, nt)));
  const [hf, ht] = [byVersion(faulty.history, nf), byVersion(twin.history, nt)];
  const states = (history: readonly Transition[] | undefined) => (history ?? []).map((t) => t.to).join(' -> ');
  for (const subject of new Set([...hf.keys(), ...ht.keys()])) {
    if (!hidesOnly(hf.get(subject) ?? [], ht.get(subject) ?? []))
      violations.push({
        invariant: 'history',
        detail: `${subject}: ${states(hf.get(subject))}, fault-free: ${states(ht.get(subject))}`,
      });
  }

  // (b)
  const effects = (run: Observation, n: (v: unknown) => unknown) => {
    const keys = run.applied.map((call) => `${call.operation} ${String(n(call.target))}`);
    // A case's idempotency token makes a repeated CreateCase the same case.
    return counts(
      [
        ...new Set(keys.filter((key) => key.startsWith('CreateCase '))),
        ...keys.filter((key) => !key.startsWith('CreateCase ')),
      ].map(unversioned),
    );
  };
  violations.push(...compareMaps('effects', 'calls', effects(faulty, nf), effects(twin, nt)));
  for (const entry of faulty.ledger)
    if (entry.status === 'claimed')
      violations.push({ invariant: 'ledger', detail: `${String(nf(entry.id))} is still claimed after the recovery` });
  violations.push(...publications(faulty, twin, nf, nt, ht));
  violations.push(...forgeries(faulty, nf));

  // (c)
  for (const problem of faulty.unaccounted) violations.push({ invariant: 'processed', detail: String(nf(problem)) });
  for (const problem of [...faulty.healFailures, ...faulty.leftOver])
    violations.push({ invariant: 'recovery', detail: String(nf(problem)) });
  for (const problem of [...twin.unaccounted, ...twin.healFailures, ...twin.leftOver])
    violations.push({ invariant: 'recovery', detail: `fault-free run: ${String(nt(problem))}` });
  return violations;
};

/**
 * (b) for what an attacker wrote into the table or put on the bus (forgeries.ts): each forged entry
 * ended failed as `UnauthorizedEffectError` and its refusal was announced (`Reaction Failed`); each
 * forged audit continuation was dead-lettered, classified; that they changed nothing in AWS is the
 * calls' comparison above.
 */
const forgeries = (faulty: Observation, nf: (v: unknown) => unknown): Violation[] => {
  const violations: Violation[] = [];
  for (const id of faulty.forged) {
    const entry = faulty.ledger.find((candidate) => candidate.id === id);
    if (entry?.status !== 'failed' || entry.failure?.name !== 'UnauthorizedEffectError')
      violations.push({
        invariant: 'forgeries',
        detail: `${String(nf(id))} ended ${entry?.status ?? 'missing'} (${entry?.failure?.name ?? 'no failure'}), not refused`,
      });
    const announced = faulty.emitted.some(
      (event) => event['detail-type'] === 'Reaction Failed' && (event.detail as { key?: unknown }).key === id,
    );
    if (!announced)
      violations.push({ invariant: 'forgeries', detail: `${String(nf(id))}: its refusal was never announced` });
  }
  // Each forged continuation was refused at the audit's door, classified, and kept.
  const refusedContinuations = faulty.deadLetters.filter(
    (letter) =>
      letter.functionName === 'audit' &&
      (letter.error.name === 'ContinuationRefusedError' || letter.error.name === 'MalformedEventError'),
  ).length;
  if (refusedContinuations < faulty.forgedContinuations.length)
    violations.push({
      invariant: 'forgeries',
      detail: `${faulty.forgedContinuations.length} audit continuation(s) forged, ${refusedContinuations} refused and kept: ${faulty.forgedContinuations.join(', ')}`,
    });
  return violations;
};

/**
 * A reaction found done on its retry says `already-done` ("the membership was already Active"),
 * although orgwarden's own earlier attempt did it (a crash between the effect and its completion,
 * an answer lost after the call went through): the executor re-reads first and cannot tell who did
 * it. Whether the effect happened exactly once is the calls' count; the wording is compared as one.
 */
const reworded = (detail: Record<string, unknown>): Record<string, unknown> =>
  detail.outcome === 'already-done' ||
  (detail.outcome === 'executed' && typeof detail.action === 'string' && detail.action !== 'check-coverage')
    ? { ...detail, outcome: 'executed or already-done', reason: undefined }
    : detail;

/**
 * A coverage gap the audit found (the move's event lost) is checked by the audit's path: announced
 * with `trigger: lost` under the coverage subject's key, where the event's path says `moved` under
 * the event's. What is said of the account (its coverage, its place, the reaction and its outcome)
 * is compared, not which path found it.
 */
const pathless = (type: string, detail: Record<string, unknown>): Record<string, unknown> =>
  type === 'Coverage Gap Detected' ||
  detail.action === 'check-coverage' ||
  detail.action === 'cover-account' ||
  detail.action === 'confirm-coverage'
    ? { ...detail, key: undefined, subject: undefined, trigger: undefined }
    : detail;

/** (b) for announcements: at least once, copies alike, every committed change announced; the others as fault-free. */
const publications = (
  faulty: Observation,
  twin: Observation,
  nf: (v: unknown) => unknown,
  nt: (v: unknown) => unknown,
  faultFreeHistory: Map<string, Transition[]>,
): Violation[] => {
  const violations: Violation[] = [];
  const byKey = (run: Observation) => {
    const out = new Map<string, Array<{ type: string; detail: Record<string, unknown> }>>();
    for (const event of run.emitted) {
      const detail = event.detail as Record<string, unknown>;
      // A forged entry's refusal is the forgery's business (below), not the world's.
      if (
        ownAnnouncements.has(event['detail-type']) ||
        typeof detail.key !== 'string' ||
        run.forged.includes(detail.key)
      )
        continue;
      out.set(detail.key, [...(out.get(detail.key) ?? []), { type: event['detail-type'], detail }]);
    }
    return out;
  };
  const [pf, pt] = [byKey(faulty), byKey(twin)];
  const everyKey = new Set(faulty.emitted.map((event) => (event.detail as { key?: unknown }).key));
  for (const [key, copies] of pf)
    if (copies.some((copy) => !isDeepStrictEqual(copy, copies[0])))
      violations.push({
        invariant: 'publications',
        detail: `${String(nf(key))}: ${copies.length} copies that differ: ${show(nf(copies))}`,
      });
  for (const entry of faulty.ledger) {
    const key = (entry.payload as { detail?: { key?: string } } | undefined)?.detail?.key;
    if (entry.action === 'publish' && entry.status === 'done' && key && !everyKey.has(key))
      violations.push({
        invariant: 'publications',
        detail: `${String(nf(entry.id))} is done but ${String(nf(key))} was never published`,
      });
  }
  // A committed change whose announcement was planned (its ledger entry) went out as that change.
  const planned = new Set(faulty.ledger.filter((e) => e.action === 'publish').map((e) => e.id));
  for (const t of faulty.history) {
    if (ownRecords(t.subject) || !planned.has(`${t.subject}#v${t.version}#publish`)) continue;
    const announced = pf.get(`${t.subject}@v${t.version}`)?.[0]?.detail;
    if (!announced || announced.after !== t.to || (announced.before ?? null) !== t.from)
      violations.push({
        invariant: 'publications',
        detail: `${String(nf(t.subject))} v${t.version} (${t.from ?? '(new)'} -> ${t.to}) committed but not announced as such`,
      });
  }
  // Announcements other than changes (those follow the history): the same as fault-free, versions aside.
  const warnedSubjects = new Map<string, string>();
  const others = (
    published: Map<string, Array<{ type: string; detail: Record<string, unknown> }>>,
    n: (v: unknown) => unknown,
  ) =>
    counts(
      [...published.values()]
        .map((copies) => copies[0]!)
        .filter((copy) => !('after' in copy.detail))
        .map((copy) => {
          const key = unversioned(
            canonical({
              type: copy.type,
              detail: strip(n(reworded(pathless(copy.type, { ...copy.detail, version: undefined })))),
            }),
          );
          if (typeof copy.detail.deadline === 'string') warnedSubjects.set(key, String(n(copy.detail.subject)));
          return key;
        }),
    );
  const [of, ot] = [others(pf, nf), others(pt, nt)];
  // A deadline warning only under faults is the truth, not an invention, when the fault-free run held
  // the warned subject's state for less than a storm: orgwarden's own reaction ended it within minutes
  // there, while faults delayed that reaction past a sweep, which found the deadline near and said so.
  const stretchable = shortLived(faultFreeHistory);
  for (const [key, found] of of) {
    const subject = warnedSubjects.get(key);
    if (subject && stretchable.has(subject) && found > (ot.get(key) ?? 0)) {
      if (ot.has(key)) of.set(key, ot.get(key)!);
      else of.delete(key);
    }
  }
  violations.push(...compareMaps('publications', 'announcements', of, ot));
  return violations;
};

/** The subjects whose first state (the pending one, which deadlines are about) lasted less than a storm. */
const shortLived = (history: Map<string, Transition[]>): Set<string> => {
  const out = new Set<string>();
  for (const [subject, [first, second]] of history)
    if (first && second && Date.parse(second.at) - Date.parse(first.at) < hideableMs) out.add(subject);
  return out;
};
