import { describe, expect, it } from 'vitest';
import type { JournalEntry, LedgerEntry } from '../../shared/domain/ledger';
import type { Snapshot, Transition } from '../../shared/domain/snapshot';
import { freshStore } from '../support/table';

const snapshot = (version: number, state = 'OPEN'): Snapshot => ({
  subject: 'handshake:h-0123456789',
  kind: 'handshake',
  state,
  version,
  observedAt: `2026-11-0${version}T00:00:00.000Z`,
  data: { id: 'h-0123456789', state },
});
const journal = (eventId: string): JournalEntry => ({
  eventId,
  subject: 'handshake:h-0123456789',
  outcome: 'changed',
  processedAt: '2026-11-01T00:00:00.000Z',
  eventName: 'InviteAccountToOrganization',
  source: 'aws.organizations',
  ledgerIds: ['handshake:h-0123456789#v1#publish'],
});
const transition = (version: number, from: string | null, to: string): Transition => ({
  subject: 'handshake:h-0123456789',
  from,
  to,
  at: `2026-11-0${version}T00:00:00.000Z`,
  version,
  cause: { eventId: `e-${version}`, eventName: 'X', source: 'aws.organizations' },
});
const ledger = (status: LedgerEntry['status'] = 'claimed', leaseUntil = '2026-11-01T00:00:30.000Z'): LedgerEntry => ({
  id: 'handshake:h-0123456789#v1#publish',
  subject: 'handshake:h-0123456789',
  version: 1,
  action: 'publish',
  payload: { hello: 'world' },
  status,
  leaseUntil,
});

describe('DynamoDbStateStore on DynamoDB Local', () => {
  it('commits a journal line, snapshot, history entry and ledger entry together', async () => {
    // Prepare
    const { store } = await freshStore();
    // Act
    const result = await store.commit({ journal: journal('e-1'), snapshot: { next: snapshot(1), expectedVersion: 0 }, history: transition(1, null, 'OPEN'), ledger: [ledger()] });
    // Assess
    expect(result).toBe('committed');
    expect(await store.getSnapshot('handshake:h-0123456789')).toEqual(snapshot(1));
    expect(await store.listHistory('handshake:h-0123456789')).toEqual([transition(1, null, 'OPEN')]);
    expect(await store.getJournal('e-1', 'handshake:h-0123456789')).toEqual(journal('e-1'));
    expect(await store.getLedger(ledger().id)).toEqual(ledger());
  });

  it('answers duplicate for an event already journaled, and writes nothing else', async () => {
    const { store } = await freshStore();
    await store.commit({ journal: journal('e-1'), snapshot: { next: snapshot(1), expectedVersion: 0 } });
    const again = await store.commit({ journal: journal('e-1'), snapshot: { next: snapshot(2, 'ACCEPTED'), expectedVersion: 1 }, history: transition(2, 'OPEN', 'ACCEPTED') });
    expect(again).toBe('duplicate');
    expect((await store.getSnapshot('handshake:h-0123456789'))?.version).toBe(1);
    expect(await store.listHistory()).toEqual([]);
  });

  it('answers conflict when the stored version moved, and writes nothing', async () => {
    const { store } = await freshStore();
    await store.commit({ journal: journal('e-1'), snapshot: { next: snapshot(1), expectedVersion: 0 } });
    const stale = await store.commit({ journal: journal('e-2'), snapshot: { next: snapshot(1, 'CANCELED'), expectedVersion: 0 }, history: transition(1, null, 'CANCELED') });
    expect(stale).toBe('conflict');
    expect(await store.getJournal('e-2', 'handshake:h-0123456789')).toBeUndefined();
    expect((await store.getSnapshot('handshake:h-0123456789'))?.state).toBe('OPEN');
  });

  it('lets a ledger entry be taken over only after its lease ran out, or once released', async () => {
    const { store } = await freshStore();
    await store.commit({ journal: journal('e-1'), ledger: [ledger()] });
    const id = ledger().id;
    expect(await store.claimLedger(id, new Date('2026-11-01T00:00:10Z'), '2026-11-01T00:00:40.000Z')).toBe(false);
    expect(await store.claimLedger(id, new Date('2026-11-01T00:00:31Z'), '2026-11-01T00:01:01.000Z')).toBe(true);
    await store.releaseLedger(id);
    expect(await store.claimLedger(id, new Date('2026-11-01T00:00:32Z'), '2026-11-01T00:01:02.000Z')).toBe(true);
    await store.completeLedger(id, '2026-11-01T00:00:33.000Z');
    expect((await store.getLedger(id))?.status).toBe('done');
    expect(await store.claimLedger(id, new Date('2026-11-02T00:00:00Z'), '2026-11-02T00:00:30.000Z')).toBe(false);
  });

  it('lists snapshots by subject prefix', async () => {
    const { store } = await freshStore();
    await store.commit({ journal: journal('e-1'), snapshot: { next: snapshot(1), expectedVersion: 0 } });
    await store.commit({
      journal: { ...journal('e-2'), subject: 'account:222222222222' },
      snapshot: { next: { ...snapshot(1, 'JOINED'), subject: 'account:222222222222', kind: 'account' }, expectedVersion: 0 },
    });
    expect((await store.listSnapshots('account:')).map((s) => s.subject)).toEqual(['account:222222222222']);
    expect(await store.listSnapshots()).toHaveLength(2);
  });
});
