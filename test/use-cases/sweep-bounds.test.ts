import { describe, expect, it } from 'vitest';
import { publishing } from '../support/pipeline';
import type { LedgerEntry } from '../../shared/domain/ledger';
import { publishedSource } from '../../shared/domain/published-events';
import { MemoryStateStore } from '../../shared/local/memory/memory-state-store';
import type { StateStore } from '../../shared/ports/state-store';
import { historyAuthority } from '../../shared/use-cases/effects/authorize-effects';
import { sweepDue, type SweepReport } from '../../shared/use-cases/sweep/sweep-due';
import { ManualClock, RecordingPublisher } from '../support/fakes';

const items = 10_000;
const subjects = 100;

/**
 * 10,000 announcements left unfinished by crashed invocations (leases ran out), over 100 subjects,
 * written through the store's port (so on any store).
 */
const seed = async (store: StateStore): Promise<void> => {
  for (let s = 0; s < subjects; s++) {
    const subject = `handshake:h-${String(s).padStart(10, '0')}`;
    const entries: LedgerEntry[] = [];
    for (let v = 1; v <= items / subjects; v++) {
      const entry: LedgerEntry = {
        id: `${subject}#v${v}#publish`,
        subject,
        version: v,
        action: 'publish',
        payload: {
          source: publishedSource,
          detailType: 'Handshake State Changed',
          detail: { key: `${subject}@v${v}` },
          time: '2026-11-01T00:00:00Z',
          resources: [],
        },
        status: 'claimed',
        leaseUntil: `2026-11-01T${String(Math.floor(v / 60)).padStart(2, '0')}:${String(v % 60).padStart(2, '0')}:00.000Z`,
        attempts: 1,
        createdAt: '2026-11-01T00:00:00.000Z',
      };
      entries.push(entry);
    }
    const at = '2026-11-01T00:00:00.000Z';
    const cause = { eventId: `seed-${s}`, eventName: 'Seed', source: 'test' };
    const journal = { ...cause, subject, outcome: 'changed' as const, processedAt: at, ledgerIds: [] };
    const next = { subject, kind: 'handshake', state: 'OPEN', version: items / subjects, observedAt: at, data: {} };
    await store.commit({ journal, snapshot: { next, expectedVersion: 0 }, ledger: [] });
    // Added as the deadlines' warnings are: each in the due index at its lease end, and pending on its subject.
    await store.addEffects(entries);
  }
};

describe('the sweep over 10,000 due items', () => {
  it(
    'handles at most a page bound per run, stops when its time runs short, and resumes where it stopped until all are done once',
    { timeout: 240_000 },
    async () => {
      // Prepare
      const store = new MemoryStateStore();
      await seed(store);
      const publisher = new RecordingPublisher();
      const clock = new ManualClock(new Date('2026-11-01T12:00:00Z'));
      const executors = publishing(() => publisher);
      const sweep = sweepDue(
        {
          store,
          clock,
          executors,
          authority: historyAuthority({ store, typeOf: () => undefined, plan: () => [], executors }),
        },
        { maxItems: 1_000, pageSize: 100, reserveMs: 10_000 },
      );
      // Act: runs with plenty of time, then one whose time runs short after 300 items' worth.
      const runs: SweepReport[] = [];
      let budget = 60_000;
      for (let run = 0; run < 30 && publisher.published.length < items; run++) {
        runs.push(run === 2 ? await sweep(() => (budget -= 10_000 / 3)) : await sweep(() => 60_000));
        clock.advance(60_000);
      }
      // Assess
      expect(runs.every((r) => r.handled <= 1_000)).toBe(true);
      // Queries read pages of at most 100: never more pages than items handled allow, plus the empty partitions.
      expect(runs.every((r) => r.queries <= Math.ceil(r.handled / 100) + 16 * 2)).toBe(true);
      expect(runs[2]!).toMatchObject({ partial: true });
      expect(runs[2]!.handled).toBeLessThan(1_000);
      expect(runs.at(-1)!.partial).toBe(false);
      expect(new Set(publisher.keys()).size).toBe(items);
      expect(publisher.published).toHaveLength(items);
      expect(runs.reduce((sum, r) => sum + r.done, 0)).toBe(items);
      expect(await sweep(() => 60_000)).toMatchObject({ handled: 0, lagMs: 0 });
      // Every item was due between 00:01 and 01:40 and the first run came at 12:00: its lag is the most overdue one's.
      const first = Date.parse('2026-11-01T12:00:00Z');
      expect(runs[0]!.lagMs).toBeGreaterThan(first - Date.parse('2026-11-01T01:40:00Z'));
      expect(runs[0]!.lagMs).toBeLessThanOrEqual(first - Date.parse('2026-11-01T00:01:00Z'));
    },
  );
});
