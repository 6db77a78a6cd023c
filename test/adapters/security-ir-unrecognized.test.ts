import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CancelMembershipCommand, SecurityIRClient, UpdateMembershipCommand } from '../../shared/adapters/security-ir';
import { AwsSecurityIncidentResponse } from '../../shared/adapters/security-ir/security-ir-port-adapter';
import { UpstreamRejectedError } from '../../shared/domain/errors';
import { credentialsFor } from '../../shared/local/emulators/organizations';
import { startSecurityIr, MANAGEMENT, type SecurityIrHarness } from '../emulators/security-ir-harness';

/**
 * The project's own Security IR client validates inputs only (validation.ts): a response carrying an
 * enum value the model does not list is deserialized as the official SDKs do, as a plain string. The
 * port hands it over as read, and decides nothing on it.
 */
describe('AwsSecurityIncidentResponse with statuses the model does not list', () => {
  let h: SecurityIrHarness;
  let port: AwsSecurityIncidentResponse;
  let client: SecurityIRClient;

  beforeEach(async () => {
    h = await startSecurityIr(new Date('2026-03-10T12:00:00Z'));
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

  it('reads an unknown membership status and an unknown account relationship status as they are, never as a gap', async () => {
    // Prepare
    const ou = await h.createOu('Workloads');
    const account = await h.createAccount('workload', ou);
    const membershipId = await h.createMembership();
    await h.client().send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [ou] },
      }),
    );
    h.emulator.unmodeledValues.show({ id: membershipId, member: 'membershipStatus', value: 'Suspended' });
    h.emulator.unmodeledValues.show({ id: account, member: 'relationshipStatus', value: 'Pending' });
    // Act
    const membership = await port.getMembership(membershipId);
    const listed = await port.listMemberships();
    const [coverage] = await port.getAccountCoverage(membershipId, [account]);
    // Assess
    expect(membership.status).toBe('Suspended');
    expect(listed.map((m) => m.status)).toEqual(['Suspended']);
    expect(coverage).toMatchObject({ accountId: account, status: 'Pending' });
  });

  it('refuses to restore a membership whose status it does not know, and calls no UpdateMembership', async () => {
    // Prepare: cancelled, then shown in a status the model does not list.
    const membershipId = await h.createMembership();
    await h.client().send(new CancelMembershipCommand({ membershipId }));
    h.emulator.unmodeledValues.show({ id: membershipId, member: 'membershipStatus', value: 'Suspended' });
    const updates = () => h.emulator.calls.filter((call) => call.operation === 'UpdateMembership').length;
    const before = updates();
    // Act
    const restore = port.restoreMembership(membershipId);
    // Assess
    await expect(restore).rejects.toThrow(UpstreamRejectedError);
    await expect(restore).rejects.toThrow(/Suspended, which orgwarden does not know/);
    expect(updates()).toBe(before);
  });
});
