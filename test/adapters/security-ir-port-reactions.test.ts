import { afterEach, describe, expect, it } from 'vitest';
import {
  CancelMembershipCommand,
  CreateMembershipCommand,
  SecurityIncidentResponseNotActiveException,
  SecurityIRClient,
  UpdateMembershipCommand,
} from '../../shared/adapters/security-ir';
import { AwsSecurityIncidentResponse } from '../../shared/adapters/security-ir/security-ir-port-adapter';
import { SubjectNotFoundError, UpstreamRejectedError } from '../../shared/domain/errors';
import { credentialsFor } from '../../shared/local/emulators/organizations';
import type { SecurityIrEmulatorOptions } from '../../shared/local/emulators/security-ir';
import { SecurityIrMembershipNotRestorableError } from '../../shared/ports/security-ir';
import { MANAGEMENT, startSecurityIr, TEAM, type SecurityIrHarness } from '../emulators/security-ir-harness';

const START = new Date('2026-03-10T12:00:00Z');
const OUTSIDE = '999999999999';

describe('AwsSecurityIncidentResponse: what the reactions need', () => {
  let h: SecurityIrHarness;
  const clients: SecurityIRClient[] = [];

  /** The port as orgwarden uses it, with its own credentials, for `accountId`. */
  const portFor = (accountId = MANAGEMENT): AwsSecurityIncidentResponse => {
    const client = new SecurityIRClient({
      region: 'us-east-1',
      endpoint: h.endpoint,
      credentials: credentialsFor(accountId, 'orgwarden'),
      maxAttempts: 1,
    });
    clients.push(client);
    return new AwsSecurityIncidentResponse(client);
  };
  const start = async (options: Partial<SecurityIrEmulatorOptions> = {}) => {
    h = await startSecurityIr(START, options);
    return portFor();
  };

  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    clients.splice(0).forEach((c) => c.destroy());
    await h.stop();
  });

  it('getMembership: status, deactivation, coverage mode, OUs and the holding account', async () => {
    // Prepare
    const port = await start();
    const ou = await h.createOu('Workloads');
    const byOu = await h.createMembership();
    await port.addOrganizationalUnits(byOu, [ou]);
    await h.client().send(new CancelMembershipCommand({ membershipId: byOu }));
    const standalone = (
      await h.client(OUTSIDE).send(new CreateMembershipCommand({ membershipName: 'solo', incidentResponseTeam: TEAM }))
    ).membershipId!;

    // Act
    const organization = await port.getMembership(byOu);
    const solo = await portFor(OUTSIDE).getMembership(standalone);
    const missing = await port.getMembership('m-doesnotexist00').catch((e: unknown) => e);

    // Assess
    expect(organization).toMatchObject({
      id: byOu,
      status: 'Cancelled',
      deactivatedAt: '2026-03-30T00:00:00.000Z',
      accountId: MANAGEMENT,
      customerType: 'Organization',
      coverageMode: 'OrganizationalUnits',
      coverEntireOrganization: false,
      organizationalUnits: [ou],
    });
    expect(solo).toMatchObject({
      status: 'Active',
      accountId: OUTSIDE,
      coverageMode: 'Standalone',
      organizationalUnits: [],
    });
    expect(missing).toBeInstanceOf(SubjectNotFoundError);
  });

  it('getMembership reads EntireOrganization', async () => {
    // Prepare
    const port = await start();
    const membershipId = await h.createMembership({ coverEntireOrganization: true });

    // Act
    const got = await port.getMembership(membershipId);

    // Assess
    expect(got).toMatchObject({
      coverageMode: 'EntireOrganization',
      coverEntireOrganization: true,
      accountsCovered: 1,
    });
  });

  it('getAccountCoverage: 100 accounts a call, each account once; an added OU covers only once applied', async () => {
    // Prepare
    const port = await start();
    const ou = await h.createOu('Workloads');
    const inside = await h.createAccount('workload', ou);
    const membershipId = await h.createMembership();
    const others = Array.from({ length: 200 }, (_, i) => String(500000000000 + i));
    await port.addOrganizationalUnits(membershipId, [ou]);
    const before = h.emulator.calls.length;

    // Act
    const rightAfter = await port.getAccountCoverage(membershipId, [inside, inside, ...others]);
    h.setNow(new Date(START.getTime() + 300_000));
    const later = await port.getAccountCoverage(membershipId, [inside]);

    // Assess
    const batches = h.emulator.calls.slice(before).filter((c) => c.operation === 'BatchGetMemberAccountDetails');
    expect(batches.map((c) => (c.input as { accountIds: string[] }).accountIds.length)).toEqual([100, 100, 1, 1]);
    expect(rightAfter).toHaveLength(201);
    expect(rightAfter[0]).toEqual({ accountId: inside, status: 'Unassociated', relationship: 'Organization' });
    expect(later).toEqual([{ accountId: inside, status: 'Associated', relationship: 'Organization' }]);
  });

  it('listMemberships reads every page', async () => {
    // Prepare: one live membership at a time; immediate cancellation ends each at once.
    const port = await start({ cancellation: { mode: 'immediate' } });
    const ids: string[] = [];
    for (let i = 0; i < 27; i++) {
      const id = await h.createMembership();
      ids.push(id);
      if (i < 26) await h.client().send(new CancelMembershipCommand({ membershipId: id }));
    }

    // Act
    const listed = await port.listMemberships();

    // Assess
    expect(listed.map((m) => m.id)).toEqual(ids);
    expect(listed.filter((m) => m.status === 'Active')).toEqual([
      {
        id: ids[26],
        status: 'Active',
        accountId: MANAGEMENT,
        region: 'us-east-1',
        arn: `arn:aws:security-ir:us-east-1:${MANAGEMENT}:membership/${ids[26]}`,
      },
    ]);
    expect(h.emulator.calls.filter((c) => c.operation === 'ListMemberships')).toHaveLength(2);
  });

  it('restoreMembership: not restorable once terminated, immediately or by the window, typed and permanent', async () => {
    // Prepare
    const port = await start({ cancellation: { mode: 'immediate' } });
    const membershipId = await h.createMembership();
    await h.client().send(new CancelMembershipCommand({ membershipId }));

    // Act
    const error = await port.restoreMembership(membershipId).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SecurityIrMembershipNotRestorableError);
    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error).toMatchObject({ membershipId, status: 'Terminated', permanent: true });
    expect((error as Error).cause).toBeInstanceOf(SecurityIncidentResponseNotActiveException);
  });

  it('restoreMembership: restores within the billing cycle, refuses as not restorable after it', async () => {
    // Prepare
    const port = await start();
    const membershipId = await h.createMembership();
    await h.client().send(new CancelMembershipCommand({ membershipId }));
    h.setNow(new Date('2026-03-29T23:00:00Z'));

    // Act
    const restored = await port.restoreMembership(membershipId);
    await h.client().send(new CancelMembershipCommand({ membershipId }));
    h.setNow(new Date('2026-03-30T00:00:00Z'));
    const tooLate = await port.restoreMembership(membershipId).catch((e: unknown) => e);

    // Assess
    expect(restored).toBe('restored');
    expect(tooLate).toBeInstanceOf(SecurityIrMembershipNotRestorableError);
  });

  it('openCase: an Investigation resolved by the team (Self) by default, with the caller’s clientToken', async () => {
    // Prepare
    const port = await start();
    await h.createMembership();

    // Act
    const { caseId } = await port.openCase({
      clientToken: 'orgwarden:membership:m-1:v4:open-case',
      title: 'Security IR membership cancelled',
      description: 'orgwarden saw the membership cancelled outside change control.',
      reportedIncidentStartDate: '2026-03-10T11:59:00Z',
      impactedAccounts: [MANAGEMENT],
      watchers: [{ email: 'security@example.com' }],
    });

    // Assess
    const call = h.emulator.calls.find((c) => c.operation === 'CreateCase')!;
    expect(caseId).toMatch(/^\d{10}$/);
    expect(call.input).toMatchObject({
      engagementType: 'Investigation',
      resolverType: 'Self',
      clientToken: 'orgwarden:membership:m-1:v4:open-case',
      impactedAccounts: [MANAGEMENT],
    });
  });

  it('addOrganizationalUnits: an OU the organization lacks is a permanent refusal', async () => {
    // Prepare
    const port = await start();
    const membershipId = await h.createMembership({ coverEntireOrganization: true });
    await h.client().send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { coverEntireOrganization: false },
      }),
    );

    // Act
    const error = await port.addOrganizationalUnits(membershipId, ['ou-zzzz-nothere1']).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(UpstreamRejectedError);
  });
});
