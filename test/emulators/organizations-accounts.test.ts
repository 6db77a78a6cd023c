import {
  AcceptHandshakeCommand,
  AccessDeniedException,
  AccountAlreadyClosedException,
  AccountNotFoundException,
  CloseAccountCommand,
  ConflictException,
  ConstraintViolationException,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  DescribeAccountCommand,
  InviteAccountToOrganizationCommand,
  LeaveOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListRootsCommand,
  MoveAccountCommand,
  RemoveAccountFromOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREATED_ACCOUNT_WAIT_DAYS } from '../../shared/local/emulators/organizations';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

const INVITED = '222222222222';

let harness: OrganizationsHarness;

beforeEach(async () => {
  harness = await startOrganizations();
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

async function createAccount(name: string): Promise<string> {
  const created = await harness
    .client(MANAGEMENT)
    .send(new CreateAccountCommand({ Email: `${name}@example.com`, AccountName: name }));
  const joined = harness.delivered.find(
    (e) =>
      e.detail.eventName === 'CreateAccountResult' &&
      JSON.stringify(e.detail).includes(created.CreateAccountStatus!.Id!),
  );
  return (joined!.detail.serviceEventDetails as { createAccountStatus: { accountId: string } }).createAccountStatus
    .accountId;
}

async function stateOf(accountId: string): Promise<string | undefined> {
  const account = (await harness.client(MANAGEMENT).send(new DescribeAccountCommand({ AccountId: accountId })))
    .Account!;
  expect(account).not.toHaveProperty('Status');
  return account.State;
}

function names(): string[] {
  return harness.delivered.map((e) => `${e['detail-type']}:${String(e.detail.eventName)}`);
}

describe('Organizations emulator: Account.State replaces Account.Status', () => {
  it('returns State and no Status from DescribeAccount, ListAccounts and ListAccountsForParent', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);
    const rootId = (await management.send(new ListRootsCommand({}))).Roots![0]!.Id!;

    // Act
    const described = await management.send(new DescribeAccountCommand({ AccountId: MANAGEMENT }));
    const listed = await management.send(new ListAccountsCommand({}));
    const inRoot = await management.send(new ListAccountsForParentCommand({ ParentId: rootId }));

    // Assess
    for (const account of [described.Account!, ...listed.Accounts!, ...inRoot.Accounts!]) {
      expect(account.State).toBe('ACTIVE');
      expect(account).not.toHaveProperty('Status');
    }
  });
});

describe('Organizations emulator: CloseAccount', () => {
  it('moves the account ACTIVE -> PENDING_CLOSURE -> SUSPENDED, then cleans it out 90 days after the call', async () => {
    // Prepare
    const accountId = await createAccount('doomed');
    harness.delivered.length = 0;

    // Act
    await harness.client(MANAGEMENT, 'orgwarden').send(new CloseAccountCommand({ AccountId: accountId }));
    const right = await stateOf(accountId);
    harness.setNow(new Date(harness.now().getTime() + 5 * 60_000));
    const later = await stateOf(accountId);
    const afterSuspension = names();
    harness.advanceDays(89);
    const before = await stateOf(accountId);
    harness.advanceDays(1);
    await harness.emulator.tick();
    const gone = await errorOf(harness.client(MANAGEMENT).send(new DescribeAccountCommand({ AccountId: accountId })));

    // Assess
    expect(right).toBe('PENDING_CLOSURE');
    expect(later).toBe('SUSPENDED');
    expect(before).toBe('SUSPENDED');
    expect(gone).toBeInstanceOf(AccountNotFoundException);
    expect(afterSuspension).toEqual([
      'AWS API Call via CloudTrail:CloseAccount',
      'AWS Service Event via CloudTrail:CloseAccountResult',
    ]);
    expect(names()).toEqual([...afterSuspension, 'AWS Service Event via CloudTrail:AccountDepartedOrganization']);
    const [call, result, departed] = harness.delivered;
    expect(call!.detail).toMatchObject({
      requestParameters: { accountId },
      responseElements: null,
      userIdentity: { accessKeyId: `ORGWARDEN${MANAGEMENT}` },
    });
    expect(result!.detail).toMatchObject({
      eventType: 'AwsServiceEvent',
      serviceEventDetails: { closeAccountStatus: { accountId, state: 'SUCCEEDED' } },
    });
    expect(result!.time).toBe('2026-03-10T12:05:00Z');
    expect(departed!.detail.serviceEventDetails).toEqual({
      accountId,
      departureMethod: 'CLEANED',
      departureTime: 'Jun 8, 2026 12:00:00 PM',
    });
    expect(departed!.time).toBe('2026-06-08T12:00:00Z');
    expect(harness.emulator.silentChanges).toContainEqual(
      expect.objectContaining({
        kind: 'state-changed',
        subject: `account:${accountId}`,
        at: '2026-03-10T12:05:00.000Z',
      }),
    );
  });

  it('refuses the management account, a member caller, an unknown account and a second request', async () => {
    // Prepare
    const accountId = await createAccount('member');
    const management = harness.client(MANAGEMENT);

    // Act
    const self = await errorOf(management.send(new CloseAccountCommand({ AccountId: MANAGEMENT })));
    const byMember = await errorOf(harness.client(accountId).send(new CloseAccountCommand({ AccountId: accountId })));
    const unknown = await errorOf(management.send(new CloseAccountCommand({ AccountId: '999999999999' })));
    await management.send(new CloseAccountCommand({ AccountId: accountId }));
    const pending = await errorOf(management.send(new CloseAccountCommand({ AccountId: accountId })));
    harness.advanceDays(1);
    const closed = await errorOf(management.send(new CloseAccountCommand({ AccountId: accountId })));

    // Assess
    expect(self).toBeInstanceOf(ConstraintViolationException);
    expect(self).toMatchObject({ Reason: 'CANNOT_CLOSE_MANAGEMENT_ACCOUNT' });
    expect(byMember).toBeInstanceOf(AccessDeniedException);
    expect(unknown).toBeInstanceOf(AccountNotFoundException);
    expect(pending).toBeInstanceOf(ConflictException);
    expect(closed).toBeInstanceOf(AccountAlreadyClosedException);
  });

  it('needs all features', async () => {
    // Prepare
    await harness.stop();
    harness = await startOrganizations(undefined, { featureSet: 'CONSOLIDATED_BILLING' });
    const accountId = await createAccount('member');

    // Act
    const error = await errorOf(harness.client(MANAGEMENT).send(new CloseAccountCommand({ AccountId: accountId })));

    // Assess
    expect(error).toMatchObject({
      name: 'ConstraintViolationException',
      Reason: 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE',
    });
  });
});

