import {
  AcceptHandshakeCommand,
  DescribeResponsibilityTransferCommand,
  InviteOrganizationToTransferResponsibilityCommand,
  TerminateResponsibilityTransferCommand,
  UpdateResponsibilityTransferCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

const PARTNER = '444444444444';
const THIRD = '555555555555';
const STRANGER = '666666666666';
const MAY_FIRST = new Date('2026-05-01T00:00:00Z');

let harness: OrganizationsHarness;

beforeEach(async () => {
  harness = await startOrganizations(new Date('2026-03-10T12:00:00Z'));
  for (const id of [PARTNER, THIRD, STRANGER])
    harness.emulator.registerOutsideAccount({ id, managesOrganization: true });
});

afterEach(async () => {
  expect(harness.emulator.responseViolations).toEqual([]);
  await harness.stop();
});

/** `inviter` offers to pay `invited`'s bill; `invited` accepts. Returns the transfer id. */
async function transfer(inviter: string, invited: string, start = MAY_FIRST): Promise<string> {
  const out = await harness.client(inviter).send(
    new InviteOrganizationToTransferResponsibilityCommand({
      Type: 'BILLING',
      Target: { Id: invited, Type: 'ACCOUNT' },
      StartTimestamp: start,
      SourceName: 'bill',
    }),
  );
  await harness.client(invited).send(new AcceptHandshakeCommand({ HandshakeId: out.Handshake!.Id! }));
  return out.Handshake!.Resources!.find((r) => r.Type === 'RESPONSIBILITY_TRANSFER')!.Value!;
}

function names(): string[] {
  return harness.delivered.map((e) => `${e['detail-type']}:${String(e.detail.eventName)}`);
}

const details = (index: number): { responsibilityTransfer: Record<string, unknown>; handshakeId?: string } =>
  harness.delivered[index]!.detail.serviceEventDetails as { responsibilityTransfer: Record<string, unknown> };

describe('Organizations emulator: billing-transfer service events', () => {
  it('delivers ResponsibilityTransferAccepted with the inbound ARN and epoch-millisecond times when the partner accepts', async () => {
    // Act
    const id = await transfer(MANAGEMENT, PARTNER);

    // Assess
    const orgId = harness.emulator.organizationId;
    expect(names()).toEqual([
      'AWS API Call via CloudTrail:InviteOrganizationToTransferResponsibility',
      'AWS Service Event via CloudTrail:ResponsibilityTransferAccepted',
    ]);
    expect(harness.delivered[1]!.detail).toMatchObject({
      eventType: 'AwsServiceEvent',
      requestParameters: null,
      recipientAccountId: MANAGEMENT,
    });
    expect(details(1).responsibilityTransfer).toEqual({
      arn: `arn:aws:organizations::${MANAGEMENT}:transfer/${orgId}/billing/inbound/${id}`,
      id,
      type: 'BILLING',
      status: 'ACCEPTED',
      sourceManagementAccountId: PARTNER,
      targetManagementAccountId: MANAGEMENT,
      startTimestamp: MAY_FIRST.getTime(),
    });
    expect(details(1).handshakeId).toMatch(/^h-/);
  });

  it("shows the outbound ARN when the organization's own bill is transferred", async () => {
    // Act
    const id = await transfer(PARTNER, MANAGEMENT);

    // Assess
    expect(names()).toEqual([
      'AWS API Call via CloudTrail:AcceptHandshake',
      'AWS Service Event via CloudTrail:ResponsibilityTransferAccepted',
    ]);
    expect(details(1).responsibilityTransfer.arn).toBe(
      `arn:aws:organizations::${MANAGEMENT}:transfer/${harness.emulator.organizationId}/billing/outbound/${id}`,
    );
  });

  it("delivers ResponsibilityTransferTerminated when the partner withdraws, without the partner's call; billing continues to the month's end", async () => {
    // Prepare
    const id = await transfer(MANAGEMENT, PARTNER);
    harness.delivered.length = 0;

    // Act
    const withdrawn = await harness
      .client(PARTNER)
      .send(new TerminateResponsibilityTransferCommand({ Id: id, EndTimestamp: new Date('2026-07-31T23:59:59Z') }));
    const ours = await harness.client(MANAGEMENT).send(new DescribeResponsibilityTransferCommand({ Id: id }));

    // Assess
    expect(withdrawn.ResponsibilityTransfer).toMatchObject({
      Status: 'WITHDRAWN',
      EndTimestamp: new Date('2026-07-31T23:59:59Z'),
    });
    expect(withdrawn.ResponsibilityTransfer!.Arn).toContain(`:${PARTNER}:transfer/`);
    expect(withdrawn.ResponsibilityTransfer!.Arn).toContain('/billing/outbound/');
    expect(ours.ResponsibilityTransfer!.Arn).toContain('/billing/inbound/');
    expect(names()).toEqual(['AWS Service Event via CloudTrail:ResponsibilityTransferTerminated']);
    expect(details(0).responsibilityTransfer).toMatchObject({
      id,
      status: 'WITHDRAWN',
      endTimestamp: Date.parse('2026-07-31T23:59:59Z'),
    });
  });

  it("delivers the management account's own TerminateResponsibilityTransfer and UpdateResponsibilityTransfer records", async () => {
    // Prepare
    const id = await transfer(MANAGEMENT, PARTNER);
    harness.delivered.length = 0;

    // Act
    await harness.client(MANAGEMENT).send(new UpdateResponsibilityTransferCommand({ Id: id, Name: 'Partner Ltd' }));
    await harness.client(MANAGEMENT).send(new TerminateResponsibilityTransferCommand({ Id: id }));

    // Assess
    expect(names()).toEqual([
      'AWS API Call via CloudTrail:UpdateResponsibilityTransfer',
      'AWS API Call via CloudTrail:TerminateResponsibilityTransfer',
      'AWS Service Event via CloudTrail:ResponsibilityTransferTerminated',
    ]);
    // Not started yet: without an EndTimestamp it ends with the month it starts in.
    expect(details(2).responsibilityTransfer.endTimestamp).toBe(Date.parse('2026-05-31T23:59:59Z'));
  });

  it('has ended once EndTimestamp passed: same status, no event, a silent change', async () => {
    // Prepare
    const id = await transfer(MANAGEMENT, PARTNER);
    await harness.client(MANAGEMENT).send(new TerminateResponsibilityTransferCommand({ Id: id }));
    const delivered = harness.delivered.length;

    // Act
    harness.setNow(new Date('2026-06-01T00:00:00Z'));
    await harness.emulator.tick();
    const described = await harness.client(MANAGEMENT).send(new DescribeResponsibilityTransferCommand({ Id: id }));

    // Assess
    expect(described.ResponsibilityTransfer).toMatchObject({
      Status: 'WITHDRAWN',
      EndTimestamp: new Date('2026-05-31T23:59:59Z'),
    });
    expect(harness.delivered).toHaveLength(delivered);
    expect(
      harness.emulator.silentChanges.filter((c) => c.subject === `transfer:${id}`).map((c) => [c.kind, c.at]),
    ).toEqual([
      ['state-changed', '2026-05-01T00:00:00.000Z'],
      ['state-changed', '2026-05-31T23:59:59.000Z'],
    ]);
  });

  it('reaches the organization through a chained transfer, and never for transfers that do not affect it', async () => {
    // Prepare: PARTNER pays our bill.
    await transfer(PARTNER, MANAGEMENT);
    harness.delivered.length = 0;

    // Act: THIRD pays PARTNER's bill (a chain through PARTNER); STRANGER and another account are unrelated.
    const chained = await transfer(THIRD, PARTNER, new Date('2026-06-01T00:00:00Z'));
    await transfer(STRANGER, '999999999999');

    // Assess
    expect(names()).toEqual(['AWS Service Event via CloudTrail:ResponsibilityTransferAccepted']);
    expect(details(0).responsibilityTransfer).toMatchObject({
      id: chained,
      sourceManagementAccountId: PARTNER,
      targetManagementAccountId: THIRD,
    });
    expect(details(0).responsibilityTransfer.arn).toBe(
      `arn:aws:organizations::${MANAGEMENT}:transfer/${harness.emulator.organizationId}/billing/outbound/${chained}`,
    );
  });
});
