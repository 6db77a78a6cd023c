import { describe, expect, it } from 'vitest';
import { handshakeType, invitedPartyOf, type HandshakeData } from '../../shared/domain/subjects/handshake';
import { lookupKeyOf } from '../../shared/domain/subjects/subject-type';

const invitation = (overrides: Partial<HandshakeData> = {}): HandshakeData => ({
  id: 'h-0123456789',
  action: 'INVITE',
  state: 'OPEN',
  direction: 'outbound',
  parties: [
    { id: 'o-exampleorgid', type: 'ORGANIZATION' },
    { id: 'Someone@Example.com', type: 'EMAIL' },
  ],
  counterparties: [{ id: 'Someone@Example.com', type: 'EMAIL' }],
  ...overrides,
});

describe('the key a join finds the invitation it accepted by (the handshake type`s lookup key)', () => {
  it('is the invitee of a pending or accepted invitation this organization sent, lower-cased', () => {
    expect(invitedPartyOf(invitation())).toBe('someone@example.com');
    expect(invitedPartyOf(invitation({ state: 'REQUESTED' }))).toBe('someone@example.com');
    // A join delivered again finds the invitation it recorded accepted.
    expect(invitedPartyOf(invitation({ state: 'ACCEPTED' }))).toBe('someone@example.com');
    expect(invitedPartyOf(invitation({ counterparties: [{ id: '222222222222', type: 'ACCOUNT' }] }))).toBe(
      '222222222222',
    );
    expect(lookupKeyOf(handshakeType, { data: { ...invitation() } })).toBe('someone@example.com');
  });

  it('is none once the invitation is closed unaccepted, for one received, and for other handshakes', () => {
    for (const state of ['DECLINED', 'CANCELED', 'EXPIRED', 'VANISHED'] as const)
      expect(invitedPartyOf(invitation({ state })), state).toBeUndefined();
    expect(invitedPartyOf(invitation({ direction: 'inbound' }))).toBeUndefined();
    expect(invitedPartyOf(invitation({ action: 'TRANSFER_RESPONSIBILITY' }))).toBeUndefined();
    expect(invitedPartyOf(invitation({ counterparties: [] }))).toBeUndefined();
  });
});