describe('Organizations emulator: waiting period of created accounts', () => {
  it('refuses to remove or let go a created account for four days, never an invited one', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);
    const removed = await createAccount('removed');
    const leaving = await createAccount('leaving');
    const invite = await management.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: INVITED, Type: 'ACCOUNT' } }),
    );
    await harness.client(INVITED).send(new AcceptHandshakeCommand({ HandshakeId: invite.Handshake!.Id! }));

    // Act
    const removal = await errorOf(management.send(new RemoveAccountFromOrganizationCommand({ AccountId: removed })));
    const departure = await errorOf(harness.client(leaving).send(new LeaveOrganizationCommand({})));
    await harness.client(INVITED).send(new LeaveOrganizationCommand({}));
    harness.advanceDays(CREATED_ACCOUNT_WAIT_DAYS);
    await management.send(new RemoveAccountFromOrganizationCommand({ AccountId: removed }));
    await harness.client(leaving).send(new LeaveOrganizationCommand({}));

    // Assess
    expect(CREATED_ACCOUNT_WAIT_DAYS).toBe(4);
    for (const error of [removal, departure]) {
      expect(error).toBeInstanceOf(ConstraintViolationException);
      expect(error).toMatchObject({ Reason: 'WAIT_PERIOD_ACTIVE' });
    }
    const accounts = await management.send(new ListAccountsCommand({}));
    expect(accounts.Accounts!.map((a) => a.Id)).toEqual([MANAGEMENT]);
    expect(harness.delivered.filter((e) => e.detail.errorCode).map((e) => e.detail.eventName)).toEqual([
      'RemoveAccountFromOrganization',
    ]);
  });
});

describe('Organizations emulator: records and service events of structure changes', () => {
  it('delivers MoveAccount, RemoveAccountFromOrganization and the departures; LeaveOrganization only as its departure', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);
    const moved = await createAccount('moved');
    const leaver = await createAccount('leaver');
    const rootId = (await management.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const ou = (await management.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' })))
      .OrganizationalUnit!;
    harness.advanceDays(5);
    harness.delivered.length = 0;

    // Act
    await management.send(
      new MoveAccountCommand({ AccountId: moved, SourceParentId: rootId, DestinationParentId: ou.Id! }),
    );
    await management.send(new RemoveAccountFromOrganizationCommand({ AccountId: moved }));
    await harness.client(leaver).send(new LeaveOrganizationCommand({}));

    // Assess
    expect(names()).toEqual([
      'AWS API Call via CloudTrail:MoveAccount',
      'AWS API Call via CloudTrail:RemoveAccountFromOrganization',
      'AWS Service Event via CloudTrail:AccountDepartedOrganization',
      'AWS Service Event via CloudTrail:AccountDepartedOrganization',
    ]);
    expect(harness.delivered[0]!.detail).toMatchObject({
      requestParameters: { accountId: moved, sourceParentId: rootId, destinationParentId: ou.Id },
      responseElements: null,
    });
    expect(harness.delivered.slice(2).map((e) => e.detail.serviceEventDetails)).toMatchObject([
      { accountId: moved, departureMethod: 'REMOVED' },
      { accountId: leaver, departureMethod: 'LEFT' },
    ]);
    expect(harness.emulator.silentChanges).toContainEqual(
      expect.objectContaining({ kind: 'departed', subject: `account:${leaver}` }),
    );
  });
});
