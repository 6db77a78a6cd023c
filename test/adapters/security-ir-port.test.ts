import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CancelMembershipCommand,
  GetMembershipCommand,
  ListCasesCommand,
  SecurityIncidentResponseNotActiveException,
  SecurityIRClient,
  UpdateMembershipCommand,
} from '../../shared/adapters/security-ir';
import { AwsSecurityIncidentResponse } from '../../shared/adapters/security-ir/security-ir-port-adapter';
import { SubjectNotFoundError, UpstreamRejectedError, UpstreamUnavailableError } from '../../shared/domain/errors';
import { credentialsFor } from '../../shared/local/emulators/organizations';
import type { OpenCaseRequest } from '../../shared/ports/security-ir';
import { MANAGEMENT, startSecurityIr, type SecurityIrHarness } from '../emulators/security-ir-harness';

const openCase = (clientToken: string): OpenCaseRequest => ({
  clientToken,
  title: 'Security IR membership cancelled',
  description: 'orgwarden restored the membership m-… cancelled outside change control.',
  engagementType: 'Investigation',
  resolverType: 'Self',
  reportedIncidentStartDate: '2026-03-10T11:59:00Z',
  impactedAccounts: [MANAGEMENT],
  watchers: [{ email: 'security@example.com', name: 'Security team' }],
  impactedRegions: ['us-east-1'],
});

