import { describe, expect, it } from 'vitest';
import { reconcile, type Cause, type Observation, type Snapshot } from '../../shared/domain/snapshot';
import { canHandshakeMove, handshakeStates, isHandshakeClosed } from '../../shared/domain/subjects/handshake';
import { canAccountMove } from '../../shared/domain/subjects/account';

const cause: Cause = { eventId: 'e-1', eventName: 'CancelHandshake', source: 'aws.organizations' };
const move = canHandshakeMove;

const observation = (
  state: string,
  observedAt = '2026-01-02T00:00:00.000Z',
  data: Record<string, unknown> = { id: 'h-1' },
): Observation => ({
  subject: 'handshake:h-1',
  kind: 'handshake',
  state,
  observedAt,
  data: { ...data, state },
});

const stored = (state: string, version = 3, observedAt = '2026-01-01T00:00:00.000Z'): Snapshot => ({
  ...observation(state, observedAt),
  version,
});

describe('reconcile', () => {
  it('records the first observation as version 1 with a transition from nothing', () => {
    // Act
    const result = reconcile(undefined, observation('OPEN'), move, cause);
    // Assess
    expect(result).toMatchObject({
      outcome: 'changed',
      snapshot: { version: 1, state: 'OPEN' },
      transition: { from: null, to: 'OPEN', version: 1, cause },
    });
  });

  it('moves OPEN to CANCELED and bumps the version by one', () => {
    const result = reconcile(stored('OPEN'), observation('CANCELED'), move, cause);
    expect(result).toMatchObject({
      outcome: 'changed',
      snapshot: { version: 4 },
      transition: { from: 'OPEN', to: 'CANCELED', at: '2026-01-02T00:00:00.000Z' },
    });
  });

  it('finds nothing to do when the same state and data are observed again', () => {
    expect(reconcile(stored('OPEN'), observation('OPEN'), move, cause)).toEqual({ outcome: 'unchanged' });
  });

  it('refreshes the snapshot without history when only the data changed', () => {
    const result = reconcile(
      stored('OPEN'),
      observation('OPEN', undefined, { id: 'h-1', expiresAt: 'later' }),
      move,
      cause,
    );
    expect(result).toMatchObject({ outcome: 'refreshed', snapshot: { version: 4 } });
    expect(result).not.toHaveProperty('transition');
  });

  it('ignores an observation older than the stored one', () => {
    const result = reconcile(stored('ACCEPTED', 3, '2026-01-03T00:00:00.000Z'), observation('OPEN'), move, cause);
    expect(result.outcome).toBe('stale');
  });

  it('flags an observation stale by its timestamp alone as older: to be read again, not dropped', () => {
    const result = reconcile(stored('OPEN', 3, '2026-01-03T00:00:00.000Z'), observation('CANCELED'), move, cause);
    expect(result).toMatchObject({ outcome: 'stale', older: true });
  });

  it('orders a reading made after the stored snapshot was read by causality, not by the clocks', () => {
    // The stored one was stamped by a clock 2 s ahead; ours was read after it was stored.
    const result = reconcile(
      stored('OPEN', 3, '2026-01-02T00:00:02.000Z'),
      observation('CANCELED', '2026-01-02T00:00:01.000Z'),
      move,
      cause,
      { readAfterStored: true },
    );
    expect(result).toMatchObject({
      outcome: 'changed',
      snapshot: { version: 4, state: 'CANCELED' },
      transition: { from: 'OPEN', to: 'CANCELED' },
    });
  });

  it('never moves a closed handshake back, however it was read', () => {
    const result = reconcile(stored('CANCELED', 3, '2026-01-03T00:00:00.000Z'), observation('OPEN'), move, cause, {
      readAfterStored: true,
    });
    expect(result).toMatchObject({ outcome: 'stale' });
    expect(result).not.toHaveProperty('older');
  });

  it('never moves a handshake out of a closed state', () => {
    const result = reconcile(stored('ACCEPTED'), observation('OPEN'), move, cause);
    expect(result).toMatchObject({
      outcome: 'stale',
      reason: expect.stringContaining('cannot move from ACCEPTED to OPEN'),
    });
  });

  it('lets an account leave and join again', () => {
    expect(canAccountMove('JOINED', 'DEPARTED')).toBe(true);
    expect(canAccountMove('DEPARTED', 'JOINED')).toBe(true);
    expect(canAccountMove('JOINED', 'JOINED')).toBe(false);
  });
});

describe('handshake state machine', () => {
  it.each([
    ['REQUESTED', 'OPEN', true],
    ['OPEN', 'ACCEPTED', true],
    ['OPEN', 'DECLINED', true],
    ['OPEN', 'CANCELED', true],
    ['OPEN', 'EXPIRED', true],
    ['OPEN', 'REQUESTED', false],
    ['ACCEPTED', 'CANCELED', false],
    ['EXPIRED', 'OPEN', false],
  ] as const)('%s -> %s is %s', (from, to, expected) => {
    expect(canHandshakeMove(from, to)).toBe(expected);
  });

  it('closes an open handshake the API forgot as VANISHED, once: final, never left', () => {
    expect(canHandshakeMove('OPEN', 'VANISHED')).toBe(true);
    expect(canHandshakeMove('REQUESTED', 'VANISHED')).toBe(true);
    expect(canHandshakeMove('VANISHED', 'OPEN')).toBe(false);
    expect(canHandshakeMove('DECLINED', 'VANISHED')).toBe(false);
    expect(isHandshakeClosed('VANISHED')).toBe(true);
  });

  it('has exactly four closed states', () => {
    expect(handshakeStates.filter(isHandshakeClosed)).toEqual(['ACCEPTED', 'DECLINED', 'CANCELED', 'EXPIRED']);
  });
});
