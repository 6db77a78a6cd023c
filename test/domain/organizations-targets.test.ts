import { describe, expect, it } from 'vitest';
import { MalformedEventError, UnsupportedEventError } from '../../shared/domain/errors';
import type { OrganizationsEvent } from '../../shared/schemas/organizations-event';
import { targetsOf } from '../../shared/use-cases/organizations-targets';

const event = (detail: Partial<OrganizationsEvent['detail']>): OrganizationsEvent =>
  ({
    version: '0',
    id: 'e-1',
    source: 'aws.organizations',
    account: '111111111111',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    'detail-type': 'AWS API Call via CloudTrail',
    detail: { eventSource: 'organizations.amazonaws.com', eventName: 'CancelHandshake', ...detail },
  });

describe('targetsOf', () => {
  it('takes the handshake id from requestParameters', () => {
    expect(targetsOf(event({ requestParameters: { handshakeId: 'h-examplehandshakeid111' } }))).toEqual({ targets: [{ kind: 'handshake', id: 'h-examplehandshakeid111' }] });
  });

  it('takes the handshake id from responseElements when requestParameters is null', () => {
    const found = targetsOf(event({ eventName: 'InviteAccountToOrganization', requestParameters: null, responseElements: { handshake: { id: 'h-abcdef1234' } } }));
    expect(found).toEqual({ targets: [{ kind: 'handshake', id: 'h-abcdef1234' }] });
  });

  it('searches by the invited party when the record carries no handshake id', () => {
    const found = targetsOf(event({ eventName: 'InviteAccountToOrganization', requestParameters: { target: { id: '222222222222', type: 'ACCOUNT' } }, responseElements: null }));
    expect(found).toEqual({ targets: [{ kind: 'handshake-search', action: 'INVITE', partyIds: ['222222222222'] }] });
  });

  it('ignores a failed call: it changed nothing', () => {
    expect(targetsOf(event({ errorCode: 'HandshakeConstraintViolationException', responseElements: null }))).toHaveProperty('ignored');
  });

  it('takes the account id from a service event and looks for the invitation it accepted', () => {
    const found = targetsOf(event({ eventName: 'AccountJoinedOrganization', eventType: 'AwsServiceEvent', serviceEventDetails: { accountJoinedOrganizationDetails: { accountId: '222222222222' } } }));
    expect(found).toEqual({
      targets: [
        { kind: 'account', id: '222222222222' },
        { kind: 'handshake-search', action: 'INVITE', partyIds: ['222222222222'] },
      ],
    });
  });

  it('re-reads only the account when it departs', () => {
    const found = targetsOf(event({ eventName: 'AccountDepartedOrganization', eventType: 'AwsServiceEvent', serviceEventDetails: { accountId: '222222222222', organizationId: 'o-aa111bb222' } }));
    expect(found).toEqual({ targets: [{ kind: 'account', id: '222222222222' }] });
  });

  it('refuses an event name it has no reaction for', () => {
    expect(() => targetsOf(event({ eventName: 'CreateOrganizationalUnit' }))).toThrow(UnsupportedEventError);
  });

  it('refuses a handshake call that names no handshake and cannot be searched', () => {
    expect(() => targetsOf(event({ eventName: 'CancelHandshake', requestParameters: null, responseElements: null }))).toThrow(MalformedEventError);
  });

  it('refuses an account event without an account id', () => {
    expect(() => targetsOf(event({ eventName: 'AccountDepartedOrganization', serviceEventDetails: {} }))).toThrow(MalformedEventError);
  });
});
