import { expect, it } from 'vitest';
import { UpstreamRejectedError } from '../../shared/domain/errors';
import { at, entry, journal, snapshot, subject, transition, type ContractStore } from './state-store-fixtures';

const processed = (eventId: string, processedAt: string) => ({
  eventId,
  eventName: 'X',
  source: 's',
  processedAt,
  outcomes: {},
});

/**
 * What the pipeline relies on of the store's writes, beyond the DynamoDB store's first tests: every
 * write all or nothing on a failed condition, a duplicate told from a conflict, the ledger's states.
 */
export const describeStoreRules = (makeStore: () => Promise<ContractStore>): void => {
  it('writes none of a commit whose ledger entry exists already: a conflict, the snapshot, journal and history untouched', async () => {
    // Prepare: v1 committed with its entry; a forged or left-over entry of v2 is in the ledger.
    const store = await makeStore();
    await store.commit({
      journal: journal('e-1'),
      snapshot: { next: snapshot(1), expectedVersion: 0 },
      history: transition(1, null, 'OPEN'),
      ledger: [],
    });
    await store.addEffects([entry(2)]);
    // Act
    const result = await store.commit({
      journal: journal('e-2'),
      snapshot: { next: snapshot(2, 'ACCEPTED'), expectedVersion: 1 },
      history: transition(2, 'OPEN', 'ACCEPTED'),
      ledger: [entry(2)],
    });
    // Assess
    expect(result).toBe('conflict');
    expect(await store.getSnapshot(subject)).toEqual(snapshot(1));
    expect(await store.getJournal('e-2', subject)).toBeUndefined();
    expect(await store.getChange(subject, 2)).toBeUndefined();
  });

  it('reports a duplicate before a conflict, and a first write of a subject stored already as a conflict', async () => {
    const store = await makeStore();
    await store.commit({ journal: journal('e-1'), snapshot: { next: snapshot(1), expectedVersion: 0 }, ledger: [] });
    expect(
      await store.commit({
        journal: journal('e-1'),
        snapshot: { next: snapshot(1, 'DECLINED'), expectedVersion: 0 },
        ledger: [],
      }),
    ).toBe('duplicate');
    expect(
      await store.commit({
        journal: journal('e-2'),
        snapshot: { next: snapshot(1, 'DECLINED'), expectedVersion: 0 },
        ledger: [],
      }),
    ).toBe('conflict');
    expect(
      await store.commit({ journal: journal('e-3'), snapshot: { next: snapshot(3), expectedVersion: 2 }, ledger: [] }),
    ).toBe('conflict');
  });

  it('refuses a settlement whose release finds the entry finished, and writes none of it', async () => {
    // Prepare: two entries; one is done already (another invocation finished it).
    const store = await makeStore();
    const [publish, notify] = [entry(1, undefined, 'publish'), entry(1, undefined, 'notify')];
    await store.commit({
      journal: journal('e-1'),
      snapshot: { next: snapshot(1), expectedVersion: 0 },
      ledger: [publish, notify],
    });
    await store.settle({ done: [notify], failed: [], released: [], created: [], forget: [] });
    // Act
    const settling = store.settle({
      done: [publish],
      failed: [],
      released: [{ entry: notify, dueAt: '2026-11-01T00:05:00.000Z' }],
      created: [],
      forget: [],
      processed: processed('e-1', '2026-11-01T00:00:05.000Z'),
    });
    // Assess
    await expect(settling).rejects.toBeInstanceOf(UpstreamRejectedError);
    expect(await store.getLedger(publish.id)).toMatchObject({ status: 'claimed' });
    expect(await store.getLedger(notify.id)).toMatchObject({ status: 'done' });
    expect(await store.getProcessed('e-1')).toBeUndefined();
    expect((await store.readSubjects([subject])).get(subject)?.pending).toEqual([publish.id]);
  });

  it('refuses a commit of more than 100 items (the limit of a DynamoDB transaction), and writes none of it', async () => {
    const store = await makeStore();
    const many = Array.from({ length: 99 }, (_, i) => entry(1, undefined, `publish:${i}`));
    const tooMany = store.commit({
      journal: journal('e-1'),
      snapshot: { next: snapshot(1), expectedVersion: 0 },
      ledger: many,
    });
    await expect(tooMany).rejects.toBeInstanceOf(UpstreamRejectedError);
    expect(await store.getSnapshot(subject)).toBeUndefined();
    expect(await store.earliestDue()).toBeUndefined();
  });

  it('refuses a settlement that names the subject of a forgotten entry when the subject is not stored', async () => {
    const store = await makeStore();
    await expect(
      store.settle({
        done: [],
        failed: [],
        released: [],
        created: [],
        forget: [{ id: 'x#v1#publish', subject: 'handshake:h-nothing000' }],
      }),
    ).rejects.toBeInstanceOf(UpstreamRejectedError);
  });

  it('returns the follow-ups an earlier attempt created, their payload standing, and writes the others', async () => {
    // Prepare
    const store = await makeStore();
    await store.commit({ journal: journal('e-1'), snapshot: { next: snapshot(1), expectedVersion: 0 }, ledger: [] });
    const first = { ...entry(1, undefined, 'publish:outcome'), payload: { at: 'first' } };
    await store.settle({ done: [], failed: [], released: [], created: [first], forget: [] });
    // Act
    const result = await store.settle({
      done: [],
      failed: [],
      released: [],
      created: [{ ...first, payload: { at: 'second' } }, entry(1, undefined, 'notify')],
      forget: [],
    });
    // Assess
    expect(result).toEqual({ existing: [first.id] });
    expect((await store.getLedger(first.id))?.payload).toEqual({ at: 'first' });
    expect((await store.readSubjects([subject])).get(subject)?.pending).toEqual(
      [entry(1, undefined, 'notify').id, first.id].sort(),
    );
  });

  it('adds effects once: an entry that exists is left as it is, and a missing subject still gets its entry in the due index', async () => {
    const store = await makeStore();
    await store.commit({ journal: journal('e-1'), snapshot: { next: snapshot(1), expectedVersion: 0 }, ledger: [] });
    const warning = entry(1, '2026-11-01T00:00:00.000Z', 'warn');
    expect(await store.addEffects([warning])).toEqual([warning]);
    expect(await store.addEffects([{ ...warning, payload: { changed: true } }])).toEqual([]);
    expect((await store.getLedger(warning.id))?.payload).toEqual({ hello: 'world' });
    expect((await store.readSubjects([subject])).get(subject)?.pending).toEqual([warning.id]);
    const orphan = {
      ...entry(1, '2026-11-01T00:00:00.000Z', 'warn'),
      id: 'account:999999999999#v1#warn',
      subject: 'account:999999999999',
    };
    expect(await store.addEffects([orphan])).toEqual([orphan]);
    expect(await store.getSnapshot('account:999999999999')).toBeUndefined();
    expect(await store.earliestDue()).toBe('2026-11-01T00:00:00.000Z');
  });

  it('says done for an entry that is finished, and keeps a finished entry out of the due index', async () => {
    const store = await makeStore();
    await store.commit({
      journal: journal('e-1'),
      snapshot: { next: snapshot(1), expectedVersion: 0 },
      ledger: [entry()],
    });
    await store.settle({
      done: [{ ...entry(), completedAt: '2026-11-01T00:00:01.000Z' }],
      failed: [],
      released: [],
      created: [],
      forget: [],
    });
    expect(await store.claimLedger(entry().id, at('2026-11-02T00:00:00.000Z'), '2026-11-02T00:00:30.000Z')).toBe(
      'done',
    );
    expect(await store.earliestDue()).toBeUndefined();
  });
};
