import { describe, expect, it } from 'vitest';
import { MalformedEventError, UnsupportedEventError } from '../../shared/domain/errors';
import type { OrganizationsEvent } from '../../shared/schemas/organizations-event';
import { maxIdsPerRecord, targetsOf } from '../../shared/use-cases/organizations/handshake-changed';

const event = (detail: Partial<OrganizationsEvent['detail']>): OrganizationsEvent => ({
  version: '0',
  id: 'e-1',
  source: 'aws.organizations',
  account: '111111111111',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  'detail-type': 'AWS API Call via CloudTrail',
  detail: {
    eventSource: 'organizations.amazonaws.com',
    eventName: 'CancelHandshake',
    recipientAccountId: '111111111111',
    ...detail,
  },
});

describe('targetsOf', () => {
  it('takes the handshake id from requestParameters', () => {
    expect(targetsOf(event({ requestParameters: { handshakeId: 'h-examplehandshakeid111' } }))).toEqual({
      subjects: [{ kind: 'handshake', id: 'h-examplehandshakeid111' }],
      searches: [],
    });
  });

  it('takes the handshake id from responseElements when requestParameters is null', () => {
    const found = targetsOf(
      event({
        eventName: 'InviteAccountToOrganization',
        requestParameters: null,
        responseElements: { handshake: { id: 'h-abcdef1234' } },
      }),
    );
    expect(found).toEqual({ subjects: [{ kind: 'handshake', id: 'h-abcdef1234' }], searches: [] });
  });

  it('searches by the invited party when the record carries no handshake id', () => {
    const found = targetsOf(
      event({
        eventName: 'InviteAccountToOrganization',
        requestParameters: { target: { id: '222222222222', type: 'ACCOUNT' } },
        responseElements: null,
      }),
    );
    expect(found).toEqual({ subjects: [], searches: [{ action: 'INVITE', parties: ['222222222222'] }] });
  });

  it('searches every invitation when CloudTrail redacted the party', () => {
    const found = targetsOf(
      event({
        eventName: 'InviteAccountToOrganization',
        requestParameters: { target: { id: '****', type: 'EMAIL' } },
        responseElements: null,
      }),
    );
    expect(found).toEqual({ subjects: [], searches: [{ action: 'INVITE', parties: [] }] });
  });

  it('ignores a failed call: it changed nothing', () => {
    expect(
      targetsOf(event({ errorCode: 'HandshakeConstraintViolationException', responseElements: null })),
    ).toHaveProperty('ignored');
  });

  it('takes the account id from a service event and looks for the invitation it accepted once the account is read', () => {
    const found = targetsOf(
      event({
        eventName: 'AccountJoinedOrganization',
        eventType: 'AwsServiceEvent',
        serviceEventDetails: { accountJoinedOrganizationDetails: { accountId: '222222222222' } },
      }),
    );
    expect(found).toEqual({
      subjects: [
        { kind: 'account', id: '222222222222' },
        { kind: 'placement', id: '222222222222' },
      ],
      searches: [],
      joinedAccount: '222222222222',
    });
  });

  it('re-reads only the account and where it sits when it departs', () => {
    const found = targetsOf(
      event({
        eventName: 'AccountDepartedOrganization',
        eventType: 'AwsServiceEvent',
        serviceEventDetails: { accountId: '222222222222', organizationId: 'o-aa111bb222' },
      }),
    );
    expect(found).toEqual({
      subjects: [
        { kind: 'account', id: '222222222222' },
        { kind: 'placement', id: '222222222222' },
      ],
      searches: [],
    });
  });

  it('re-reads the account and where it sits when it moves: the move is a change of its placement, nothing else', () => {
    const found = targetsOf(
      event({
        eventName: 'MoveAccount',
        requestParameters: {
          accountId: '222222222222',
          sourceParentId: 'r-ab12',
          destinationParentId: 'ou-ab12-cd34ef56',
        },
        responseElements: null,
      }),
    );
    expect(found).toEqual({
      subjects: [
        { kind: 'account', id: '222222222222' },
        { kind: 'placement', id: '222222222222' },
      ],
      searches: [],
    });
  });

  it.each([
    ['managementAccountId', { accountId: '222222222222', managementAccountId: '333333333333' }],
    [
      'the management account under accountId too',
      { accountId: '222222222222', account: { accountId: '111111111111' } },
    ],
    ['a payer in a nested detail', { details: { accountId: '222222222222', payerAccountId: '444444444444' } }],
  ])('takes the member, never %s', (_name, serviceEventDetails) => {
    const found = targetsOf(event({ eventName: 'AccountJoinedOrganization', serviceEventDetails }));
    expect(found).toMatchObject({
      subjects: [
        { kind: 'account', id: '222222222222' },
        { kind: 'placement', id: '222222222222' },
      ],
    });
  });

  it.each(['RegisterDelegatedAdministrator', 'DeregisterDelegatedAdministrator'])(
    're-reads only who administers the service on %s, never the account',
    (eventName) => {
      const found = targetsOf(
        event({
          eventName,
          requestParameters: { accountId: '222222222222', servicePrincipal: 'security-ir.amazonaws.com' },
          responseElements: null,
        }),
      );
      expect(found).toEqual({ subjects: [{ kind: 'delegated-admin', id: 'security-ir.amazonaws.com' }], searches: [] });
    },
  );

  it.each([undefined, '', 'security-ir', 'Security-IR.amazonaws.com', `${'a'.repeat(130)}.amazonaws.com`])(
    'refuses a delegation record whose service principal is %j',
    (servicePrincipal) => {
      expect(() =>
        targetsOf(
          event({
            eventName: 'DeregisterDelegatedAdministrator',
            requestParameters: {
              accountId: '222222222222',
              ...(servicePrincipal === undefined ? {} : { servicePrincipal }),
            },
          }),
        ),
      ).toThrow(MalformedEventError);
    },
  );

  it('refuses a record that names two different member accounts', () => {
    expect(() =>
      targetsOf(
        event({
          eventName: 'AccountJoinedOrganization',
          serviceEventDetails: { accountId: '222222222222', details: { accountId: '333333333333' } },
        }),
      ),
    ).toThrow(MalformedEventError);
  });

  it('reads every id of a transfer service event as mentioned only: the chain names other organizations’ transfers', () => {
    const found = targetsOf(
      event({
        eventName: 'ResponsibilityTransferAccepted',
        eventType: 'AwsServiceEvent',
        serviceEventDetails: {
          responsibilityTransfer: { id: 'rt-ourtransfer01' },
          handshakeId: 'h-ourhandshake1',
          transferChain: [{ id: 'rt-ourtransfer01' }, { id: 'rt-strangerchain01' }],
        },
      }),
    );
    expect(found).toEqual({
      subjects: [],
      mentioned: [
        { kind: 'transfer', id: 'rt-ourtransfer01' },
        { kind: 'transfer', id: 'rt-strangerchain01' },
        { kind: 'handshake', id: 'h-ourhandshake1' },
      ],
      searches: [],
    });
  });

  it('still requires the transfer a call of this organization names to exist', () => {
    expect(
      targetsOf(event({ eventName: 'TerminateResponsibilityTransfer', requestParameters: { id: 'rt-ourtransfer01' } })),
    ).toEqual({ subjects: [{ kind: 'transfer', id: 'rt-ourtransfer01' }], searches: [] });
  });

  it('refuses an event name it has no reaction for', () => {
    expect(() => targetsOf(event({ eventName: 'CreateOrganizationalUnit' }))).toThrow(UnsupportedEventError);
  });

  it('refuses a handshake call that names no handshake and cannot be searched', () => {
    expect(() =>
      targetsOf(event({ eventName: 'CancelHandshake', requestParameters: null, responseElements: null })),
    ).toThrow(MalformedEventError);
  });

  it('refuses an account event without an account id', () => {
    expect(() => targetsOf(event({ eventName: 'AccountDepartedOrganization', serviceEventDetails: {} }))).toThrow(
      MalformedEventError,
    );
  });

  it(`takes at most ${maxIdsPerRecord} ids from one record`, () => {
    const ids = Array.from({ length: maxIdsPerRecord + 1 }, (_, i) => `h-${String(i).padStart(10, '0')}`);
    expect(() => targetsOf(event({ requestParameters: { ids } }))).toThrow(/at most 10/);
  });

  it('walks a record 10,000 levels deep without recursion, and gives up on it as malformed', () => {
    let nested: unknown = { handshakeId: 'h-deepdeep01' };
    for (let i = 0; i < 10_000; i++) nested = { n: nested };
    expect(() => targetsOf(event({ requestParameters: nested as Record<string, unknown> }))).toThrow(
      MalformedEventError,
    );
  });
});
