import { describe, expect, it } from 'vitest';
import { deadlinesOf, nextDueAt } from '../../shared/domain/deadlines';
import { handshakeType } from '../../shared/domain/subjects/handshake';
import { transferType } from '../../shared/domain/subjects/transfer';
import type { Snapshot } from '../../shared/domain/snapshot';

const leads = ['7d', '1d', '1h'];
const transfer = { kind: 'transfer', state: 'PENDING_ACCEPTANCE', data: { id: 'rt-abcdefgh12', startAt: '2027-01-01T00:00:00.000Z', handshakeId: 'h-abcdefgh12' } };
const invitation = { kind: 'handshake', state: 'OPEN', data: { id: 'h-abcdefgh12', action: 'TRANSFER_RESPONSIBILITY', expiresAt: '2026-11-20T00:00:00.000Z', transferId: 'rt-abcdefgh12' } };

describe('deadlines read from what AWS reports', () => {
  it('takes start - 24 h as a pending transfer’s acceptance deadline when nothing earlier is known', () => {
    expect(deadlinesOf(transferType, transfer)[0]).toEqual({ kind: 'acceptance', at: '2026-12-31T00:00:00.000Z' });
  });

  it('takes its invitation’s own ExpirationTimestamp when that comes first', () => {
    expect(deadlinesOf(transferType, transfer, { invitationExpiresAt: '2026-11-20T00:00:00.000Z' })[0]).toEqual({ kind: 'acceptance', at: '2026-11-20T00:00:00.000Z' });
    expect(deadlinesOf(transferType, transfer, { invitationExpiresAt: '2027-02-01T00:00:00.000Z' })[0]).toEqual({ kind: 'acceptance', at: '2026-12-31T00:00:00.000Z' });
  });

  it('has a billing invitation’s expiry warned about by its transfer, and looked at on each lead time before it', () => {
    expect(deadlinesOf(handshakeType, invitation)).toEqual([{ kind: 'expiry', at: '2026-11-20T00:00:00.000Z', warnedBy: 'transfer:rt-abcdefgh12' }]);
    expect(nextDueAt(handshakeType, invitation, leads, new Date('2026-11-02T10:00:00Z'))).toBe('2026-11-13T00:00:00.000Z');
  });

  it('records a stored open handshake the API forgot as VANISHED, a closed one as unchanged, an unknown one as not found', () => {
    const stored = (state: string): Snapshot => ({ subject: 'handshake:h-abcdefgh12', kind: 'handshake', state, version: 2, observedAt: '2026-10-01T00:00:00.000Z', data: { ...invitation.data, state } });
    expect(handshakeType.whenMissing('h-abcdefgh12', stored('OPEN'))).toEqual({ record: { ...invitation.data, state: 'VANISHED' } });
    expect(handshakeType.whenMissing('h-abcdefgh12', stored('DECLINED'))).toEqual({ unchanged: true });
    expect(handshakeType.whenMissing('h-abcdefgh12', undefined)).toEqual({ notFound: true });
  });
});
