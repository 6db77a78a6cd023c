import {
  AccessDeniedException,
  AccountAlreadyRegisteredException,
  AccountNotFoundException,
  AccountNotRegisteredException,
  CloseAccountCommand,
  ConstraintViolationException,
  CreateAccountCommand,
  DeregisterDelegatedAdministratorCommand,
  InvalidInputException,
  LeaveOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  ListAccountsCommand,
  ListHandshakesForOrganizationCommand,
  ListParentsCommand,
  ListRootsCommand,
  MoveAccountCommand,
  RegisterDelegatedAdministratorCommand,
  RemoveAccountFromOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DelegatedAdministratorChange } from '../../shared/local/emulators/organizations';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

const SECURITY_IR = 'security-ir.amazonaws.com';
const MACIE = 'macie.amazonaws.com';

let harness: OrganizationsHarness;
let admin: string;
let other: string;

async function createAccount(name: string): Promise<string> {
  await harness.client(MANAGEMENT).send(new CreateAccountCommand({ Email: `${name}@example.com`, AccountName: name }));
  const result = harness.delivered.filter((e) => e.detail.eventName === 'CreateAccountResult').at(-1)!;
  return (result.detail.serviceEventDetails as { createAccountStatus: { accountId: string } }).createAccountStatus
    .accountId;
}

beforeEach(async () => {
  harness = await startOrganizations();
  admin = await createAccount('security');
  other = await createAccount('workload');
  harness.advanceDays(5);
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

const register = (accountId: string, servicePrincipal = SECURITY_IR): Promise<unknown> =>
  harness
    .client(MANAGEMENT, 'orgwarden')
    .send(new RegisterDelegatedAdministratorCommand({ AccountId: accountId, ServicePrincipal: servicePrincipal }));

describe('Organizations emulator: delegated administrators', () => {
  it('registers, lists for the management account and the administrator, and deregisters, with CloudTrail records', async () => {
    // Act
    await register(admin);
    harness.advanceDays(1);
    await register(admin, MACIE);
    const all = await harness.client(MANAGEMENT).send(new ListDelegatedAdministratorsCommand({}));
    const forMacie = await harness
      .client(admin)
      .send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: MACIE }));
    const services = await harness.client(admin).send(new ListDelegatedServicesForAccountCommand({ AccountId: admin }));
    await harness
      .client(MANAGEMENT)
      .send(new DeregisterDelegatedAdministratorCommand({ AccountId: admin, ServicePrincipal: SECURITY_IR }));
    const after = await harness
      .client(MANAGEMENT)
      .send(new ListDelegatedServicesForAccountCommand({ AccountId: admin }));

    // Assess
    const registeredAt = new Date('2026-03-15T12:00:00Z');
    expect(all.DelegatedAdministrators).toMatchObject([
      { Id: admin, Name: 'security', State: 'ACTIVE', JoinedMethod: 'CREATED', DelegationEnabledDate: registeredAt },
    ]);
    expect(all.DelegatedAdministrators![0]).not.toHaveProperty('Status');
    expect(forMacie.DelegatedAdministrators![0]!.DelegationEnabledDate).toEqual(new Date('2026-03-16T12:00:00Z'));
    expect(services.DelegatedServices).toEqual([
      { ServicePrincipal: SECURITY_IR, DelegationEnabledDate: registeredAt },
      { ServicePrincipal: MACIE, DelegationEnabledDate: new Date('2026-03-16T12:00:00Z') },
    ]);
    expect(after.DelegatedServices!.map((s) => s.ServicePrincipal)).toEqual([MACIE]);
    expect(harness.delivered.map((e) => e.detail.eventName)).toEqual([
      'RegisterDelegatedAdministrator',
      'RegisterDelegatedAdministrator',
      'DeregisterDelegatedAdministrator',
    ]);
    expect(harness.delivered[0]!.detail).toMatchObject({
      requestParameters: { accountId: admin, servicePrincipal: SECURITY_IR },
      responseElements: null,
    });
  });

  it('answers the documented errors', async () => {
    // Prepare
    await register(admin);

    // Act
    const management = await errorOf(register(MANAGEMENT));
    const again = await errorOf(register(admin));
    const second = await errorOf(register(other));
    const unknown = await errorOf(register('999999999999'));
    const principal = await errorOf(register(other, 'not a principal'));
    const notRegistered = await errorOf(
      harness
        .client(MANAGEMENT)
        .send(new DeregisterDelegatedAdministratorCommand({ AccountId: other, ServicePrincipal: SECURITY_IR })),
    );
    const byMember = await errorOf(harness.client(other).send(new ListDelegatedAdministratorsCommand({})));
    const byAdmin = await errorOf(
      harness
        .client(admin)
        .send(new RegisterDelegatedAdministratorCommand({ AccountId: other, ServicePrincipal: MACIE })),
    );
    const noServices = await errorOf(
      harness.client(MANAGEMENT).send(new ListDelegatedServicesForAccountCommand({ AccountId: other })),
    );

    // Assess
    expect(management).toMatchObject({
      name: 'ConstraintViolationException',
      Reason: 'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR',
    });
    expect(again).toBeInstanceOf(AccountAlreadyRegisteredException);
    expect(second).toMatchObject({
      name: 'ConstraintViolationException',
      Reason: 'DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE',
    });
    expect(unknown).toBeInstanceOf(AccountNotFoundException);
    expect(principal).toBeInstanceOf(InvalidInputException);
    expect(notRegistered).toBeInstanceOf(AccountNotRegisteredException);
    expect(byMember).toBeInstanceOf(AccessDeniedException);
    expect(byAdmin).toBeInstanceOf(AccessDeniedException);
    expect(noServices).toBeInstanceOf(AccountNotRegisteredException);
  });

  it('refuses to register a closing account', async () => {
    // Prepare
    await harness.client(MANAGEMENT).send(new CloseAccountCommand({ AccountId: other }));

    // Act
    const error = await errorOf(register(other));

    // Assess
    expect(error).toMatchObject({
      name: 'ConstraintViolationException',
      Reason: 'CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR',
    });
  });

  it('refuses to remove or let go a delegated administrator, as the API reference says', async () => {
    // Prepare
    await register(admin);

    // Act
    const removal = await errorOf(
      harness.client(MANAGEMENT).send(new RemoveAccountFromOrganizationCommand({ AccountId: admin })),
    );
    const departure = await errorOf(harness.client(admin).send(new LeaveOrganizationCommand({})));

    // Assess
    for (const error of [removal, departure]) {
      expect(error).toBeInstanceOf(ConstraintViolationException);
      expect(error).toMatchObject({ Reason: 'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG' });
    }
  });
});