describe('AwsSecurityIncidentResponse against the emulator', () => {
  let h: SecurityIrHarness;
  let port: AwsSecurityIncidentResponse;
  let client: SecurityIRClient;

  beforeEach(async () => {
    h = await startSecurityIr(new Date('2026-03-10T12:00:00Z'));
    // orgwarden's own credentials; no retries, so each failure reaches the adapter as is.
    client = new SecurityIRClient({
      region: 'us-east-1',
      endpoint: h.endpoint,
      credentials: credentialsFor(MANAGEMENT, 'orgwarden'),
      maxAttempts: 1,
    });
    port = new AwsSecurityIncidentResponse(client);
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    client.destroy();
    await h.stop();
  });

  it('reads a membership and its coverage, 100 accounts per BatchGetMemberAccountDetails', async () => {
    // Prepare
    const ou = await h.createOu('Workloads');
    const inside = await h.createAccount('workload', ou);
    const membershipId = await h.createMembership();
    await h.client().send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [ou] },
      }),
    );
    // Coverage changes are applied asynchronously (the emulator's default: 5 minutes).
    h.setNow(new Date('2026-03-10T12:05:00Z'));
    const outsiders = Array.from({ length: 149 }, (_, i) => String(500000000000 + i));

    // Act
    const { membership, coverage } = await port.readMembership(membershipId, [inside, ...outsiders]);

    // Assess
    expect(membership).toMatchObject({
      id: membershipId,
      status: 'Active',
      accountId: MANAGEMENT,
      customerType: 'Organization',
      accountsCovered: 1,
      coverEntireOrganization: false,
      organizationalUnits: [ou],
    });
    expect(coverage).toHaveLength(150);
    expect(coverage[0]).toEqual({ accountId: inside, status: 'Associated', relationship: 'Organization' });
    expect(coverage[149]).toEqual({ accountId: outsiders[148], status: 'Unassociated', relationship: 'Unrelated' });
    expect(
      h.emulator.calls.filter(
        (c) => c.operation === 'BatchGetMemberAccountDetails' && c.principal.startsWith('ORGWARDEN'),
      ),
    ).toHaveLength(2);
  });

  it('restores a cancelled membership, and leaves it alone when asked again', async () => {
    // Prepare
    const membershipId = await h.createMembership();
    await h.client().send(new CancelMembershipCommand({ membershipId }));

    // Act
    const first = await port.restoreMembership(membershipId);
    const second = await port.restoreMembership(membershipId);

    // Assess
    expect([first, second]).toEqual(['restored', 'already-active']);
    expect((await h.client().send(new GetMembershipCommand({ membershipId }))).membershipStatus).toBe('Active');
    expect(h.emulator.calls.filter((c) => c.operation === 'UpdateMembership')).toHaveLength(1);
  });

  it('cannot restore a terminated membership: a permanent refusal carrying the service error', async () => {
    // Prepare
    const membershipId = await h.createMembership();
    await h.client().send(new CancelMembershipCommand({ membershipId }));
    h.setNow(new Date('2026-04-01T00:00:01Z'));

    // Act
    const error = await port.restoreMembership(membershipId).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect((error as Error).cause).toBeInstanceOf(SecurityIncidentResponseNotActiveException);
  });

  it('adds 12 OUs in updates of 5, 5 and 2, skipping those already covered', async () => {
    // Prepare
    const ous: string[] = [];
    for (let i = 0; i < 13; i++) ous.push(await h.createOu(`ou-${i}`));
    const membershipId = await h.createMembership();
    await port.addOrganizationalUnits(membershipId, [ous[0]!]);
    const before = h.emulator.calls.length;

    // Act
    const result = await port.addOrganizationalUnits(membershipId, ous);

    // Assess
    const updates = h.emulator.calls.slice(before).filter((c) => c.operation === 'UpdateMembership');
    const sizes = updates.map(
      (c) =>
        (c.input as { membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: string[] } })
          .membershipAccountsConfigurationsUpdate.organizationalUnitsToAdd.length,
    );
    expect(sizes).toEqual([5, 5, 2]);
    expect(result).toEqual({ added: ous.slice(1), alreadyCovered: [ous[0]], requests: 3 });
    expect((await port.readMembership(membershipId)).membership.organizationalUnits.sort()).toEqual([...ous].sort());
  });

  it('after a failure midway, a retry adds only the OUs still missing', async () => {
    // Prepare
    const ous: string[] = [];
    for (let i = 0; i < 7; i++) ous.push(await h.createOu(`ou-${i}`));
    const membershipId = await h.createMembership();
    h.emulator.injectFailures([{ operation: 'UpdateMembership', error: 'InternalServerException', skip: 1, times: 1 }]);

    // Act
    const failed = await port.addOrganizationalUnits(membershipId, ous).catch((e: unknown) => e);
    const retried = await port.addOrganizationalUnits(membershipId, ous);

    // Assess
    expect(failed).toBeInstanceOf(UpstreamUnavailableError);
    expect(retried).toEqual({ added: ous.slice(5), alreadyCovered: ous.slice(0, 5), requests: 1 });
  });

  it('opens one case for one clientToken, however often it is asked', async () => {
    // Prepare
    await h.createMembership();

    // Act
    const first = await port.openCase(openCase('orgwarden:membership:m-1:v2:open-case'));
    const again = await port.openCase(openCase('orgwarden:membership:m-1:v2:open-case'));

    // Assess
    expect(again.caseId).toBe(first.caseId);
    expect((await h.client().send(new ListCasesCommand({}))).total).toBe(1);
  });

  it('comments on a case; an unknown case is a SubjectNotFoundError', async () => {
    // Prepare
    await h.createMembership();
    const { caseId } = await port.openCase(openCase('token-1'));

    // Act
    const comment = await port.commentOnCase(caseId, 'Membership restored.', 'token-1:comment');
    const missing = await port.commentOnCase('1000000000', 'Hello?', 'token-2').catch((e: unknown) => e);

    // Assess
    expect(comment.commentId).toMatch(/^\d{6}$/);
    expect(missing).toBeInstanceOf(SubjectNotFoundError);
    expect(missing).toMatchObject({ subject: 'security-ir-case:1000000000' });
  });

  it('maps errors: unknown membership, throttling, input the model refuses', async () => {
    // Prepare
    const membershipId = await h.createMembership();

    // Act
    const unknown = await port.readMembership('m-doesnotexist00').catch((e: unknown) => e);
    h.emulator.injectFailures([
      { operation: 'GetMembership', error: 'ThrottlingException', times: 1, retryAfterSeconds: 1 },
    ]);
    const throttled = await port.readMembership(membershipId).catch((e: unknown) => e);
    const invalid = await port.addOrganizationalUnits(membershipId, ['not-an-ou']).catch((e: unknown) => e);

    // Assess
    expect(unknown).toBeInstanceOf(SubjectNotFoundError);
    expect(unknown).toMatchObject({ subject: 'membership:m-doesnotexist00' });
    expect(throttled).toBeInstanceOf(UpstreamUnavailableError);
    expect(invalid).toBeInstanceOf(UpstreamRejectedError);
    expect((invalid as Error).message).toContain('organizationalUnitsToAdd');
  });
});
