import {
  AcceptHandshakeCommand,
  DescribeHandshakeCommand,
  DescribeResponsibilityTransferCommand,
  EnableAllFeaturesCommand,
  InviteAccountToOrganizationCommand,
  InviteOrganizationToTransferResponsibilityCommand,
  ListHandshakesForAccountCommand,
  ListHandshakesForOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { ENABLE_ALL_FEATURES_LIFETIME_DAYS, HANDSHAKE_LIFETIME_DAYS } from '../../shared/local/emulators/organizations';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

const MEMBER = '222222222222';
const INVITEE = '333333333333';
const PARTNER = '444444444444';
const DAY = 86_400_000;

let harness: OrganizationsHarness;

afterEach(async () => {
  expect(harness.emulator.responseViolations).toEqual([]);
  await harness.stop();
});

async function invite(accountId: string): Promise<string> {
  return (
    await harness
      .client(MANAGEMENT)
      .send(new InviteAccountToOrganizationCommand({ Target: { Id: accountId, Type: 'ACCOUNT' } }))
  ).Handshake!.Id!;
}

async function stateOf(handshakeId: string): Promise<string | undefined> {
  return (await harness.client(MANAGEMENT).send(new DescribeHandshakeCommand({ HandshakeId: handshakeId }))).Handshake!
    .State;
}

/** An organization with consolidated billing only, one invited member, and EnableAllFeatures started. */
async function startAllFeatures(): Promise<{ parentId: string; childId: string; pendingInvite: string }> {
  harness = await startOrganizations(undefined, { featureSet: 'CONSOLIDATED_BILLING' });
  await harness.client(MEMBER).send(new AcceptHandshakeCommand({ HandshakeId: await invite(MEMBER) }));
  const pendingInvite = await invite(INVITEE);
  harness.delivered.length = 0;
  const parent = (await harness.client(MANAGEMENT).send(new EnableAllFeaturesCommand({}))).Handshake!;
  const children = await harness
    .client(MANAGEMENT)
    .send(new ListHandshakesForOrganizationCommand({ Filter: { ParentHandshakeId: parent.Id } }));
  return { parentId: parent.Id!, childId: children.Handshakes![0]!.Id!, pendingInvite };
}

describe('Organizations emulator: handshake lifetimes per type', () => {
  it('gives an INVITE 15 days', async () => {
    // Prepare
    harness = await startOrganizations();

    // Act
    const sent = await harness
      .client(MANAGEMENT)
      .send(new InviteAccountToOrganizationCommand({ Target: { Id: INVITEE, Type: 'ACCOUNT' } }));

    // Assess
    expect(HANDSHAKE_LIFETIME_DAYS).toBe(15);
    expect(sent.Handshake!.ExpirationTimestamp!.getTime() - harness.now().getTime()).toBe(15 * DAY);
  });

  it('counts an ENABLE_ALL_FEATURES request down 90 days; its children share that expiration', async () => {
    // Prepare and act
    const { parentId, childId } = await startAllFeatures();
    const parent = await harness.client(MANAGEMENT).send(new DescribeHandshakeCommand({ HandshakeId: parentId }));
    const child = await harness.client(MEMBER).send(new DescribeHandshakeCommand({ HandshakeId: childId }));

    // Assess
    expect(ENABLE_ALL_FEATURES_LIFETIME_DAYS).toBe(90);
    expect(parent.Handshake!.ExpirationTimestamp!.getTime() - harness.now().getTime()).toBe(90 * DAY);
    expect(child.Handshake!.ExpirationTimestamp).toEqual(parent.Handshake!.ExpirationTimestamp);
  });

  it('cancels every child when ENABLE_ALL_FEATURES times out, with no event', async () => {
    // Prepare
    const { parentId, childId } = await startAllFeatures();
    await harness.client(MEMBER).send(new AcceptHandshakeCommand({ HandshakeId: childId }));
    const approval = (
      await harness
        .client(MANAGEMENT)
        .send(new ListHandshakesForAccountCommand({ Filter: { ActionType: 'APPROVE_ALL_FEATURES' } }))
    ).Handshakes![0]!;
    const delivered = harness.delivered.length;

    // Act
    harness.advanceDays(89);
    const before = await stateOf(approval.Id!);
    harness.advanceDays(1);
    await harness.emulator.tick();

    // Assess
    expect(approval.ExpirationTimestamp).toEqual(new Date(Date.parse('2026-03-10T12:00:00Z') + 90 * DAY));
    expect(before).toBe('OPEN');
    expect(await stateOf(parentId)).toBe('EXPIRED');
    expect(await stateOf(approval.Id!)).toBe('CANCELED');
    expect(harness.delivered).toHaveLength(delivered);
    expect(harness.emulator.silentChanges.filter((c) => c.kind === 'expired').map((c) => c.subject)).toEqual([
      `handshake:${parentId}`,
      `handshake:${approval.Id}`,
    ]);
  });

  it('cancels the open children of a timed-out ENABLE_ALL_FEATURES that no member answered', async () => {
    // Prepare
    const { parentId, childId } = await startAllFeatures();

    // Act
    harness.advanceDays(91);
    const child = await harness.client(MEMBER).send(new DescribeHandshakeCommand({ HandshakeId: childId }));

    // Assess
    expect(await stateOf(parentId)).toBe('EXPIRED');
    expect(child.Handshake!.State).toBe('CANCELED');
  });

  it('expires a billing-transfer invitation 24 h before the start, however far away (no 15-day cap), and its transfer with it', async () => {
    // Prepare
    harness = await startOrganizations(new Date('2026-03-20T09:30:00Z'));
    harness.emulator.registerOutsideAccount({ id: PARTNER, managesOrganization: true });
    const send = (
      start: string,
    ): Promise<{
      Handshake?: { Id?: string; ExpirationTimestamp?: Date; Resources?: { Type?: string; Value?: string }[] };
    }> =>
      harness.client(MANAGEMENT).send(
        new InviteOrganizationToTransferResponsibilityCommand({
          Type: 'BILLING',
          Target: { Id: PARTNER, Type: 'ACCOUNT' },
          StartTimestamp: new Date(start),
          SourceName: 'Partner',
        }),
      );

    // Act
    const near = (await send('2026-04-01T00:00:00Z')).Handshake!;
    harness.setNow(new Date('2026-03-31T00:00:00Z'));
    const transferId = near.Resources!.find((r) => r.Type === 'RESPONSIBILITY_TRANSFER')!.Value!;
    const transfer = await harness
      .client(MANAGEMENT)
      .send(new DescribeResponsibilityTransferCommand({ Id: transferId }));
    const far = (await send('2026-06-01T00:00:00Z')).Handshake!;

    // Assess
    expect(near.ExpirationTimestamp).toEqual(new Date('2026-03-31T00:00:00Z'));
    expect(await stateOf(near.Id!)).toBe('EXPIRED');
    expect(transfer.ResponsibilityTransfer!.Status).toBe('EXPIRED');
    // Sent 62 days before its start: at start - 24 h too, not 15 days after it was sent.
    expect(far.ExpirationTimestamp).toEqual(new Date('2026-05-31T00:00:00Z'));
    expect(harness.delivered.map((e) => e.detail.eventName)).toEqual([
      'InviteOrganizationToTransferResponsibility',
      'InviteOrganizationToTransferResponsibility',
    ]);
    expect(harness.emulator.silentChanges.map((c) => [c.kind, c.subject, c.at])).toEqual([
      ['expired', `handshake:${near.Id}`, '2026-03-31T00:00:00.000Z'],
      ['expired', `transfer:${transferId}`, '2026-03-31T00:00:00.000Z'],
    ]);
  });

  it("follows AWS's API-reference sample: an invitation sent 43 days before its start expires at start - 24 h", async () => {
    // Prepare
    harness = await startOrganizations(new Date('2026-04-19T00:00:00Z'));
    harness.emulator.registerOutsideAccount({ id: PARTNER, managesOrganization: true });

    // Act
    const sent = await harness.client(MANAGEMENT).send(
      new InviteOrganizationToTransferResponsibilityCommand({
        Type: 'BILLING',
        Target: { Id: PARTNER, Type: 'ACCOUNT' },
        StartTimestamp: new Date('2026-06-01T00:00:00Z'),
        SourceName: 'Partner',
      }),
    );
    harness.setNow(new Date('2026-05-30T23:59:59Z'));
    const dayBefore = await stateOf(sent.Handshake!.Id!);
    harness.setNow(new Date('2026-05-31T00:00:00Z'));

    // Assess
    expect(sent.Handshake!.ExpirationTimestamp).toEqual(new Date('2026-05-31T00:00:00Z'));
    expect(dayBefore).toBe('OPEN');
    expect(await stateOf(sent.Handshake!.Id!)).toBe('EXPIRED');
  });
});

describe('Organizations emulator: EnableAllFeatures cancels pending invitations', () => {
  it('cancels every open INVITE, delivering only the EnableAllFeatures record', async () => {
    // Prepare and act
    const { pendingInvite } = await startAllFeatures();
    const invitee = await harness.client(INVITEE).send(new DescribeHandshakeCommand({ HandshakeId: pendingInvite }));

    // Assess
    expect(invitee.Handshake!.State).toBe('CANCELED');
    expect(harness.delivered.map((e) => `${e['detail-type']}:${String(e.detail.eventName)}`)).toEqual([
      'AWS API Call via CloudTrail:EnableAllFeatures',
    ]);
    expect(harness.emulator.silentChanges).toContainEqual({
      at: '2026-03-10T12:00:00.000Z',
      kind: 'canceled-by-enable-all-features',
      subject: `handshake:${pendingInvite}`,
      text: expect.stringContaining('no CancelHandshake'),
    });
  });
});
