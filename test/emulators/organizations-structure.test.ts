import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DescribeOrganizationCommand,
  LeaveOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  MoveAccountCommand,
  paginateListAccounts,
  RemoveAccountFromOrganizationCommand,
  type Account,
} from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

let harness: OrganizationsHarness;

beforeEach(async () => {
  harness = await startOrganizations();
});

afterEach(async () => {
  // Every response the emulator produced must have matched the official model.
  expect(harness.emulator.responseViolations).toEqual([]);
  await harness.stop();
});

async function createAccount(name: string): Promise<string> {
  const management = harness.client(MANAGEMENT);
  const created = await management.send(new CreateAccountCommand({ Email: `${name}@example.com`, AccountName: name }));
  const status = await management.send(
    new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus!.Id! }),
  );
  return status.CreateAccountStatus!.AccountId!;
}

describe('Organizations emulator: organization structure', () => {
  it('starts as an organization with all features holding only its management account', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);

    // Act
    const organization = await management.send(new DescribeOrganizationCommand({}));
    const roots = await management.send(new ListRootsCommand({}));
    const accounts = await management.send(new ListAccountsCommand({}));

    // Assess
    expect(organization.Organization).toMatchObject({
      Id: harness.emulator.organizationId,
      FeatureSet: 'ALL',
      MasterAccountId: MANAGEMENT,
    });
    expect(organization.Organization!.Arn).toBe(
      `arn:aws:organizations::${MANAGEMENT}:organization/${harness.emulator.organizationId}`,
    );
    expect(roots.Roots).toHaveLength(1);
    expect(roots.Roots![0]!.Id).toMatch(/^r-[0-9a-z]{4,32}$/);
    expect(accounts.Accounts!.map((a) => a.Id)).toEqual([MANAGEMENT]);
  });

  it('creates an account: IN_PROGRESS on the call, SUCCEEDED right after, a CREATED member in the root', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);

    // Act
    const created = await management.send(new CreateAccountCommand({ Email: 'dev@example.com', AccountName: 'dev' }));
    const status = await management.send(
      new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus!.Id! }),
    );
    const account = await management.send(
      new DescribeAccountCommand({ AccountId: status.CreateAccountStatus!.AccountId! }),
    );

    // Assess
    expect(created.CreateAccountStatus).toMatchObject({ State: 'IN_PROGRESS', AccountName: 'dev' });
    expect(created.CreateAccountStatus!.Id).toMatch(/^car-[a-z0-9]{8,32}$/);
    expect(status.CreateAccountStatus).toMatchObject({ State: 'SUCCEEDED', CompletedTimestamp: harness.now() });
    expect(account.Account).toMatchObject({
      Email: 'dev@example.com',
      Name: 'dev',
      JoinedMethod: 'CREATED',
      State: 'ACTIVE',
      JoinedTimestamp: harness.now(),
    });
  });

  it('fails an account creation whose email is taken', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);
    await createAccount('dev');

    // Act
    const created = await management.send(new CreateAccountCommand({ Email: 'dev@example.com', AccountName: 'again' }));
    const status = await management.send(
      new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus!.Id! }),
    );

    // Assess
    expect(status.CreateAccountStatus).toMatchObject({ State: 'FAILED', FailureReason: 'EMAIL_ALREADY_EXISTS' });
  });

  it('builds OUs, moves accounts between parents and reports parents and paths', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);
    const rootId = (await management.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const accountId = await createAccount('workload');

    // Act
    const ou = (await management.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' })))
      .OrganizationalUnit!;
    const nested = (await management.send(new CreateOrganizationalUnitCommand({ ParentId: ou.Id!, Name: 'Prod' })))
      .OrganizationalUnit!;
    await management.send(
      new MoveAccountCommand({ AccountId: accountId, SourceParentId: rootId, DestinationParentId: nested.Id! }),
    );
    const children = await management.send(new ListOrganizationalUnitsForParentCommand({ ParentId: ou.Id! }));
    const parents = await management.send(new ListParentsCommand({ ChildId: accountId }));
    const inNested = await management.send(new ListAccountsForParentCommand({ ParentId: nested.Id! }));
    const inRoot = await management.send(new ListAccountsForParentCommand({ ParentId: rootId }));

    // Assess
    expect(ou.Id).toMatch(new RegExp(`^ou-${rootId.slice(2)}-[a-z0-9]{8}$`));
    expect(nested.Path).toBe(`${harness.emulator.organizationId}/${rootId}/${ou.Id}/${nested.Id}/`);
    expect(children.OrganizationalUnits!.map((c) => c.Name)).toEqual(['Prod']);
    expect(parents.Parents).toEqual([{ Id: nested.Id, Type: 'ORGANIZATIONAL_UNIT' }]);
    expect(inNested.Accounts!.map((a) => a.Id)).toEqual([accountId]);
    expect(inNested.Accounts![0]!.Paths).toEqual([
      `${harness.emulator.organizationId}/${rootId}/${ou.Id}/${nested.Id}/${accountId}/`,
    ]);
    expect(inRoot.Accounts!.map((a) => a.Id)).toEqual([MANAGEMENT]);
  });

  it('pages ListAccounts with NextToken and MaxResults, as the SDK paginator expects', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);
    for (const name of ['a', 'b', 'c', 'd']) await createAccount(`acct-${name}`);

    // Act
    const first = await management.send(new ListAccountsCommand({ MaxResults: 2 }));
    const second = await management.send(new ListAccountsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    const third = await management.send(new ListAccountsCommand({ MaxResults: 2, NextToken: second.NextToken }));
    const all: Account[] = [];
    for await (const page of paginateListAccounts({ client: management, pageSize: 3 }, {}))
      all.push(...(page.Accounts ?? []));

    // Assess
    expect(first.Accounts).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    expect(second.Accounts).toHaveLength(2);
    expect(third.Accounts).toHaveLength(1);
    expect(third.NextToken).toBeUndefined();
    expect(new Set(all.map((a) => a.Id)).size).toBe(5);
  });

  it("removes a member on the management account's request and lets a member leave", async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);
    const removed = await createAccount('removed');
    const leaving = await createAccount('leaving');
    // Created accounts may leave only after their documented waiting period (four days).
    harness.advanceDays(4);

    // Act
    await management.send(new RemoveAccountFromOrganizationCommand({ AccountId: removed }));
    await harness.client(leaving).send(new LeaveOrganizationCommand({}));
    const accounts = await management.send(new ListAccountsCommand({}));

    // Assess
    expect(accounts.Accounts!.map((a) => a.Id)).toEqual([MANAGEMENT]);
  });

  it('lets a member describe its organization', async () => {
    // Prepare
    const member = await createAccount('member');

    // Act
    const organization = await harness.client(member).send(new DescribeOrganizationCommand({}));

    // Assess
    expect(organization.Organization!.MasterAccountId).toBe(MANAGEMENT);
  });
});
