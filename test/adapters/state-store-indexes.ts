import { expect, it } from 'vitest';
import { at, entry, journal, run, snapshot, subject, transition, type ContractStore } from './state-store-fixtures';

const processed = (eventId: string, processedAt: string) => ({
  eventId,
  eventName: 'X',
  source: 's',
  processedAt,
  outcomes: {},
});

/**
 * What the sweep, the audit and the inspection rely on of the store's reads: the due index's times,
 * order and pages, the subjects index, the history and journal, the audit runs' conditional moves,
 * and values read back as written (copies, undefined fields left out).
 */
export const describeStoreIndexes = (makeStore: () => Promise<ContractStore>): void => {
  it('lists an entry released for a retry only from its retry time on, and a taken-over entry at its new lease end', async () => {
    // Prepare
    const store = await makeStore();
    await store.commit({
      journal: journal('e-1'),
      snapshot: { next: snapshot(1), expectedVersion: 0 },
      ledger: [entry()],
    });
    await store.settle({
      done: [],
      failed: [],
      released: [{ entry: entry(), dueAt: '2026-11-01T00:04:00.000Z' }],
      created: [],
      forget: [],
    });
    const due = async (upTo: string) =>
      (await Promise.all(store.dueSlices('2026-11-01', upTo).map((p) => store.listDue(p, upTo, 10)))).flatMap(
        (page) => page.items,
      );
    // Act / Assess
    expect(await due('2026-11-01T00:03:59.000Z')).toEqual([]);
    expect(await due('2026-11-01T00:04:00.000Z')).toEqual([
      { kind: 'ledger', id: entry().id, dueAt: '2026-11-01T00:04:00.000Z' },
    ]);
    await store.claimLedger(entry().id, at('2026-11-01T00:04:00.000Z'), '2026-11-01T00:05:00.000Z');
    expect(await due('2026-11-01T00:04:30.000Z')).toEqual([]);
    expect(await due('2026-11-01T00:05:00.000Z')).toEqual([
      { kind: 'ledger', id: entry().id, dueAt: '2026-11-01T00:05:00.000Z' },
    ]);
  });

  it('reads a partition oldest first, page after page, and says a full page has a next one even when nothing follows', async () => {
    // Prepare: 24 entries due over a minute, all of them in the index.
    const store = await makeStore();
    for (let version = 1; version <= 24; version++) {
      await store.commit({
        journal: journal(`e-${version}`),
        snapshot: { next: snapshot(version), expectedVersion: version - 1 },
        ledger: [entry(version, `2026-11-01T00:00:${String(59 - version).padStart(2, '0')}.000Z`)],
      });
    }
    const upTo = '2026-11-01T00:01:00.000Z';
    // Act: each partition read whole, then by pages of its own size.
    for (const partition of store.dueSlices('2026-11-01', upTo)) {
      const whole = await store.listDue(partition, upTo, 100);
      const dueTimes = whole.items.map((item) => item.dueAt);
      // Assess
      expect(dueTimes).toEqual([...dueTimes].sort());
      expect(whole.next).toBeUndefined();
      if (whole.items.length === 0) continue;
      const full = await store.listDue(partition, upTo, whole.items.length);
      expect(full.items).toEqual(whole.items);
      expect(full.next).toBeDefined();
      expect(await store.listDue(partition, upTo, 100, full.next)).toEqual({ items: [] });
    }
  });

  it('moves a subject deadline, and leaves a subject that is not stored alone', async () => {
    const store = await makeStore();
    await store.commit({
      journal: journal('e-1'),
      snapshot: { next: snapshot(1), expectedVersion: 0 },
      ledger: [],
      dueAt: '2026-11-03T00:00:00.000Z',
    });
    expect(await store.earliestDue()).toBe('2026-11-03T00:00:00.000Z');
    await store.setSubjectDue(subject, '2026-11-02T00:00:00.000Z');
    await store.setSubjectDue('account:999999999999', '2026-11-01T00:00:00.000Z');
    expect(await store.earliestDue()).toBe('2026-11-02T00:00:00.000Z');
    expect(await store.getSnapshot('account:999999999999')).toBeUndefined();
    await store.commit({ journal: journal('e-2'), snapshot: { next: snapshot(2), expectedVersion: 1 }, ledger: [] });
    expect(await store.earliestDue()).toBeUndefined();
  });

  it('finds an open subject by its lookup key while its commits give one, and no longer once a commit gives none', async () => {
    // Prepare: two invitations to one invitee, one to another; the snapshot read back carries no index key.
    const store = await makeStore();
    const other = { ...snapshot(1), subject: 'handshake:h-0000000001' };
    const third = { ...snapshot(1), subject: 'handshake:h-0000000002' };
    await store.commit({
      journal: journal('e-1'),
      snapshot: { next: snapshot(1), expectedVersion: 0 },
      ledger: [],
      lookup: '222222222222',
    });
    await store.commit({
      journal: { ...journal('e-1'), subject: other.subject },
      snapshot: { next: other, expectedVersion: 0 },
      ledger: [],
      lookup: '222222222222',
    });
    await store.commit({
      journal: { ...journal('e-1'), subject: third.subject },
      snapshot: { next: third, expectedVersion: 0 },
      ledger: [],
      lookup: 'someone@example.com',
    });
    // Act / Assess
    expect((await store.findSubjects('handshake', '222222222222')).sort()).toEqual([other.subject, subject]);
    expect(await store.findSubjects('handshake', 'someone@example.com')).toEqual([third.subject]);
    expect(await store.findSubjects('transfer', '222222222222')).toEqual([]);
    expect(await store.getSnapshot(subject)).toEqual(snapshot(1));
    // Declined: its commit gives no key, and it leaves the index.
    await store.commit({
      journal: journal('e-2'),
      snapshot: { next: snapshot(2, 'DECLINED'), expectedVersion: 1 },
      ledger: [],
    });
    expect(await store.findSubjects('handshake', '222222222222')).toEqual([other.subject]);
  });

  it('lists the stored subjects of a kind, sorted, with their digest, and says whether any exists', async () => {
    const store = await makeStore();
    await store.commit({ journal: journal('e-1'), snapshot: { next: snapshot(1), expectedVersion: 0 }, ledger: [] });
    const other = { ...snapshot(1), subject: 'handshake:h-0000000001' };
    await store.commit({
      journal: { ...journal('e-1'), subject: other.subject },
      snapshot: { next: other, expectedVersion: 0 },
      ledger: [],
    });
    const listed = await store.listSubjects('handshake');
    expect(listed.map((s) => [s.subject, s.state, s.version])).toEqual([
      ['handshake:h-0000000001', 'OPEN', 1],
      [subject, 'OPEN', 1],
    ]);
    expect(listed[0]!.digest).toMatch(/^[0-9a-f]{16}$/);
    expect(listed[0]!.digest).toBe(listed[1]!.digest);
    expect(await store.hasSubjects('handshake')).toBe(true);
    expect(await store.hasSubjects('transfer')).toBe(false);
    expect(await store.listSubjects('transfer')).toEqual([]);
  });

  it("keeps each version's change with its data, and lists the history oldest first", async () => {
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
    expect(await store.getChange(subject, 2)).toEqual({
      transition: transition(2, 'OPEN', 'ACCEPTED'),
      data: snapshot(2, 'ACCEPTED').data,
    });
    expect(await store.getChange(subject, 3)).toBeUndefined();
    expect(await store.listHistory()).toEqual([transition(1, null, 'OPEN'), transition(2, 'OPEN', 'ACCEPTED')]);
    expect((await store.listSnapshots('handshake:')).map((s) => s.version)).toEqual([2]);
    expect(await store.listSnapshots('account:')).toEqual([]);
  });

  it("keeps the journal: each cause's line per subject, its processed mark, and the marks of a window oldest first", async () => {
    const store = await makeStore();
    await store.markProcessed(processed('e-late', '2026-11-02T12:00:00.000Z'));
    await store.markProcessed(processed('e-early', '2026-11-01T23:00:00.000Z'));
    await store.markProcessed(processed('e-outside', '2026-11-03T00:00:00.001Z'));
    await store.commit({ journal: journal('e-1'), snapshot: { next: snapshot(1), expectedVersion: 0 }, ledger: [] });
    expect(await store.getJournal('e-1', subject)).toEqual(journal('e-1'));
    expect((await store.begin('e-late', [])).processed).toEqual(processed('e-late', '2026-11-02T12:00:00.000Z'));
    expect(
      (await store.listJournal('2026-11-01T00:00:00.000Z', '2026-11-03T00:00:00.000Z')).map((r) => r.eventId),
    ).toEqual(['e-early', 'e-late']);
  });

  it("starts an audit run once, and moves it only from the step, state and holder it expects, or takes it over once its holder's time ran out", async () => {
    const store = await makeStore();
    expect(await store.startAuditRun(run())).toBe('written');
    expect(await store.startAuditRun(run({ holder: 'e-b' }))).toBe('conflict');
    expect(await store.moveAuditRun(run({ step: 1 }), { step: 1, holder: 'e-a' })).toBe('conflict');
    expect(await store.moveAuditRun(run({ step: 1 }), { step: 0, holder: 'e-b' })).toBe('conflict');
    expect(
      await store.moveAuditRun(run({ step: 1, holder: 'e-b' }), {
        step: 0,
        holder: 'e-b',
        takeOverAt: '2026-11-01T00:14:59.000Z',
      }),
    ).toBe('conflict');
    expect(
      await store.moveAuditRun(run({ step: 1, holder: 'e-b', heldUntil: undefined }), {
        step: 0,
        holder: 'e-b',
        takeOverAt: '2026-11-01T00:15:00.000Z',
      }),
    ).toBe('written');
    expect(await store.getAuditRun('run-1')).toEqual(run({ step: 1, holder: 'e-b', heldUntil: undefined }));
    expect(await store.moveAuditRun(run({ step: 2, state: 'COMPLETE' }), { step: 1, holder: 'e-b' })).toBe('written');
    expect(await store.moveAuditRun(run({ step: 3 }), { step: 2, holder: 'e-a' })).toBe('conflict');
    expect(await store.getAuditRun('run-2')).toBeUndefined();
  });

  it('gives back what was written, as a copy, with undefined fields left out', async () => {
    const store = await makeStore();
    const next = {
      ...snapshot(1),
      data: { id: 'h-0123456789', state: 'OPEN', nested: { gone: undefined, kept: [1, 'two'] } },
    };
    await store.commit({ journal: journal('e-1'), snapshot: { next, expectedVersion: 0 }, ledger: [] });
    const read = await store.getSnapshot(subject);
    (read!.data as { state: string }).state = 'MUTATED';
    expect(await store.getSnapshot(subject)).toEqual({
      ...snapshot(1),
      data: { id: 'h-0123456789', state: 'OPEN', nested: { kept: [1, 'two'] } },
    });
    expect(Object.keys(((await store.getSnapshot(subject))!.data as { nested: object }).nested)).toEqual(['kept']);
  });
};
