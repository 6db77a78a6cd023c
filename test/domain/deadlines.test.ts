import { describe, expect, it } from 'vitest';
import {
  deadlinesOf,
  dueAtAfterChange,
  dueAtWith,
  isWarned,
  nextDueAt,
  relatedDeadlinesOf,
  relatedSubjectOf,
  warningDue,
} from '../../shared/domain/deadlines';
import { detailTypes } from '../../shared/domain/detail-types';
import { accountType } from '../../shared/domain/subjects/account';
import { handshakeType } from '../../shared/domain/subjects/handshake';
import { membershipType } from '../../shared/domain/subjects/membership';
import { transferType } from '../../shared/domain/subjects/transfer';
import type { Snapshot } from '../../shared/domain/snapshot';

const leads = ['7d', '1d', '1h'];
const transfer = {
  kind: 'transfer',
  state: 'PENDING_ACCEPTANCE',
  data: { id: 'rt-abcdefgh12', startAt: '2027-01-01T00:00:00.000Z', handshakeId: 'h-abcdefgh12' },
};
const invitation = {
  kind: 'handshake',
  state: 'OPEN',
  data: {
    id: 'h-abcdefgh12',
    action: 'TRANSFER_RESPONSIBILITY',
    expiresAt: '2026-11-20T00:00:00.000Z',
    transferId: 'rt-abcdefgh12',
  },
};

describe('deadlines read from what AWS reports', () => {
  it('takes start - 24 h as a pending transfer’s acceptance deadline when nothing earlier is known', () => {
    expect(deadlinesOf(transferType, transfer)[0]).toEqual({ kind: 'acceptance', at: '2026-12-31T00:00:00.000Z' });
  });

  it('takes its invitation’s own ExpirationTimestamp when that comes first', () => {
    expect(deadlinesOf(transferType, transfer, { invitationExpiresAt: '2026-11-20T00:00:00.000Z' })[0]).toEqual({
      kind: 'acceptance',
      at: '2026-11-20T00:00:00.000Z',
    });
    expect(deadlinesOf(transferType, transfer, { invitationExpiresAt: '2027-02-01T00:00:00.000Z' })[0]).toEqual({
      kind: 'acceptance',
      at: '2026-12-31T00:00:00.000Z',
    });
  });

  it('has a billing invitation’s expiry warned about by its transfer, and looked at on each lead time before it', () => {
    expect(deadlinesOf(handshakeType, invitation)).toEqual([
      { kind: 'expiry', at: '2026-11-20T00:00:00.000Z', warnedBy: 'transfer:rt-abcdefgh12' },
    ]);
    expect(nextDueAt(handshakeType, invitation, leads, new Date('2026-11-02T10:00:00Z'))).toBe(
      '2026-11-13T00:00:00.000Z',
    );
  });

  it('records a stored open handshake the API forgot as VANISHED, a closed one as unchanged, an unknown one as not found', () => {
    const stored = (state: string): Snapshot => ({
      subject: 'handshake:h-abcdefgh12',
      kind: 'handshake',
      state,
      version: 2,
      observedAt: '2026-10-01T00:00:00.000Z',
      data: { ...invitation.data, state },
    });
    expect(handshakeType.whenMissing('h-abcdefgh12', stored('OPEN'))).toEqual({
      record: { ...invitation.data, state: 'VANISHED' },
    });
    expect(handshakeType.whenMissing('h-abcdefgh12', stored('DECLINED'))).toEqual({ unchanged: true });
    expect(handshakeType.whenMissing('h-abcdefgh12', undefined)).toEqual({ notFound: true });
  });
});

