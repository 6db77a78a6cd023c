import { describe, expect, it } from 'vitest';
import { policySchema } from '../../shared/domain/policy/policy';
import { untrustedInHandshake, untrustedInTransfer } from '../../shared/domain/policy/trust';
import type { HandshakeData } from '../../shared/domain/subjects/handshake';
import type { TransferData } from '../../shared/domain/subjects/transfer';

const policy = policySchema.parse({
  version: 1,
  trust: {
    invitations: {
      sent: { accounts: ['222222222222'], emailDomains: ['example.com'] },
      received: { organizations: ['o-trustedorg01'] },
    },
    billingTransfers: { payers: { accounts: ['333333333333'] }, payees: { accounts: ['555555555555'] } },
  },
  reactions: { untrustedInvitation: 'enforce', untrustedTransfer: 'notify' },
});

const handshake = (
  action: string,
  direction: 'inbound' | 'outbound',
  counterparties: HandshakeData['parties'],
): HandshakeData => ({
  id: 'h-abcdefgh12',
  action,
  state: 'OPEN',
  parties: counterparties,
  direction,
  counterparties,
});

const transfer = (
  direction: 'inbound' | 'outbound',
  sourceAccountId: string,
  targetAccountId: string,
): TransferData => ({
  id: 'rt-abcdefgh12',
  state: 'ACCEPTED',
  status: 'ACCEPTED',
  direction,
  sourceAccountId,
  targetAccountId,
});

describe('which parties the policy trusts', () => {
  it('finds an untrusted invitee of an invitation sent, with the reaction and mode that govern it', () => {
    // Act
    const finding = untrustedInHandshake(
      policy,
      handshake('INVITE', 'outbound', [{ id: '444444444444', type: 'ACCOUNT' }]),
    );
    // Assess
    expect(finding).toEqual({
      relationship: 'invitation-sent',
      parties: [{ id: '444444444444', type: 'ACCOUNT' }],
      reaction: 'untrustedInvitation',
      mode: 'enforce',
    });
  });

  it('trusts a party listed in any of its forms: an account, an email in a trusted domain or a subdomain', () => {
    expect(
      untrustedInHandshake(policy, handshake('INVITE', 'outbound', [{ id: '222222222222', type: 'ACCOUNT' }])),
    ).toBeUndefined();
    expect(
      untrustedInHandshake(policy, handshake('INVITE', 'outbound', [{ id: 'Ops@Team.Example.com', type: 'EMAIL' }])),
    ).toBeUndefined();
    const both = [
      { id: '444444444444', type: 'ACCOUNT' },
      { id: 'ops@example.com', type: 'EMAIL' },
    ];
    expect(untrustedInHandshake(policy, handshake('INVITE', 'outbound', both))).toBeUndefined();
  });

  it('judges an invitation received against the received list (an organization), not the sent one', () => {
    const trusted = handshake('INVITE', 'inbound', [{ id: 'o-trustedorg01', type: 'ORGANIZATION' }]);
    const sentTrustOnly = handshake('INVITE', 'inbound', [{ id: '222222222222', type: 'ACCOUNT' }]);
    expect(untrustedInHandshake(policy, trusted)).toBeUndefined();
    expect(untrustedInHandshake(policy, sentTrustOnly)).toMatchObject({
      relationship: 'invitation-received',
      mode: 'enforce',
    });
  });

  it('judges a billing-transfer invitation as payee (sent) or payer (received) under untrustedTransfer', () => {
    const sent = handshake('TRANSFER_RESPONSIBILITY', 'outbound', [{ id: '666666666666', type: 'ACCOUNT' }]);
    const received = handshake('TRANSFER_RESPONSIBILITY', 'inbound', [{ id: '333333333333', type: 'ACCOUNT' }]);
    expect(untrustedInHandshake(policy, sent)).toMatchObject({
      relationship: 'billing-payee',
      reaction: 'untrustedTransfer',
      mode: 'notify',
    });
    expect(untrustedInHandshake(policy, received)).toBeUndefined();
  });

  it('finds no outside party in other handshakes, nor in one without counterparties', () => {
    expect(
      untrustedInHandshake(
        policy,
        handshake('ENABLE_ALL_FEATURES', 'outbound', [{ id: '444444444444', type: 'ACCOUNT' }]),
      ),
    ).toBeUndefined();
    expect(untrustedInHandshake(policy, handshake('INVITE', 'outbound', []))).toBeUndefined();
  });

  it('judges a transfer by the other organization’s management account, as payee or payer', () => {
    expect(untrustedInTransfer(policy, transfer('inbound', '777777777777', '111111111111'))).toEqual({
      relationship: 'billing-payee',
      parties: [{ id: '777777777777', type: 'ACCOUNT' }],
      reaction: 'untrustedTransfer',
      mode: 'notify',
    });
    expect(untrustedInTransfer(policy, transfer('inbound', '555555555555', '111111111111'))).toBeUndefined();
    expect(untrustedInTransfer(policy, transfer('outbound', '111111111111', '333333333333'))).toBeUndefined();
    expect(untrustedInTransfer(policy, transfer('outbound', '111111111111', '777777777777'))).toMatchObject({
      relationship: 'billing-payer',
    });
  });
});
