import {
  AcceptHandshakeCommand,
  AccessDeniedException,
  AWSOrganizationsNotInUseException,
  ConstraintViolationException,
  CreateAccountCommand,
  DescribeHandshakeCommand,
  InviteAccountToOrganizationCommand,
  ListAccountsCommand,
  ListHandshakesForAccountCommand,
  ListHandshakesForOrganizationCommand,
  MasterCannotLeaveOrganizationException,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

/** The management account of another organization (not emulated). */
const RIVAL = '777777777777';
const MEMBER = '222222222222';
const STRANGER = '888888888888';

let harness: OrganizationsHarness;

beforeEach(async () => {
  harness = await startOrganizations();
  harness.emulator.registerOutsideAccount({ id: RIVAL, email: 'root@rival.example', managesOrganization: true });
  const invite = await harness
    .client(MANAGEMENT)
    .send(new InviteAccountToOrganizationCommand({ Target: { Id: MEMBER, Type: 'ACCOUNT' } }));
  await harness.client(MEMBER).send(new AcceptHandshakeCommand({ HandshakeId: invite.Handshake!.Id! }));
  harness.delivered.length = 0;
});

afterEach(async () => {
  expect(harness.emulator.responseViolations).toEqual([]);
  await harness.stop();
});

async function errorOf(request: Promise<unknown>): Promise<unknown> {
  return request.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function rivalInvites(accountId: string): Promise<string> {
  return (
    await harness
      .client(RIVAL)
      .send(new InviteAccountToOrganizationCommand({ Target: { Id: accountId, Type: 'ACCOUNT' } }))
  ).Handshake!.Id!;
}

describe("Organizations emulator: a member accepts another organization's invitation directly", () => {
  it("leaves with AccountDepartedOrganization (LEFT), no LeaveOrganization or RemoveAccountFromOrganization record, no record of the other organization's calls", async () => {
    // Act
    const handshakeId = await rivalInvites(MEMBER);
    const received = await harness.client(MEMBER).send(new ListHandshakesForAccountCommand({}));
    const ours = await harness.client(MANAGEMENT).send(new ListHandshakesForOrganizationCommand({}));
    const accepted = await harness.client(MEMBER).send(new AcceptHandshakeCommand({ HandshakeId: handshakeId }));
    const accounts = await harness.client(MANAGEMENT).send(new ListAccountsCommand({}));
    const byRival = await harness.client(RIVAL).send(new DescribeHandshakeCommand({ HandshakeId: handshakeId }));

    // Assess
    expect(received.Handshakes!.map((h) => h.Id)).toContain(handshakeId);
    expect(ours.Handshakes!.map((h) => h.Id)).not.toContain(handshakeId);
    expect(accepted.Handshake!.Arn).toMatch(
      new RegExp(`^arn:aws:organizations::${RIVAL}:handshake/o-[a-z0-9]{10}/invite/${handshakeId}$`),
    );
    expect(accepted.Handshake!.Resources![0]!.Resources).toContainEqual({
      Type: 'MASTER_EMAIL',
      Value: 'root@rival.example',
    });
    expect(accounts.Accounts!.map((a) => a.Id)).toEqual([MANAGEMENT]);
    expect(byRival.Handshake!.State).toBe('ACCEPTED');
    expect(harness.delivered.map((e) => `${e['detail-type']}:${String(e.detail.eventName)}`)).toEqual([
      'AWS Service Event via CloudTrail:AccountDepartedOrganization',
    ]);
    expect(harness.delivered[0]!.detail.serviceEventDetails).toMatchObject({
      accountId: MEMBER,
      departureMethod: 'LEFT',
    });
    expect(harness.emulator.silentChanges).toContainEqual(
      expect.objectContaining({ kind: 'departed', subject: `account:${MEMBER}` }),
    );
  });

  it('lets the emulated organization invite the account back once it belongs to the other one', async () => {
    // Prepare
    await harness.client(MEMBER).send(new AcceptHandshakeCommand({ HandshakeId: await rivalInvites(MEMBER) }));

    // Act
    const back = await harness
      .client(MANAGEMENT)
      .send(new InviteAccountToOrganizationCommand({ Target: { Id: MEMBER, Type: 'ACCOUNT' } }));
    await harness.client(MEMBER).send(new AcceptHandshakeCommand({ HandshakeId: back.Handshake!.Id! }));
    const accounts = await harness.client(MANAGEMENT).send(new ListAccountsCommand({}));

    // Assess
    expect(accounts.Accounts!.map((a) => a.Id)).toEqual([MANAGEMENT, MEMBER]);
  });

  it('applies the rules of leaving: waiting period, delegated administrator, management account', async () => {
    // Prepare
    await harness.client(MANAGEMENT).send(new CreateAccountCommand({ Email: 'new@example.com', AccountName: 'new' }));
    const created = (
      harness.delivered.find((e) => e.detail.eventName === 'CreateAccountResult')!.detail.serviceEventDetails as {
        createAccountStatus: { accountId: string };
      }
    ).createAccountStatus.accountId;
    await harness
      .client(MANAGEMENT)
      .send(
        new RegisterDelegatedAdministratorCommand({ AccountId: MEMBER, ServicePrincipal: 'security-ir.amazonaws.com' }),
      );

    // Act
    const waiting = await errorOf(
      harness.client(created).send(new AcceptHandshakeCommand({ HandshakeId: await rivalInvites(created) })),
    );
    const admin = await errorOf(
      harness.client(MEMBER).send(new AcceptHandshakeCommand({ HandshakeId: await rivalInvites(MEMBER) })),
    );
    const management = await errorOf(
      harness.client(MANAGEMENT).send(new AcceptHandshakeCommand({ HandshakeId: await rivalInvites(MANAGEMENT) })),
    );

    // Assess
    expect(waiting).toBeInstanceOf(ConstraintViolationException);
    expect(waiting).toMatchObject({ Reason: 'WAIT_PERIOD_ACTIVE' });
    expect(admin).toMatchObject({
      name: 'ConstraintViolationException',
      Reason: 'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG',
    });
    expect(management).toBeInstanceOf(MasterCannotLeaveOrganizationException);
  });

  it('lets only a management account send invitations', async () => {
    // Act
    const stranger = await errorOf(
      harness
        .client(STRANGER)
        .send(new InviteAccountToOrganizationCommand({ Target: { Id: MEMBER, Type: 'ACCOUNT' } })),
    );
    const member = await errorOf(
      harness
        .client(MEMBER)
        .send(new InviteAccountToOrganizationCommand({ Target: { Id: STRANGER, Type: 'ACCOUNT' } })),
    );

    // Assess
    expect(stranger).toBeInstanceOf(AWSOrganizationsNotInUseException);
    expect(member).toBeInstanceOf(AccessDeniedException);
  });
});