describe("Organizations emulator: the delegated administrator's reads", () => {
  it('lets a delegated administrator of any service read the tree, the accounts and the handshakes, never change them; deregistered, it reads no more', async () => {
    // Prepare
    const asAdmin = harness.client(admin, 'orgwarden');
    const denied = await errorOf(asAdmin.send(new ListAccountsCommand({})));
    await register(admin, MACIE);

    // Act
    const accounts = await asAdmin.send(new ListAccountsCommand({}));
    const roots = await asAdmin.send(new ListRootsCommand({}));
    const parents = await asAdmin.send(new ListParentsCommand({ ChildId: other }));
    const handshakes = await asAdmin.send(new ListHandshakesForOrganizationCommand({}));
    const move = await errorOf(
      asAdmin.send(
        new MoveAccountCommand({
          AccountId: other,
          SourceParentId: roots.Roots![0]!.Id!,
          DestinationParentId: roots.Roots![0]!.Id!,
        }),
      ),
    );
    const otherMember = await errorOf(harness.client(other).send(new ListRootsCommand({})));
    await harness
      .client(MANAGEMENT)
      .send(new DeregisterDelegatedAdministratorCommand({ AccountId: admin, ServicePrincipal: MACIE }));
    const afterwards = await errorOf(asAdmin.send(new ListRootsCommand({})));

    // Assess
    expect(denied).toBeInstanceOf(AccessDeniedException);
    expect(accounts.Accounts!.map((a) => a.Id).sort()).toEqual([MANAGEMENT, admin, other].sort());
    expect(parents.Parents).toEqual([{ Id: roots.Roots![0]!.Id, Type: 'ROOT' }]);
    expect(handshakes.Handshakes).toEqual([]);
    expect(move).toBeInstanceOf(AccessDeniedException);
    expect(otherMember).toBeInstanceOf(AccessDeniedException);
    expect(afterwards).toBeInstanceOf(AccessDeniedException);
  });
});

describe('Organizations emulator: onDelegatedAdministratorChange', () => {
  it('tells each listener after every successful change, until it unsubscribes', async () => {
    // Prepare
    const seen: DelegatedAdministratorChange[] = [];
    const eventsWhenTold: number[] = [];
    const unsubscribe = harness.emulator.onDelegatedAdministratorChange(async (change) => {
      await Promise.resolve();
      eventsWhenTold.push(harness.delivered.length);
      seen.push(change);
    });

    // Act
    await register(admin);
    await errorOf(register(admin));
    await harness
      .client(MANAGEMENT)
      .send(new DeregisterDelegatedAdministratorCommand({ AccountId: admin, ServicePrincipal: SECURITY_IR }));
    unsubscribe();
    await register(other);

    // Assess
    const at = new Date('2026-03-15T12:00:00Z');
    expect(seen).toEqual([
      { kind: 'registered', accountId: admin, servicePrincipal: SECURITY_IR, at },
      { kind: 'deregistered', accountId: admin, servicePrincipal: SECURITY_IR, at },
    ]);
    // Told after the call's CloudTrail record was delivered.
    expect(eventsWhenTold).toEqual([1, 3]);
  });

  it('deregisters a closed administrator cleaned out of the organization, and says so; a failing listener never fails the emulator', async () => {
    // Prepare
    await register(admin);
    const seen: DelegatedAdministratorChange[] = [];
    harness.emulator.onDelegatedAdministratorChange((change) => void seen.push(change));
    harness.emulator.onDelegatedAdministratorChange(() => {
      throw new Error('listener down');
    });
    await harness.client(MANAGEMENT).send(new CloseAccountCommand({ AccountId: admin }));

    // Act
    harness.advanceDays(90);
    await harness.emulator.tick();
    const admins = await harness.client(MANAGEMENT).send(new ListDelegatedAdministratorsCommand({}));

    // Assess
    expect(seen).toEqual([
      { kind: 'deregistered', accountId: admin, servicePrincipal: SECURITY_IR, at: new Date('2026-06-13T12:00:00Z') },
    ]);
    expect(admins.DelegatedAdministrators).toEqual([]);
    expect(harness.emulator.listenerErrors).toMatchObject([
      { change: { kind: 'deregistered' }, error: { message: 'listener down' } },
    ]);
  });
});
