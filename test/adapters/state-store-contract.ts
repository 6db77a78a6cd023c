import { describe, expect, it } from 'vitest';
import { dueShards, keys } from '../../shared/adapters/dynamodb/table';
import { at, entry, journal, snapshot, subject, transition, type ContractStore } from './state-store-fixtures';
import { describeStoreIndexes } from './state-store-indexes';
import { describeStoreRules } from './state-store-rules';

/**
 * The behaviours of a `StateStore` (and its inspection and audit run records) that the pipeline, the
 * sweep and the audit rely on. The first nine are the DynamoDB store's tests as they were
 * (test/integration/dynamodb-state-store.test.ts); the others pin what the in-memory store must copy.
 */
export const describeStateStoreContract = (name: string, makeStore: () => Promise<ContractStore>): void => {
  describe(name, () => {
    it('commits a journal line, snapshot, history entry and ledger entry together, and reads them back in one request', async () => {
      // Prepare
      const store = await makeStore();
      // Act
      const result = await store.commit({
        journal: journal('e-1', [entry().id]),
        snapshot: { next: snapshot(1), expectedVersion: 0 },
        history: transition(1, null, 'OPEN'),
        ledger: [entry()],
      });
      const begun = await store.begin('e-1', [subject, 'account:222222222222']);
      // Assess
      expect(result).toBe('committed');
      expect(begun.processed).toBeUndefined();
      expect(begun.subjects.get(subject)).toEqual({
        snapshot: snapshot(1),
        pending: [entry().id],
        journal: journal('e-1', [entry().id]),
      });
      expect(begun.subjects.get('account:222222222222')).toEqual({ pending: [] });
      expect(await store.listHistory(subject)).toEqual([transition(1, null, 'OPEN')]);
      expect(await store.getLedger(entry().id)).toEqual(entry());
    });

    it('reports a duplicate when the cause was already committed for the subject, and writes nothing', async () => {
      const store = await makeStore();
      await store.commit({
        journal: journal('e-1'),
        snapshot: { next: snapshot(1), expectedVersion: 0 },
        history: transition(1, null, 'OPEN'),
        ledger: [],
      });
      expect(
        await store.commit({
          journal: journal('e-1'),
          snapshot: { next: snapshot(2, 'ACCEPTED'), expectedVersion: 1 },
          history: transition(2, 'OPEN', 'ACCEPTED'),
          ledger: [],
        }),
      ).toBe('duplicate');
      expect(await store.getSnapshot(subject)).toEqual(snapshot(1));
      expect(await store.listHistory(subject)).toHaveLength(1);
    });

    it('reports a conflict when the snapshot moved since it was read, and writes nothing', async () => {
      const store = await makeStore();
      await store.commit({
        journal: journal('e-1'),
        snapshot: { next: snapshot(1), expectedVersion: 0 },
        history: transition(1, null, 'OPEN'),
        ledger: [],
      });
      await store.commit({
        journal: journal('e-2'),
        snapshot: { next: snapshot(2, 'ACCEPTED'), expectedVersion: 1 },
        history: transition(2, 'OPEN', 'ACCEPTED'),
        ledger: [],
      });
      expect(
        await store.commit({
          journal: journal('e-3'),
          snapshot: { next: snapshot(2, 'DECLINED'), expectedVersion: 1 },
          history: transition(2, 'OPEN', 'DECLINED'),
          ledger: [],
        }),
      ).toBe('conflict');
      expect((await store.getSnapshot(subject))?.state).toBe('ACCEPTED');
      expect(await store.getJournal('e-3', subject)).toBeUndefined();
    });

    it('lets an entry be taken over only once its lease has run out, by one claimant at a time', async () => {
      const store = await makeStore();
      await store.commit({
        journal: journal('e-1'),
        snapshot: { next: snapshot(1), expectedVersion: 0 },
        ledger: [entry()],
      });
      expect(await store.claimLedger(entry().id, at('2026-11-01T00:00:10.000Z'), '2026-11-01T00:00:40.000Z')).toBe(
        'held',
      );
      const claims = await Promise.all(
        [1, 2, 3].map(() => store.claimLedger(entry().id, at('2026-11-01T00:00:31.000Z'), '2026-11-01T00:01:01.000Z')),
      );
      expect(claims.filter((c) => typeof c === 'object')).toHaveLength(1);
      expect(claims.find((c) => typeof c === 'object')).toEqual({
        claimed: { ...entry(), leaseUntil: '2026-11-01T00:01:01.000Z', attempts: 2 },
      });
      expect(
        await store.claimLedger('nothing#v1#publish', at('2026-11-02T00:00:00.000Z'), '2026-11-02T00:00:30.000Z'),
      ).toBe('missing');
    });

    it('settles effects in one transaction: done, failed with its reason, released for later, and the cause marked processed', async () => {
      // Prepare
      const store = await makeStore();
      const [publish, cancel, notify] = [
        entry(1, undefined, 'publish'),
        entry(1, undefined, 'cancel'),
        entry(1, undefined, 'notify'),
      ];
      await store.commit({
        journal: journal('e-1'),
        snapshot: { next: snapshot(1), expectedVersion: 0 },
        ledger: [publish, cancel, notify],
      });
      // Act
      await store.settle({
        done: [{ ...publish, completedAt: '2026-11-01T00:00:05.000Z' }],
        failed: [{ entry: cancel, failure: { name: 'AccessDeniedException', message: 'no' } }],
        released: [{ entry: notify, dueAt: '2026-11-01T00:02:00.000Z' }],
        created: [],
        forget: [],
        processed: {
          eventId: 'e-1',
          eventName: 'X',
          source: 's',
          processedAt: '2026-11-01T00:00:05.000Z',
          outcomes: { [subject]: 'changed' },
        },
      });
      // Assess
      expect(await store.getLedger(publish.id)).toMatchObject({
        status: 'done',
        completedAt: '2026-11-01T00:00:05.000Z',
      });
      expect(await store.getLedger(cancel.id)).toMatchObject({
        status: 'failed',
        failure: { name: 'AccessDeniedException' },
      });
      expect(await store.getLedger(notify.id)).toMatchObject({
        status: 'claimed',
        leaseUntil: '2026-11-01T00:02:00.000Z',
      });
      expect((await store.begin('e-1', [subject])).subjects.get(subject)?.pending).toEqual([notify.id]);
      expect(await store.getProcessed('e-1')).toMatchObject({ outcomes: { [subject]: 'changed' } });
      expect(await store.claimLedger(notify.id, at('2026-11-01T00:01:59.000Z'), '2026-11-01T00:03:00.000Z')).toBe(
        'held',
      );
      expect(
        await store.claimLedger(notify.id, at('2026-11-01T00:02:00.000Z'), '2026-11-01T00:03:00.000Z'),
      ).toMatchObject({ claimed: { attempts: 2 } });
    });

    it('adds follow-up effects to the subject, and tolerates adding them twice (a retried effect)', async () => {
      const store = await makeStore();
      const first = entry(1);
      await store.commit({
        journal: journal('e-1'),
        snapshot: { next: snapshot(1), expectedVersion: 0 },
        ledger: [first],
      });
      const followUp = entry(1, undefined, 'publish:reaction');
      const settlement = { done: [first], failed: [], released: [], created: [followUp], forget: [] };
      await store.settle(settlement);
      await store.settle(settlement);
      expect((await store.readSubjects([subject])).get(subject)?.pending).toEqual([followUp.id]);
      expect(await store.getLedger(followUp.id)).toMatchObject({ status: 'claimed' });
    });

    it('keeps open entries and subject deadlines in the due index, spread over shards, oldest first, and drops them when done', async () => {
      // Prepare
      const store = await makeStore();
      for (let version = 1; version <= 12; version++) {
        await store.commit({
          journal: journal(`e-${version}`),
          snapshot: { next: snapshot(version), expectedVersion: version - 1 },
          ledger: [entry(version, `2026-11-01T00:00:${String(10 + version).padStart(2, '0')}.000Z`)],
        });
      }
      await store.setSubjectDue(subject, '2026-11-01T00:00:05.000Z');
      // Act
      const partitions = store.dueSlices(undefined, '2026-11-01T00:00:20.000Z');
      const due = (await Promise.all(partitions.map((p) => store.listDue(p, '2026-11-01T00:00:20.000Z', 100)))).flatMap(
        (page) => page.items,
      );
      // Assess
      expect(partitions).toHaveLength(2 * dueShards);
      expect(
        due
          .filter((item) => item.kind === 'ledger')
          .map((item) => item.dueAt)
          .sort(),
      ).toHaveLength(10);
      expect(due.filter((item) => item.kind === 'subject')).toEqual([
        { kind: 'subject', subject, dueAt: '2026-11-01T00:00:05.000Z' },
      ]);
      expect(
        new Set(due.map((item) => (item.kind === 'ledger' ? keys.duePk(keys.ledger(item.id).pk, item.dueAt) : '')))
          .size,
      ).toBeGreaterThan(1);
      expect(await store.earliestDue()).toBe('2026-11-01T00:00:05.000Z');
      await store.settle({
        done: [entry(1, '2026-11-01T00:00:11.000Z')],
        failed: [],
        released: [],
        created: [],
        forget: [],
      });
      await store.setSubjectDue(subject, undefined);
      expect(await store.earliestDue()).toBe('2026-11-01T00:00:12.000Z');
    });

    it('pages through a partition of the due index', async () => {
      const store = await makeStore();
      for (let version = 1; version <= 30; version++) {
        await store.commit({
          journal: journal(`e-${version}`),
          snapshot: { next: snapshot(version), expectedVersion: version - 1 },
          ledger: [entry(version)],
        });
      }
      const seen: string[] = [];
      for (const partition of store.dueSlices('2026-11-01', '2026-11-01T01:00:00.000Z')) {
        let after: string | undefined;
        do {
          const page = await store.listDue(partition, '2026-11-01T01:00:00.000Z', 4, after);
          expect(page.items.length).toBeLessThanOrEqual(4);
          seen.push(...page.items.map((item) => (item.kind === 'ledger' ? item.id : item.subject)));
          after = page.next;
        } while (after);
      }
      expect(new Set(seen).size).toBe(30);
    });

    it('remembers the sweep cursor', async () => {
      const store = await makeStore();
      expect(await store.getSweepCursor()).toBeUndefined();
      await store.setSweepCursor('2026-11-01');
      expect(await store.getSweepCursor()).toBe('2026-11-01');
    });

    describeStoreRules(makeStore);
    describeStoreIndexes(makeStore);
  });
};
