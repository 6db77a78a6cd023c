import { InviteAccountToOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  CancelMembershipCommand,
  CreateMembershipCommand,
  GetMembershipCommand,
  SecurityIRClient,
} from '../../shared/adapters/security-ir';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import { LocalStack } from '../../shared/local/stack/local-stack';

// The local stack jumps its clock from one instant with work to the next. What time alone changes in
// the emulated world (an event held back, an invitation expiring, a cancelled membership ending) is
// such an instant too, or a jump would carry the change to whatever stops the clock next.
describe('the local stack stops its clock where time changes the emulated world', () => {
  let stack: LocalStack | undefined;
  afterEach(() => stack?.stop());

  const start = (options: Partial<Parameters<typeof LocalStack.start>[0]> = {}) =>
    LocalStack.start({
      start: new Date('2026-11-02T09:00:00Z'),
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
      ...options,
    });

  it('delivers an event held back for less than a minute within that minute, not at the next schedule tick', async () => {
    // Prepare: every event of the world arrives up to 60 s late.
    stack = await start({ deliveryFaults: { delay: { rate: 1, maxSeconds: 60 } } });
    const client = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor('111111111111', 'scenario'),
    });
    const invited = await client.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: '222222222222', Type: 'ACCOUNT' } }),
    );
    client.destroy();
    const heldUntil = stack.organizations.nextChangeAfter(stack.clock.now());
    // Act
    await stack.advanceTo(new Date('2026-11-03T09:00:00Z'));
    // Assess: the invitation was recorded when its event arrived, within the minute.
    expect(heldUntil!.getTime()).toBeLessThanOrEqual(Date.parse('2026-11-02T09:01:00Z'));
    const snapshot = (await stack.store.listSnapshots('handshake:')).find(
      (s) => s.subject === `handshake:${invited.Handshake!.Id!}`,
    );
    expect(snapshot?.observedAt).toBe(heldUntil!.toISOString());
  });

  it("names the instants of the emulators' own changes: an invitation's expiry, a cancelled membership's end", async () => {
    // Prepare
    stack = await start();
    const credentials = credentialsFor('111111111111', 'scenario');
    const organizations = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials,
    });
    const securityIr = new SecurityIRClient({ region: 'us-east-1', endpoint: stack.endpoints.securityIr, credentials });
    const now = stack.clock.now();
    const team = [
      { name: 'Ada Lovelace', jobTitle: 'CISO', email: 'ada@example.com' },
      { name: 'Bob Smith', jobTitle: 'Engineer', email: 'bob@example.com' },
    ];
    // Act
    const invited = await organizations.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: '222222222222', Type: 'ACCOUNT' } }),
    );
    const { membershipId } = await securityIr.send(
      new CreateMembershipCommand({ clientToken: 'clock', membershipName: 'clock', incidentResponseTeam: team }),
    );
    const beforeCancel = stack.securityIr.nextChangeAfter(now);
    await securityIr.send(new CancelMembershipCommand({ membershipId: membershipId! }));
    const cancelled = await securityIr.send(new GetMembershipCommand({ membershipId: membershipId! }));
    organizations.destroy();
    securityIr.destroy();
    // Assess
    expect(stack.organizations.nextChangeAfter(now)).toEqual(invited.Handshake!.ExpirationTimestamp);
    expect(beforeCancel).toBeUndefined();
    expect(cancelled.membershipStatus).toBe('Cancelled');
    expect(stack.securityIr.nextChangeAfter(now)).toEqual(cancelled.membershipDeactivationTimestamp);
    expect(stack.organizations.nextChangeAfter(invited.Handshake!.ExpirationTimestamp!)).toBeUndefined();
  });
});
