import {
  DeregisterDelegatedAdministratorCommand,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AccessDeniedException,
  CancelMembershipCommand,
  CreateMembershipCommand,
  GetMembershipCommand,
  SecurityIncidentResponseNotActiveException,
  UpdateMembershipCommand,
} from '../../shared/adapters/security-ir';
import type { OrganizationsEmulator } from '../../shared/local/emulators/organizations';
import {
  organizationTreeOf,
  type DelegatedAdministratorChange,
  type OrganizationTree,
} from '../../shared/local/emulators/security-ir';
import { MANAGEMENT, nativeTypes, startSecurityIr, TEAM, type SecurityIrHarness } from './security-ir-harness';

const ADMIN = '222222222222';
const PRINCIPAL = 'security-ir.amazonaws.com';
type Listener = (change: DelegatedAdministratorChange) => void | Promise<void>;

/** An organization of two accounts whose delegated administrator changes are announced by the test. */
const fakeTree = () => {
  const listeners: Listener[] = [];
  const tree: OrganizationTree = {
    organizationOf: (accountId) =>
      Promise.resolve(
        [MANAGEMENT, ADMIN].includes(accountId) ? { id: 'o-fake000001', managementAccountId: MANAGEMENT } : undefined,
      ),
    accountIds: () => Promise.resolve([MANAGEMENT, ADMIN]),
    accountsUnder: () => Promise.resolve(undefined),
    onDelegatedAdministratorChange: (listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  };
  const announce = async (change: DelegatedAdministratorChange): Promise<void> => {
    for (const listener of listeners) await listener(change);
  };
  return { tree, listeners, announce };
};

describe('Security IR emulator: the delegated administrator, from the organization', () => {
  let h: SecurityIrHarness;
  let fake: ReturnType<typeof fakeTree>;

  const createAsAdmin = async (): Promise<string> =>
    (
      await h
        .client(ADMIN)
        .send(new CreateMembershipCommand({ membershipName: 'delegated', incidentResponseTeam: TEAM }))
    ).membershipId!;

  beforeEach(async () => {
    fake = fakeTree();
    h = await startSecurityIr(new Date('2026-03-10T12:00:00Z'), { organization: fake.tree });
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('subscribes once, and a registration lets the account hold the organization membership', async () => {
    // Act
    const before = await createAsAdmin().catch((e: unknown) => e);
    await fake.announce({ kind: 'registered', accountId: ADMIN, servicePrincipal: PRINCIPAL, at: h.now() });
    const membershipId = await createAsAdmin();

    // Assess
    expect(fake.listeners).toHaveLength(1);
    expect(before).toBeInstanceOf(AccessDeniedException);
    expect((await h.client(ADMIN).send(new GetMembershipCommand({ membershipId }))).customerType).toBe('Organization');
  });

  it('deregistering the administrator terminates its membership at once, for good', async () => {
    // Prepare
    await fake.announce({ kind: 'registered', accountId: ADMIN, servicePrincipal: PRINCIPAL, at: h.now() });
    const membershipId = await createAsAdmin();
    const client = h.client(ADMIN);
    h.setNow(new Date('2026-03-12T08:30:00Z'));

    // Act
    await fake.announce({ kind: 'deregistered', accountId: ADMIN, servicePrincipal: PRINCIPAL, at: h.now() });
    const got = await client.send(new GetMembershipCommand({ membershipId }));
    const undo = await client
      .send(new UpdateMembershipCommand({ membershipId, undoMembershipCancellation: true }))
      .catch((e: unknown) => e);
    const again = await createAsAdmin().catch((e: unknown) => e);

    // Assess
    expect(got).toMatchObject({
      membershipStatus: 'Terminated',
      membershipDeactivationTimestamp: new Date('2026-03-12T08:30:00Z'),
      numberOfAccountsCovered: 0,
    });
    expect(undo).toBeInstanceOf(SecurityIncidentResponseNotActiveException);
    expect(again).toBeInstanceOf(AccessDeniedException);
    const native = h.delivered.filter(
      (e) => e.source === 'aws.security-ir' && e['detail-type'] !== 'AWS API Call via CloudTrail',
    );
    expect(native.at(-1)).toMatchObject({
      'detail-type': 'Membership Terminated',
      account: ADMIN,
      time: '2026-03-12T08:30:00Z',
      detail: { membershipId },
    });
  });

  it('a cancelled membership ends at the deregistration, not at the end of its billing cycle', async () => {
    // Prepare
    await fake.announce({ kind: 'registered', accountId: ADMIN, servicePrincipal: PRINCIPAL, at: h.now() });
    const membershipId = await createAsAdmin();
    await h.client(ADMIN).send(new CancelMembershipCommand({ membershipId }));

    // Act
    await fake.announce({ kind: 'deregistered', accountId: ADMIN, servicePrincipal: PRINCIPAL, at: h.now() });
    h.setNow(new Date('2026-04-05T00:00:00Z'));
    await h.emulator.tick();

    // Assess
    expect(
      (await h.client(ADMIN).send(new GetMembershipCommand({ membershipId }))).membershipDeactivationTimestamp,
    ).toEqual(new Date('2026-03-10T12:00:00Z'));
    expect(nativeTypes(h.delivered)).toEqual(['Membership Created', 'Membership Cancelled', 'Membership Terminated']);
  });

  it('ignores changes for other services and for accounts that hold no membership', async () => {
    // Prepare
    await fake.announce({ kind: 'registered', accountId: ADMIN, servicePrincipal: PRINCIPAL, at: h.now() });
    const membershipId = await createAsAdmin();

    // Act
    await fake.announce({
      kind: 'deregistered',
      accountId: ADMIN,
      servicePrincipal: 'guardduty.amazonaws.com',
      at: h.now(),
    });
    await fake.announce({ kind: 'deregistered', accountId: '333333333333', servicePrincipal: PRINCIPAL, at: h.now() });

    // Assess
    expect((await h.client(ADMIN).send(new GetMembershipCommand({ membershipId }))).membershipStatus).toBe('Active');
    expect(nativeTypes(h.delivered)).toEqual(['Membership Created']);
  });
});

describe('organizationTreeOf: the delegated administrator feed of the Organizations emulator', () => {
  const emulatorLike = (extra: object): OrganizationsEmulator =>
    ({
      organizationId: 'o-fake000001',
      managementAccountId: MANAGEMENT,
      handle: () => Promise.resolve({}),
      ...extra,
    }) as unknown as OrganizationsEmulator;

  it('passes onDelegatedAdministratorChange through to the emulator', async () => {
    // Prepare
    const received: DelegatedAdministratorChange[] = [];
    let subscribed: Listener | undefined;
    const unsubscribe = (): void => undefined;
    const tree = organizationTreeOf(
      emulatorLike({ onDelegatedAdministratorChange: (listener: Listener) => ((subscribed = listener), unsubscribe) }),
    );
    const change: DelegatedAdministratorChange = {
      kind: 'deregistered',
      accountId: ADMIN,
      servicePrincipal: PRINCIPAL,
      at: new Date(),
    };

    // Act
    const returned = tree.onDelegatedAdministratorChange?.((c) => void received.push(c));
    await subscribed?.(change);

    // Assess
    expect(returned).toBe(unsubscribe);
    expect(received).toEqual([change]);
  });
});

describe('Security IR emulator with the Organizations emulator: DeregisterDelegatedAdministrator', () => {
  it('terminates the membership the deregistered administrator holds', async () => {
    // Prepare
    const h = await startSecurityIr(new Date('2026-03-10T12:00:00Z'));
    const orgs = h.organizations.client(MANAGEMENT);
    const admin = await h.createAccount('security');
    // AWS wants trusted access (EnableAWSServiceAccess) first; the Organizations emulator does not model it.
    await orgs.send(new RegisterDelegatedAdministratorCommand({ AccountId: admin, ServicePrincipal: PRINCIPAL }));
    const { membershipId } = await h
      .client(admin)
      .send(new CreateMembershipCommand({ membershipName: 'delegated', incidentResponseTeam: TEAM }));

    // Act
    await orgs.send(new DeregisterDelegatedAdministratorCommand({ AccountId: admin, ServicePrincipal: PRINCIPAL }));
    const got = await h.client(admin).send(new GetMembershipCommand({ membershipId }));

    // Assess
    expect(got.membershipStatus).toBe('Terminated');
    expect(nativeTypes(h.delivered)).toEqual(['Membership Created', 'Membership Terminated']);
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });
});
