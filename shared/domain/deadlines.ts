import type { Snapshot } from './snapshot';
import type { Deadline, RelatedDeadlines } from './subjects/deadline';
import { dataOf, type SubjectData, type SubjectType } from './subjects/subject-type';

export type { Deadline, RelatedDeadlines } from './subjects/deadline';

/** A lead time of the policy (`7d`, `36h`, `90m`: shared/domain/policy/policy.ts) in milliseconds. */
export const leadTimeMs = (value: string): number =>
  Number(value.slice(0, -1)) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[value.slice(-1) as 'd' | 'h' | 'm'];

/** A stored subject as its deadlines are read. */
type Dated = Pick<Snapshot, 'state' | 'data'>;

/**
 * The deadlines still ahead of a subject in its stored state, as its type declares them (none when it
 * declares none): read from the data AWS returned, never computed from a fixed lifetime.
 */
export const deadlinesOf = <D extends SubjectData>(
  type: SubjectType<D>,
  snapshot: Dated,
  related: RelatedDeadlines = {},
): readonly Deadline[] => type.deadlines?.of({ state: snapshot.state, data: dataOf(type, snapshot) }, related) ?? [];

/** The stored subject that tells of a subject's deadlines (a pending transfer's invitation), if any. */
export const relatedSubjectOf = <D extends SubjectData>(type: SubjectType<D>, snapshot: Dated): string | undefined =>
  type.deadlines?.relatedSubject?.({ state: snapshot.state, data: dataOf(type, snapshot) });

/** What that stored subject tells of them. */
export const relatedDeadlinesOf = <D extends SubjectData>(type: SubjectType<D>, related: Dated): RelatedDeadlines =>
  type.deadlines?.relatedDeadlines?.(related) ?? {};

/** A deadline that is warned about: any but a membership's deactivation (re-read at it only). */
export type WarnedDeadline = Deadline & { readonly kind: Exclude<Deadline['kind'], 'deactivation'> };

/** Whether a deadline is ever warned about. */
export const isWarned = (deadline: Deadline): deadline is WarnedDeadline =>
  deadline.warn !== false && deadline.kind !== 'deactivation';

/** How long after a deadline the sweep keeps re-reading a subject whose state AWS has not moved yet. */
export const graceAfterDeadlineMs = 86_400_000;
/** How often it re-reads meanwhile. */
export const recheckMs = 10 * 60_000;

/**
 * The warning due now for a deadline: the most urgent lead time whose window [deadline − lead,
 * deadline) holds `now` (a subject found late gets one warning, not all of them at once).
 */
export const warningDue = (deadline: Deadline, leadTimes: readonly string[], now: Date): string | undefined => {
  const left = Date.parse(deadline.at) - now.getTime();
  if (left <= 0 || deadline.warn === false) return undefined;
  return [...leadTimes].sort((x, y) => leadTimeMs(x) - leadTimeMs(y)).find((lead) => left <= leadTimeMs(lead));
};

/**
 * When the sweep must look at the subject next, strictly after `now`: the next lead-time boundary
 * of a deadline, the deadline itself, or (a deadline passed without the state moving) a re-read a
 * little later, for a day at most. `undefined`: nothing to watch.
 */
export const nextDueAt = <D extends SubjectData>(
  type: SubjectType<D>,
  snapshot: Dated,
  leadTimes: readonly string[],
  now: Date,
  related: RelatedDeadlines = {},
): string | undefined => {
  const t = now.getTime();
  const times: number[] = [];
  for (const deadline of deadlinesOf(type, snapshot, related)) {
    const at = Date.parse(deadline.at);
    if (at > t) {
      times.push(
        at,
        ...(deadline.warn === false
          ? []
          : leadTimes.map((lead) => at - leadTimeMs(lead)).filter((boundary) => boundary > t)),
      );
    } else if (t < at + graceAfterDeadlineMs) times.push(t + recheckMs);
  }
  const next = times.sort((x, y) => x - y)[0];
  return next === undefined ? undefined : new Date(next).toISOString();
};

/**
 * The due time a change leaves a subject with: now, when a warning is already due (a subject found
 * within a lead time is warned at the sweep's next run), else the next boundary.
 */
export const dueAtAfterChange = <D extends SubjectData>(
  type: SubjectType<D>,
  snapshot: Dated,
  leadTimes: readonly string[],
  now: Date,
): string | undefined =>
  deadlinesOf(type, snapshot).some((deadline) => warningDue(deadline, leadTimes, now) !== undefined)
    ? now.toISOString()
    : nextDueAt(type, snapshot, leadTimes, now);

/**
 * The due time of changed subjects under the lead times, for the pipeline (`dueAt`): each looked up by
 * its kind among the types the caller knows (none, an unknown kind: nothing to watch).
 */
export const dueAtWith =
  (typeOf: (kind: string) => SubjectType | undefined, leadTimes: readonly string[]) =>
  (snapshot: Snapshot, now: Date): string | undefined => {
    const type = typeOf(snapshot.kind);
    return type ? dueAtAfterChange(type, snapshot, leadTimes, now) : undefined;
  };