describe('each kind declares its deadlines', () => {
  const at = (iso: string) => new Date(iso);

  it('a pending handshake expires at its ExpirationTimestamp; a closed one, or one without it, has none', () => {
    // Prepare
    const invite = {
      kind: 'handshake',
      state: 'OPEN',
      data: { id: 'h-abcdefgh12', action: 'INVITE', expiresAt: '2026-11-20T00:00:00.000Z' },
    };
    // Act & Assess
    expect(deadlinesOf(handshakeType, invite)).toEqual([{ kind: 'expiry', at: '2026-11-20T00:00:00.000Z' }]);
    expect(deadlinesOf(handshakeType, { ...invite, state: 'REQUESTED' })).toHaveLength(1);
    expect(deadlinesOf(handshakeType, { ...invite, state: 'ACCEPTED' })).toEqual([]);
    expect(deadlinesOf(handshakeType, { ...invite, data: { id: 'h-abcdefgh12', action: 'INVITE' } })).toEqual([]);
    expect(handshakeType.deadlines?.warning).toBe(detailTypes.handshakeExpiring);
  });

  it('a pending transfer must be accepted by start - 24 h, or by its invitation’s expiry when that comes first, and starts then (never warned)', () => {
    // Act
    const earlier = deadlinesOf(transferType, transfer, { invitationExpiresAt: '2026-12-30T12:00:00.000Z' });
    // Assess
    expect(earlier).toEqual([
      { kind: 'acceptance', at: '2026-12-30T12:00:00.000Z' },
      { kind: 'start', at: '2027-01-01T00:00:00.000Z', warn: false },
    ]);
    // Later than start - 24 h: start - 24 h holds.
    expect(deadlinesOf(transferType, transfer, { invitationExpiresAt: '2026-12-31T12:00:00.000Z' })[0]?.at).toBe(
      '2026-12-31T00:00:00.000Z',
    );
    expect(transferType.deadlines?.warning).toBe(detailTypes.transferExpiring);
  });

  it('an accepted transfer starts at its start, an ending one ends at its end, other phases have none', () => {
    expect(deadlinesOf(transferType, { ...transfer, state: 'ACCEPTED' })).toEqual([
      { kind: 'start', at: '2027-01-01T00:00:00.000Z' },
    ]);
    expect(
      deadlinesOf(transferType, { state: 'ENDING', data: { id: 'rt-abcdefgh12', endAt: '2027-02-01T00:00:00.000Z' } }),
    ).toEqual([{ kind: 'end', at: '2027-02-01T00:00:00.000Z' }]);
    expect(deadlinesOf(transferType, { ...transfer, state: 'ACTIVE' })).toEqual([]);
    expect(deadlinesOf(transferType, { ...transfer, data: { id: 'rt-abcdefgh12' } })).toEqual([]);
  });

  it('a pending transfer learns its invitation’s expiry from its stored handshake while that is pending', () => {
    // Act
    const related = relatedSubjectOf(transferType, transfer);
    // Assess
    expect(related).toBe('handshake:h-abcdefgh12');
    expect(relatedSubjectOf(transferType, { ...transfer, state: 'ACCEPTED' })).toBeUndefined();
    expect(relatedDeadlinesOf(transferType, invitation)).toEqual({ invitationExpiresAt: '2026-11-20T00:00:00.000Z' });
    expect(relatedDeadlinesOf(transferType, { ...invitation, state: 'DECLINED' })).toEqual({});
    expect(relatedSubjectOf(handshakeType, invitation)).toBeUndefined();
  });

  it('a cancelled membership is re-read at its deactivation time, never warned about; an active one has none', () => {
    // Prepare
    const cancelled = {
      state: 'Cancelled',
      data: { id: 'm-abcdefghij', membershipDeactivationTimestamp: '2026-11-30T00:00:00.000Z' },
    };
    // Act
    const [deactivation] = deadlinesOf(membershipType, cancelled);
    // Assess
    expect(deactivation).toEqual({ kind: 'deactivation', at: '2026-11-30T00:00:00.000Z', warn: false });
    expect(isWarned(deactivation!)).toBe(false);
    expect(warningDue(deactivation!, leads, at('2026-11-29T23:00:00Z'))).toBeUndefined();
    expect(nextDueAt(membershipType, cancelled, leads, at('2026-11-02T10:00:00Z'))).toBe('2026-11-30T00:00:00.000Z');
    expect(deadlinesOf(membershipType, { ...cancelled, state: 'Active' })).toEqual([]);
    expect(membershipType.deadlines?.warning).toBeUndefined();
  });

  it('a kind that declares no deadlines has none, and nothing is due', () => {
    expect(deadlinesOf(accountType, { state: 'JOINED', data: { id: '222222222222' } })).toEqual([]);
    expect(
      nextDueAt(accountType, { state: 'JOINED', data: { id: '222222222222' } }, leads, at('2026-11-02T10:00:00Z')),
    ).toBeUndefined();
    expect(
      dueAtWith(() => undefined, leads)(
        { subject: 'x:1', kind: 'x', state: 'A', version: 1, observedAt: '', data: {} },
        at('2026-11-02T10:00:00Z'),
      ),
    ).toBeUndefined();
  });

  it('warns at the most urgent lead time whose window holds now, and is due now when a change lands inside one', () => {
    // Prepare
    const deadline = { kind: 'expiry', at: '2026-11-20T00:00:00.000Z' } as const;
    const open = { state: 'OPEN', data: { id: 'h-abcdefgh12', action: 'INVITE', expiresAt: deadline.at } };
    // Act & Assess
    expect(warningDue(deadline, leads, at('2026-11-10T00:00:00Z'))).toBeUndefined();
    expect(warningDue(deadline, leads, at('2026-11-14T00:00:00Z'))).toBe('7d');
    expect(warningDue(deadline, leads, at('2026-11-19T23:30:00Z'))).toBe('1h');
    expect(warningDue(deadline, leads, at('2026-11-20T00:00:00Z'))).toBeUndefined();
    expect(dueAtAfterChange(handshakeType, open, leads, at('2026-11-14T00:00:00Z'))).toBe('2026-11-14T00:00:00.000Z');
    expect(dueAtAfterChange(handshakeType, open, leads, at('2026-11-02T00:00:00Z'))).toBe('2026-11-13T00:00:00.000Z');
    // A deadline passed without the state moving: re-read a little later, for a day at most.
    expect(nextDueAt(handshakeType, open, leads, at('2026-11-20T01:00:00Z'))).toBe('2026-11-20T01:10:00.000Z');
    expect(nextDueAt(handshakeType, open, leads, at('2026-11-21T01:00:00Z'))).toBeUndefined();
  });
});
