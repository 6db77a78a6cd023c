import { describe, expect, it } from 'vitest';
import { accountType } from '../../shared/domain/subjects/account';
import { auditRunType } from '../../shared/domain/subjects/audit-run';
import { coverageType } from '../../shared/domain/subjects/coverage';
import { delegatedAdminType } from '../../shared/domain/subjects/delegated-admin';
import { handshakeType, type HandshakeData } from '../../shared/domain/subjects/handshake';
import { macieMemberType } from '../../shared/domain/subjects/macie-member';
import { membershipType } from '../../shared/domain/subjects/membership';
import { placementType } from '../../shared/domain/subjects/placement';
import type { SubjectData, SubjectType } from '../../shared/domain/subjects/subject-type';
import { transferType, type TransferData } from '../../shared/domain/subjects/transfer';

/** Whether `type` says an event announces the move `from` → `data.state` in a healthy deployment (absent: never). */
const announced = <D extends SubjectData>(type: SubjectType<D>, from: string | null, data: D): boolean =>
  type.announcedByEvents?.({ from, to: data.state }, data) ?? false;

const handshake = (
  state: HandshakeData['state'],
  action: HandshakeData['action'],
  direction: 'inbound' | 'outbound',
): HandshakeData => ({ id: 'h-12345678', action, state, parties: [], direction });
const transfer = (state: TransferData['state'], direction: 'inbound' | 'outbound'): TransferData => ({
  id: 'rt-12345678',
  state,
  status: 'ACCEPTED',
  direction,
});

describe('announcedByEvents: the changes an event announces in a healthy deployment (what the audit counts as unannounced)', () => {
  it('handshakes: what this organization sends or cancels itself; never the other party’s answer, an expiry, one received', () => {
    // Assess
    expect(announced(handshakeType, null, handshake('OPEN', 'INVITE', 'outbound'))).toBe(true);
    expect(announced(handshakeType, null, handshake('OPEN', 'TRANSFER_RESPONSIBILITY', 'outbound'))).toBe(true);
    expect(announced(handshakeType, 'OPEN', handshake('CANCELED', 'INVITE', 'outbound'))).toBe(true);
    expect(announced(handshakeType, 'OPEN', handshake('ACCEPTED', 'INVITE', 'outbound'))).toBe(false);
    expect(announced(handshakeType, 'OPEN', handshake('DECLINED', 'INVITE', 'outbound'))).toBe(false);
    expect(announced(handshakeType, 'OPEN', handshake('EXPIRED', 'INVITE', 'outbound'))).toBe(false);
    expect(announced(handshakeType, null, handshake('OPEN', 'TRANSFER_RESPONSIBILITY', 'inbound'))).toBe(false);
    expect(announced(handshakeType, 'OPEN', handshake('CANCELED', 'APPROVE_ALL_FEATURES', 'outbound'))).toBe(false);
  });

  it('accounts joining or departing, Security IR memberships: always', () => {
    // Assess
    expect(announced(accountType, null, { id: '222222222222', state: 'JOINED' })).toBe(true);
    expect(announced(accountType, 'JOINED', { id: '222222222222', state: 'DEPARTED' })).toBe(true);
    expect(
      announced(membershipType, 'Active', {
        id: 'm-1234567890',
        state: 'Cancelled',
        coverageMode: 'ALL',
        organizationalUnits: [],
      } as never),
    ).toBe(true);
  });

  it('delegated administrators: every change, but a service first seen with none', () => {
    // Assess
    expect(
      announced(delegatedAdminType, 'NONE', {
        id: 'security-ir.amazonaws.com',
        state: '222222222222',
        accountIds: ['222222222222'],
      }),
    ).toBe(true);
    expect(
      announced(delegatedAdminType, '222222222222', { id: 'security-ir.amazonaws.com', state: 'NONE', accountIds: [] }),
    ).toBe(true);
    expect(
      announced(delegatedAdminType, null, { id: 'security-ir.amazonaws.com', state: 'NONE', accountIds: [] }),
    ).toBe(false);
  });

  it('transfers: an invitation this organization sent, an acceptance, a withdrawal; never what the clock does, a decline or an expiry', () => {
    // Assess
    expect(announced(transferType, null, transfer('PENDING_ACCEPTANCE', 'inbound'))).toBe(true);
    expect(announced(transferType, null, transfer('PENDING_ACCEPTANCE', 'outbound'))).toBe(false);
    expect(announced(transferType, 'PENDING_ACCEPTANCE', transfer('ACCEPTED', 'outbound'))).toBe(true);
    expect(announced(transferType, 'ACTIVE', transfer('ENDING', 'outbound'))).toBe(true);
    expect(announced(transferType, 'ACCEPTED', transfer('ACTIVE', 'inbound'))).toBe(false);
    expect(announced(transferType, 'ENDING', transfer('ENDED', 'inbound'))).toBe(false);
    expect(announced(transferType, 'PENDING_ACCEPTANCE', transfer('DECLINED', 'inbound'))).toBe(false);
    expect(announced(transferType, 'PENDING_ACCEPTANCE', transfer('EXPIRED', 'inbound'))).toBe(false);
  });

  it('Macie members: the administrator’s own calls; never the member’s, a Region disabled, an account suspended', () => {
    // Assess
    const member = (state: string) => ({ region: 'eu-west-1', accountId: '444444444444', state }) as never;
    expect(announced(macieMemberType, null, member('Created'))).toBe(true);
    expect(announced(macieMemberType, 'Removed', member('Invited'))).toBe(true);
    expect(announced(macieMemberType, 'Enabled', member('Removed'))).toBe(true);
    expect(announced(macieMemberType, 'Enabled', member('Deleted'))).toBe(true);
    expect(announced(macieMemberType, 'Invited', member('Enabled'))).toBe(false);
    expect(announced(macieMemberType, 'Enabled', member('Resigned'))).toBe(false);
    expect(announced(macieMemberType, 'Enabled', member('RegionDisabled'))).toBe(false);
    expect(announced(macieMemberType, 'Enabled', member('AccountSuspended'))).toBe(false);
  });

  it('orgwarden’s own bookkeeping (coverage, placement, audit runs): never', () => {
    // Assess
    expect([coverageType, placementType, auditRunType].map((type) => 'announcedByEvents' in type)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
