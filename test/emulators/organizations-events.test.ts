import {
  AcceptHandshakeCommand,
  CancelHandshakeCommand,
  CreateAccountCommand,
  DeclineHandshakeCommand,
  DescribeHandshakeCommand,
  DescribeOrganizationCommand,
  InviteAccountToOrganizationCommand,
  LeaveOrganizationCommand,
  ListAccountsCommand,
  ListHandshakesForOrganizationCommand,
  RemoveAccountFromOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED, type EmulatedEvent } from '../../shared/local/emulators/organizations';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

const ALICE = '222222222222';
const BOB = '333333333333';
const CLOUDTRAIL_DATE = /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)$/;

let harness: OrganizationsHarness;

beforeEach(async () => {
  harness = await startOrganizations();
});

afterEach(async () => {
  expect(harness.emulator.responseViolations).toEqual([]);
  await harness.stop();
});

function names(events: EmulatedEvent[]): string[] {
  return events.map((event) => `${event['detail-type']}:${String(event.detail.eventName)}`);
}

describe("Organizations emulator: events on the management account's default bus", () => {
  it("delivers the management account's own calls and the join, never the invitee's AcceptHandshake", async () => {
    // Prepare
    const orgwarden = harness.client(MANAGEMENT, 'orgwarden');

    // Act
    const toAlice = await orgwarden.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: ALICE, Type: 'ACCOUNT' }, Notes: 'join us' }),
    );
    await harness.client(ALICE).send(new AcceptHandshakeCommand({ HandshakeId: toAlice.Handshake!.Id! }));
    const toBob = await orgwarden.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: BOB, Type: 'ACCOUNT' } }),
    );
    await orgwarden.send(new CancelHandshakeCommand({ HandshakeId: toBob.Handshake!.Id! }));

    // Assess
    expect(names(harness.delivered)).toEqual([
      'AWS API Call via CloudTrail:InviteAccountToOrganization',
      'AWS Service Event via CloudTrail:AccountJoinedOrganization',
      'AWS API Call via CloudTrail:InviteAccountToOrganization',
      'AWS API Call via CloudTrail:CancelHandshake',
    ]);
    expect(harness.delivered).toEqual(harness.emulator.events);
    const [invite, joined, , cancel] = harness.delivered;
    expect(invite).toMatchObject({
      version: '0',
      source: 'aws.organizations',
      account: MANAGEMENT,
      region: 'us-east-1',
      time: '2026-03-10T12:00:00Z',
      resources: [],
      detail: {
        eventVersion: '1.08',
        userIdentity: { type: 'IAMUser', accountId: MANAGEMENT, accessKeyId: `ORGWARDEN${MANAGEMENT}` },
        eventTime: '2026-03-10T12:00:00Z',
        eventSource: 'organizations.amazonaws.com',
        awsRegion: 'us-east-1',
        requestParameters: { target: { type: 'ACCOUNT', id: ALICE }, notes: REDACTED },
        responseElements: {
          handshake: {
            id: toAlice.Handshake!.Id,
            state: 'OPEN',
            action: 'invite',
            arn: toAlice.Handshake!.Arn,
            parties: [
              { type: 'ORGANIZATION', id: harness.emulator.organizationId },
              { type: 'ACCOUNT', id: ALICE },
            ],
          },
        },
        readOnly: false,
        eventType: 'AwsApiCall',
        managementEvent: true,
        recipientAccountId: MANAGEMENT,
        eventCategory: 'Management',
      },
    });
    const handshake = (invite!.detail.responseElements as { handshake: Record<string, unknown> }).handshake;
    expect(handshake.requestedTimestamp).toBe('Mar 10, 2026 12:00:00 PM');
    expect(handshake.expirationTimestamp).toBe('Mar 25, 2026 12:00:00 PM');
    expect(handshake.resources).toContainEqual({ type: 'NOTES', value: REDACTED });
    expect(joined!.detail).toMatchObject({
      eventType: 'AwsServiceEvent',
      userIdentity: { accountId: MANAGEMENT, invokedBy: 'AWS Internal' },
      requestParameters: null,
      responseElements: null,
      serviceEventDetails: { accountId: ALICE, joinedMethod: 'INVITED', joinedTime: 'Mar 10, 2026 12:00:00 PM' },
    });
    expect(cancel!.detail).toMatchObject({
      requestParameters: { handshakeId: toBob.Handshake!.Id },
      responseElements: { handshake: { state: 'CANCELED' } },
    });
  });

  it('delivers a failed management call with errorCode, errorMessage and null responseElements', async () => {
    // Act
    await harness
      .client(MANAGEMENT)
      .send(new CancelHandshakeCommand({ HandshakeId: 'h-0000000000' }))
      .catch(() => undefined);
    await harness
      .client(MANAGEMENT)
      .send(new CancelHandshakeCommand({ HandshakeId: 'h-BAD' }))
      .catch(() => undefined);

    // Assess
    expect(harness.delivered.map((event) => event.detail)).toMatchObject([
      {
        eventName: 'CancelHandshake',
        errorCode: 'HandshakeNotFoundException',
        errorMessage: expect.any(String),
        responseElements: null,
      },
      { eventName: 'CancelHandshake', errorCode: 'InvalidInputException', requestParameters: { handshakeId: 'h-BAD' } },
    ]);
  });

  it('delivers nothing for read-only calls, for calls of other accounts, or when a handshake expires', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);
    const invite = await management.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: ALICE, Type: 'ACCOUNT' } }),
    );
    const afterInvite = harness.delivered.length;

    // Act
    await management.send(new DescribeOrganizationCommand({}));
    await management.send(new ListAccountsCommand({}));
    await management.send(new DescribeHandshakeCommand({ HandshakeId: invite.Handshake!.Id! }));
    await harness.client(ALICE).send(new DeclineHandshakeCommand({ HandshakeId: invite.Handshake!.Id! }));
    const second = await management.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: BOB, Type: 'ACCOUNT' } }),
    );
    const afterSecond = harness.delivered.length;
    harness.advanceDays(20);
    await management.send(new ListHandshakesForOrganizationCommand({}));

    // Assess
    expect(afterInvite).toBe(1);
    expect(afterSecond).toBe(2);
    expect(harness.delivered).toHaveLength(2);
    expect(
      (await management.send(new DescribeHandshakeCommand({ HandshakeId: second.Handshake!.Id! }))).Handshake!.State,
    ).toBe('EXPIRED');
  });

  it('delivers CreateAccount, CreateAccountResult and AccountJoinedOrganization for a created account', async () => {
    // Act
    const created = await harness
      .client(MANAGEMENT)
      .send(new CreateAccountCommand({ Email: 'dev@example.com', AccountName: 'dev' }));

    // Assess
    expect(names(harness.delivered)).toEqual([
      'AWS API Call via CloudTrail:CreateAccount',
      'AWS Service Event via CloudTrail:CreateAccountResult',
      'AWS Service Event via CloudTrail:AccountJoinedOrganization',
    ]);
    const [call, result, joined] = harness.delivered.map((event) => event.detail);
    expect(call).toMatchObject({
      requestParameters: { email: REDACTED, accountName: REDACTED },
      responseElements: {
        createAccountStatus: { id: created.CreateAccountStatus!.Id, state: 'IN_PROGRESS', accountName: REDACTED },
      },
    });
    const status = (result!.serviceEventDetails as { createAccountStatus: Record<string, unknown> })
      .createAccountStatus;
    expect(status).toMatchObject({
      id: created.CreateAccountStatus!.Id,
      state: 'SUCCEEDED',
      accountName: REDACTED,
      accountId: expect.stringMatching(/^\d{12}$/),
    });
    expect(status.completedTimestamp).toMatch(CLOUDTRAIL_DATE);
    expect(joined!.serviceEventDetails).toMatchObject({ accountId: status.accountId, joinedMethod: 'CREATED' });
  });

  it('delivers AccountDepartedOrganization for a removal (with the call) and for a member leaving (without its call)', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);
    for (const id of [ALICE, BOB]) {
      const invite = await management.send(
        new InviteAccountToOrganizationCommand({ Target: { Id: id, Type: 'ACCOUNT' } }),
      );
      await harness.client(id).send(new AcceptHandshakeCommand({ HandshakeId: invite.Handshake!.Id! }));
    }
    harness.delivered.length = 0;

    // Act
    await management.send(new RemoveAccountFromOrganizationCommand({ AccountId: ALICE }));
    await harness.client(BOB).send(new LeaveOrganizationCommand({}));

    // Assess
    expect(names(harness.delivered)).toEqual([
      'AWS API Call via CloudTrail:RemoveAccountFromOrganization',
      'AWS Service Event via CloudTrail:AccountDepartedOrganization',
      'AWS Service Event via CloudTrail:AccountDepartedOrganization',
    ]);
    expect(harness.delivered[0]!.detail).toMatchObject({
      requestParameters: { accountId: ALICE },
      responseElements: null,
    });
    expect(harness.delivered.slice(1).map((event) => event.detail.serviceEventDetails)).toMatchObject([
      { accountId: ALICE, departureMethod: 'REMOVED', departureTime: expect.stringMatching(CLOUDTRAIL_DATE) },
      { accountId: BOB, departureMethod: 'LEFT' },
    ]);
  });
});
