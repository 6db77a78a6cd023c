import {
  AcceptHandshakeCommand,
  CancelHandshakeCommand,
  DeclineHandshakeCommand,
  DescribeAccountCommand,
  DescribeHandshakeCommand,
  DescribeOrganizationCommand,
  EnableAllFeaturesCommand,
  InvalidHandshakeTransitionException,
  InviteAccountToOrganizationCommand,
  HandshakeNotFoundException,
  ListHandshakesForAccountCommand,
  ListHandshakesForOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { HANDSHAKE_LIFETIME_DAYS } from '../../shared/local/emulators/organizations';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

const INVITEE = '222222222222';
const OTHER = '333333333333';

let harness: OrganizationsHarness;

afterEach(async () => {
  expect(harness.emulator.responseViolations).toEqual([]);
  await harness.stop();
});

async function invite(accountId: string, notes?: string): Promise<string> {
  const out = await harness
    .client(MANAGEMENT)
    .send(new InviteAccountToOrganizationCommand({ Target: { Id: accountId, Type: 'ACCOUNT' }, Notes: notes }));
  return out.Handshake!.Id!;
}

describe('Organizations emulator: handshakes', () => {
  it('invites an outside account, which sees, accepts and joins as INVITED', async () => {
    // Prepare
    harness = await startOrganizations();
    const management = harness.client(MANAGEMENT);
    const invitee = harness.client(INVITEE);

    // Act
    const sent = await management.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: INVITEE, Type: 'ACCOUNT' }, Notes: 'welcome' }),
    );
    const handshakeId = sent.Handshake!.Id!;
    const received = await invitee.send(new ListHandshakesForAccountCommand({}));
    const bySender = await management.send(new DescribeHandshakeCommand({ HandshakeId: handshakeId }));
    const accepted = await invitee.send(new AcceptHandshakeCommand({ HandshakeId: handshakeId }));
    const account = await management.send(new DescribeAccountCommand({ AccountId: INVITEE }));

    // Assess
    const orgId = harness.emulator.organizationId;
    expect(sent.Handshake).toMatchObject({
      Action: 'INVITE',
      State: 'OPEN',
      Arn: `arn:aws:organizations::${MANAGEMENT}:handshake/${orgId}/invite/${handshakeId}`,
      Parties: [
        { Id: orgId, Type: 'ORGANIZATION' },
        { Id: INVITEE, Type: 'ACCOUNT' },
      ],
      RequestedTimestamp: harness.now(),
    });
    expect(handshakeId).toMatch(/^h-[0-9a-z]{8,32}$/);
    expect(sent.Handshake!.ExpirationTimestamp!.getTime() - harness.now().getTime()).toBe(
      HANDSHAKE_LIFETIME_DAYS * 86_400_000,
    );
    expect(sent.Handshake!.Resources).toContainEqual({ Type: 'NOTES', Value: 'welcome' });
    expect(received.Handshakes!.map((h) => h.Id)).toEqual([handshakeId]);
    expect(bySender.Handshake!.State).toBe('OPEN');
    expect(accepted.Handshake!.State).toBe('ACCEPTED');
    expect(account.Account).toMatchObject({ Id: INVITEE, JoinedMethod: 'INVITED', State: 'ACTIVE' });
  });

  it('invites by email; the account registered under that email answers', async () => {
    // Prepare
    harness = await startOrganizations();
    harness.emulator.registerOutsideAccount({ id: INVITEE, email: 'juan@example.com', name: 'Juan' });

    // Act
    const sent = await harness
      .client(MANAGEMENT)
      .send(new InviteAccountToOrganizationCommand({ Target: { Id: 'juan@example.com', Type: 'EMAIL' } }));
    const declined = await harness
      .client(INVITEE)
      .send(new DeclineHandshakeCommand({ HandshakeId: sent.Handshake!.Id! }));

    // Assess
    expect(declined.Handshake).toMatchObject({
      State: 'DECLINED',
      Parties: [{ Type: 'ORGANIZATION' }, { Id: 'juan@example.com', Type: 'EMAIL' }],
    });
  });

  it('lets the sender cancel, and lists with ActionType filters and pages', async () => {
    // Prepare
    harness = await startOrganizations();
    const management = harness.client(MANAGEMENT);
    const first = await invite(INVITEE);
    await invite(OTHER);

    // Act
    const canceled = await management.send(new CancelHandshakeCommand({ HandshakeId: first }));
    const page = await management.send(
      new ListHandshakesForOrganizationCommand({ MaxResults: 1, Filter: { ActionType: 'INVITE' } }),
    );
    const rest = await management.send(
      new ListHandshakesForOrganizationCommand({
        MaxResults: 1,
        Filter: { ActionType: 'INVITE' },
        NextToken: page.NextToken,
      }),
    );
    const none = await management.send(
      new ListHandshakesForOrganizationCommand({ Filter: { ActionType: 'ENABLE_ALL_FEATURES' } }),
    );

    // Assess
    expect(canceled.Handshake!.State).toBe('CANCELED');
    expect([...page.Handshakes!, ...rest.Handshakes!].map((h) => h.State)).toEqual(['CANCELED', 'OPEN']);
    expect(rest.NextToken).toBeUndefined();
    expect(none.Handshakes).toEqual([]);
  });

  it('hides a handshake from accounts that are not its parties', async () => {
    // Prepare
    harness = await startOrganizations();
    const handshakeId = await invite(INVITEE);

    // Act
    const attempt = harness.client(OTHER).send(new DescribeHandshakeCommand({ HandshakeId: handshakeId }));

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(HandshakeNotFoundException);
  });

  it('expires an open handshake when the clock passes its ExpirationTimestamp, with no event', async () => {
    // Prepare
    harness = await startOrganizations();
    const handshakeId = await invite(INVITEE);
    const eventsAfterInvite = harness.delivered.length;
    const expiration = (
      await harness.client(MANAGEMENT).send(new DescribeHandshakeCommand({ HandshakeId: handshakeId }))
    ).Handshake!.ExpirationTimestamp!;

    // Act
    harness.setNow(new Date(expiration.getTime() - 1000));
    const justBefore = await harness.client(INVITEE).send(new DescribeHandshakeCommand({ HandshakeId: handshakeId }));
    harness.setNow(new Date(expiration.getTime() + 1000));
    const after = await harness.client(INVITEE).send(new DescribeHandshakeCommand({ HandshakeId: handshakeId }));
    const lateAccept = harness.client(INVITEE).send(new AcceptHandshakeCommand({ HandshakeId: handshakeId }));

    // Assess
    expect(justBefore.Handshake!.State).toBe('OPEN');
    expect(after.Handshake!.State).toBe('EXPIRED');
    await expect(lateAccept).rejects.toBeInstanceOf(InvalidHandshakeTransitionException);
    expect(harness.delivered).toHaveLength(eventsAfterInvite);
  });

  it('expires lazily through tick() too, and forgets closed handshakes 30 days after they close', async () => {
    // Prepare
    harness = await startOrganizations();
    const handshakeId = await invite(INVITEE);

    // Act
    harness.advanceDays(HANDSHAKE_LIFETIME_DAYS + 1);
    await harness.emulator.tick();
    const listed = await harness.client(MANAGEMENT).send(new ListHandshakesForOrganizationCommand({}));
    harness.advanceDays(30);
    const later = await harness.client(MANAGEMENT).send(new ListHandshakesForOrganizationCommand({}));
    const describe = harness.client(MANAGEMENT).send(new DescribeHandshakeCommand({ HandshakeId: handshakeId }));

    // Assess
    expect(listed.Handshakes!.map((h) => [h.Id, h.State])).toEqual([[handshakeId, 'EXPIRED']]);
    expect(later.Handshakes).toEqual([]);
    await expect(describe).rejects.toBeInstanceOf(HandshakeNotFoundException);
  });

  it('enables all features: children to invited members, final approval to the management account', async () => {
    // Prepare
    harness = await startOrganizations(undefined, { featureSet: 'CONSOLIDATED_BILLING' });
    const management = harness.client(MANAGEMENT);
    const member = harness.client(INVITEE);
    await member.send(new AcceptHandshakeCommand({ HandshakeId: await invite(INVITEE) }));

    // Act
    const parent = (await management.send(new EnableAllFeaturesCommand({}))).Handshake!;
    const children = await management.send(
      new ListHandshakesForOrganizationCommand({ Filter: { ParentHandshakeId: parent.Id } }),
    );
    const received = await member.send(
      new ListHandshakesForAccountCommand({ Filter: { ActionType: 'ENABLE_ALL_FEATURES' } }),
    );
    await member.send(new AcceptHandshakeCommand({ HandshakeId: received.Handshakes![0]!.Id! }));
    const approval = await management.send(
      new ListHandshakesForAccountCommand({ Filter: { ActionType: 'APPROVE_ALL_FEATURES' } }),
    );
    await management.send(new AcceptHandshakeCommand({ HandshakeId: approval.Handshakes![0]!.Id! }));
    const organization = await management.send(new DescribeOrganizationCommand({}));
    const finalParent = await management.send(new DescribeHandshakeCommand({ HandshakeId: parent.Id! }));

    // Assess
    expect(parent).toMatchObject({ Action: 'ENABLE_ALL_FEATURES', State: 'REQUESTED' });
    expect(parent.Arn).toContain('/enable_all_features/');
    expect(children.Handshakes!.map((h) => h.Parties![1]!.Id)).toEqual([INVITEE]);
    expect(received.Handshakes![0]!.Resources).toContainEqual({ Type: 'PARENT_HANDSHAKE', Value: parent.Id });
    expect(approval.Handshakes).toHaveLength(1);
    expect(organization.Organization!.FeatureSet).toBe('ALL');
    expect(finalParent.Handshake!.State).toBe('ACCEPTED');
  });
});
