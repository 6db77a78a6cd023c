import type { Clock } from '../../ports/clock';
import type { DueItem, StateStore } from '../../ports/state-store';
import { leaseFor } from '../../domain/ledger';
import type { EffectAuthority } from '../effects/authorize-effects';
import type { Executors } from '../effects/effect';
import { runEffects } from '../effects/run-effects';

export interface SweepDeps {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly executors: Executors;
  /**
   * Whether an entry taken over from the due index may run: by the history and the policy, never by the entry (any role
   * may write the table).
   */
  readonly authority: EffectAuthority;
  /** Handles a subject whose deadline has come (warnings, expiry); absent: subjects are left due. */
  readonly onSubjectDue?: (subject: string, dueAt: string, remainingMs: number) => Promise<void>;
  /** Told of each subject whose handling failed (for the logs). */
  readonly onError?: (subject: string, error: unknown) => void;
}

export interface SweepBounds {
  /** Items handled per run at most; the next run resumes with what is left. */
  readonly maxItems: number;
  /** Items read per query page. */
  readonly pageSize: number;
  /** Stop starting new work when less than this much time is left. */
  readonly reserveMs: number;
}

export const defaultSweepBounds: SweepBounds = { maxItems: 500, pageSize: 100, reserveMs: 10_000 };

export interface SweepReport {
  readonly handled: number;
  readonly done: number;
  readonly failed: number;
  readonly released: number;
  readonly subjects: number;
  /** Stopped at a bound with items maybe left: the next run goes on. */
  readonly partial: boolean;
  readonly queries: number;
  /** Subjects whose handling failed this run (left due: the next run tries again). */
  readonly errors: number;
  /** How late the most overdue item handled was: the run's time minus its `dueAt` (0 when none was). */
  readonly lagMs: number;
  readonly cursor?: string;
}

/** A day of the due index may be left behind once it ended this long ago (longer than any function runs). */
const settleMs = 3_600_000;

/**
 * The sweep over the due-time index: no scan, paginated, bounded per run. Ledger entries whose lease
 * ran out (an invocation crashed, or released them after a failure) are taken over and finished;
 * subjects whose deadline came are handed to `onSubjectDue`. Handled items leave the index (or move
 * to a later time), so the next run resumes with what is left. A cursor remembers the oldest day
 * that may still hold due items.
 */
export const sweepDue =
  (deps: SweepDeps, bounds: SweepBounds = defaultSweepBounds) =>
  async (remaining: () => number): Promise<SweepReport> => {
    const { store, clock } = deps;
    const now = clock.now();
    const upTo = now.toISOString();
    const cursor = await store.getSweepCursor();
    const report = {
      handled: 0,
      done: 0,
      failed: 0,
      released: 0,
      subjects: 0,
      partial: false,
      queries: 0,
      errors: 0,
      lagMs: 0,
    };
    const busyDays = new Set<string>();
    const unfinishedDays = new Set<string>();
    const slices = store.dueSlices(cursor, upTo);
    for (const slice of slices) {
      const { day } = slice;
      let after: string | undefined;
      do {
        if (report.handled >= bounds.maxItems || remaining() < bounds.reserveMs) {
          report.partial = true;
          unfinishedDays.add(day);
          break;
        }
        const limit = Math.min(bounds.pageSize, bounds.maxItems - report.handled);
        const page = await store.listDue(slice, upTo, limit, after);
        report.queries++;
        if (page.items.length > 0) busyDays.add(day);
        for (const item of page.items) report.lagMs = Math.max(report.lagMs, now.getTime() - Date.parse(item.dueAt));
        await handle(deps, page.items, remaining, report);
        after = page.next;
      } while (after);
      if (after) unfinishedDays.add(day);
    }
    // The cursor moves past the days that are over, were read to the end and held nothing due.
    const days = [...new Set(slices.map((slice) => slice.day))];
    let next = cursor ?? days[0];
    for (const day of days) {
      const over = Date.parse(`${day}T00:00:00.000Z`) + 86_400_000 + settleMs <= now.getTime();
      if (!over || busyDays.has(day) || unfinishedDays.has(day)) break;
      next = new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
    }
    if (next && next !== cursor) await store.setSweepCursor(next);
    return { ...report, ...(next ? { cursor: next } : {}) };
  };

const handle = async (
  deps: SweepDeps,
  items: readonly DueItem[],
  remaining: () => number,
  report: { handled: number; done: number; failed: number; released: number; subjects: number; errors: number },
): Promise<void> => {
  const ledgerIds = items.flatMap((item) => (item.kind === 'ledger' ? [item.id] : []));
  report.handled += items.length;
  if (ledgerIds.length > 0) {
    const effects = await runEffects(deps, {
      claimed: [],
      takeOver: ledgerIds,
      leaseUntil: leaseFor(deps.clock.now(), remaining()),
    });
    report.done += effects.done;
    report.failed += effects.failed;
    report.released += effects.released;
  }
  for (const item of items) {
    if (item.kind !== 'subject' || !deps.onSubjectDue) continue;
    try {
      await deps.onSubjectDue(item.subject, item.dueAt, remaining());
      report.subjects++;
    } catch (error) {
      // One subject's failure (throttling, an unfinished effect) must not hold up the others.
      report.errors++;
      deps.onError?.(item.subject, error);
    }
  }
};
