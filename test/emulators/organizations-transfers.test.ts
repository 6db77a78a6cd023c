import {
  AcceptHandshakeCommand,
  AccessDeniedException,
  CancelHandshakeCommand,
  DeclineHandshakeCommand,
  DescribeResponsibilityTransferCommand,
  InvalidHandshakeTransitionException,
  InvalidInputException,
  InviteAccountToOrganizationCommand,
  InviteOrganizationToTransferResponsibilityCommand,
  ListHandshakesForAccountCommand,
  ListInboundResponsibilityTransfersCommand,
  ListOutboundResponsibilityTransfersCommand,
  ResponsibilityTransferAlreadyInStatusException,
  ResponsibilityTransferNotFoundException,
  TerminateResponsibilityTransferCommand,
  UpdateResponsibilityTransferCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

const PARTNER = '444444444444';
const STRANGER = '555555555555';
const MAY_FIRST = new Date('2026-05-01T00:00:00Z');

let harness: OrganizationsHarness;

beforeEach(async () => {
  harness = await startOrganizations(new Date('2026-03-10T12:00:00Z'));
  harness.emulator.registerOutsideAccount({ id: PARTNER, email: 'billing@partner.example', managesOrganization: true });
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

/** The management account invites PARTNER to let it pay PARTNER's bill. */
async function inviteToPayPartner(start = MAY_FIRST): Promise<{ handshakeId: string; transferId: string }> {
  const out = await harness.client(MANAGEMENT).send(
    new InviteOrganizationToTransferResponsibilityCommand({
      Type: 'BILLING',
      Target: { Id: PARTNER, Type: 'ACCOUNT' },
      StartTimestamp: start,
      SourceName: 'Partner billing',
      Notes: 'as agreed',
    }),
  );
  const transferId = out.Handshake!.Resources!.find((r) => r.Type === 'RESPONSIBILITY_TRANSFER')!.Value!;
  return { handshakeId: out.Handshake!.Id!, transferId };
}

describe('Organizations emulator: billing (responsibility) transfers', () => {
  it('round-trips an invitation: REQUESTED on both sides, ACCEPTED once the invited management account accepts', async () => {
    // Prepare
    const management = harness.client(MANAGEMENT);
    const partner = harness.client(PARTNER);

    // Act
    const { handshakeId, transferId } = await inviteToPayPartner();
    const inbound = await management.send(new ListInboundResponsibilityTransfersCommand({ Type: 'BILLING' }));
    const outbound = await partner.send(new ListOutboundResponsibilityTransfersCommand({ Type: 'BILLING' }));
    const received = await partner.send(
      new ListHandshakesForAccountCommand({ Filter: { ActionType: 'TRANSFER_RESPONSIBILITY' } }),
    );
    const accepted = await partner.send(new AcceptHandshakeCommand({ HandshakeId: handshakeId }));
    const described = await management.send(new DescribeResponsibilityTransferCommand({ Id: transferId }));

    // Assess
    const orgId = harness.emulator.organizationId;
    expect(transferId).toMatch(/^rt-[0-9a-z]{8,32}$/);
    expect(inbound.ResponsibilityTransfers).toMatchObject([
      {
        Id: transferId,
        Type: 'BILLING',
        Status: 'REQUESTED',
        Name: 'Partner billing',
        Arn: `arn:aws:organizations::${MANAGEMENT}:transfer/${orgId}/billing/inbound/${transferId}`,
        Source: { ManagementAccountId: PARTNER, ManagementAccountEmail: 'billing@partner.example' },
        Target: { ManagementAccountId: MANAGEMENT },
        StartTimestamp: MAY_FIRST,
        ActiveHandshakeId: handshakeId,
      },
    ]);
    expect(outbound.ResponsibilityTransfers![0]!.Arn).toMatch(
      new RegExp(`^arn:aws:organizations::${PARTNER}:transfer/o-[a-z0-9]{10}/billing/outbound/${transferId}$`),
    );
    expect(received.Handshakes!.map((h) => h.Id)).toEqual([handshakeId]);
    expect(accepted.Handshake).toMatchObject({ Action: 'TRANSFER_RESPONSIBILITY', State: 'ACCEPTED' });
    expect(accepted.Handshake!.Arn).toContain('/transfer_responsibility/');
    expect(described.ResponsibilityTransfer!.Status).toBe('ACCEPTED');
  });

  it('enforces the start-date rule: 00:00:00 UTC on the first of a month, accepted at least 24 h before', async () => {
    // Act
    const notFirst = await errorOf(inviteToPayPartner(new Date('2026-05-02T00:00:00Z')));
    const notMidnight = await errorOf(inviteToPayPartner(new Date('2026-05-01T06:00:00Z')));
    harness.setNow(new Date('2026-03-20T00:00:00Z'));
    const { handshakeId, transferId } = await inviteToPayPartner(new Date('2026-04-01T00:00:00Z'));
    // Less than 24 h before the start: the invitation can no longer be accepted, so it has expired
    // (at start - 24 h), and its transfer with it.
    harness.setNow(new Date('2026-03-31T00:00:01Z'));
    const lateAccept = await errorOf(
      harness.client(PARTNER).send(new AcceptHandshakeCommand({ HandshakeId: handshakeId })),
    );
    const lateTransfer = await harness
      .client(MANAGEMENT)
      .send(new DescribeResponsibilityTransferCommand({ Id: transferId }));
    const tooSoon = await errorOf(inviteToPayPartner(new Date('2026-04-01T00:00:00Z')));

    // Assess
    expect(notFirst).toMatchObject({ Reason: 'START_DATE_NOT_BEGINNING_OF_MONTH' });
    expect(notFirst).toBeInstanceOf(InvalidInputException);
    expect(notMidnight).toMatchObject({ Reason: 'START_DATE_NOT_BEGINNING_OF_DAY' });
    expect(tooSoon).toMatchObject({ Reason: 'START_DATE_TOO_EARLY' });
    expect(lateAccept).toBeInstanceOf(InvalidHandshakeTransitionException);
    expect(lateTransfer.ResponsibilityTransfer!.Status).toBe('EXPIRED');
  });

  it("renames a transfer for the caller's side only", async () => {
    // Prepare
    const { transferId } = await inviteToPayPartner();

    // Act
    const renamed = await harness
      .client(MANAGEMENT)
      .send(new UpdateResponsibilityTransferCommand({ Id: transferId, Name: 'Partner Ltd' }));
    const partnerView = await harness
      .client(PARTNER)
      .send(new DescribeResponsibilityTransferCommand({ Id: transferId }));

    // Assess
    expect(renamed.ResponsibilityTransfer!.Name).toBe('Partner Ltd');
    expect(partnerView.ResponsibilityTransfer!.Name).toBe('Partner billing');
  });

  it('withdraws an accepted transfer to 23:59:59 UTC on the last day of the month given', async () => {
    // Prepare
    const { handshakeId, transferId } = await inviteToPayPartner();
    await harness.client(PARTNER).send(new AcceptHandshakeCommand({ HandshakeId: handshakeId }));
    const management = harness.client(MANAGEMENT);

    // Act
    const badEnd = await errorOf(
      management.send(
        new TerminateResponsibilityTransferCommand({ Id: transferId, EndTimestamp: new Date('2026-06-15T00:00:00Z') }),
      ),
    );
    const withdrawn = await management.send(
      new TerminateResponsibilityTransferCommand({
        Id: transferId,
        EndTimestamp: new Date('2026-06-30T23:59:59.999Z'),
      }),
    );
    const again = await errorOf(
      harness.client(PARTNER).send(new TerminateResponsibilityTransferCommand({ Id: transferId })),
    );

    // Assess
    expect(badEnd).toMatchObject({ name: 'InvalidInputException', Reason: 'END_DATE_NOT_END_OF_MONTH' });
    expect(withdrawn.ResponsibilityTransfer).toMatchObject({
      Status: 'WITHDRAWN',
      EndTimestamp: new Date('2026-06-30T23:59:59Z'),
    });
    expect(again).toBeInstanceOf(ResponsibilityTransferAlreadyInStatusException);
  });

  it('mirrors declined, canceled and expired invitations onto the transfer', async () => {
    // Prepare
    // Only one open invitation per pair of organizations: each is answered before the next.
    const declined = await inviteToPayPartner(new Date('2026-05-01T00:00:00Z'));
    await harness.client(PARTNER).send(new DeclineHandshakeCommand({ HandshakeId: declined.handshakeId }));
    const canceled = await inviteToPayPartner(new Date('2026-06-01T00:00:00Z'));
    await harness.client(MANAGEMENT).send(new CancelHandshakeCommand({ HandshakeId: canceled.handshakeId }));
    const expiring = await inviteToPayPartner(new Date('2026-07-01T00:00:00Z'));

    // Act: the last invitation expires 24 h before its start (AWS's own sample: no 15-day cap).
    harness.setNow(new Date('2026-06-30T00:00:00Z'));
    const statuses = await harness
      .client(MANAGEMENT)
      .send(new ListInboundResponsibilityTransfersCommand({ Type: 'BILLING' }));

    // Assess
    expect(statuses.ResponsibilityTransfers!.map((t) => [t.Id, t.Status])).toEqual([
      [declined.transferId, 'DECLINED'],
      [canceled.transferId, 'CANCELED'],
      [expiring.transferId, 'EXPIRED'],
    ]);
  });

  it('receives an invitation from another organization: the management account is the source', async () => {
    // Prepare
    const partner = harness.client(PARTNER);
    const invitation = await partner.send(
      new InviteOrganizationToTransferResponsibilityCommand({
        Type: 'BILLING',
        Target: { Id: MANAGEMENT, Type: 'ACCOUNT' },
        StartTimestamp: MAY_FIRST,
        SourceName: 'Our bill',
      }),
    );
    harness.delivered.length = 0;

    // Act
    const outbound = await harness
      .client(MANAGEMENT, 'orgwarden')
      .send(new ListOutboundResponsibilityTransfersCommand({ Type: 'BILLING' }));
    await harness
      .client(MANAGEMENT, 'orgwarden')
      .send(new AcceptHandshakeCommand({ HandshakeId: invitation.Handshake!.Id! }));

    // Assess
    expect(outbound.ResponsibilityTransfers).toMatchObject([
      { Status: 'REQUESTED', Source: { ManagementAccountId: MANAGEMENT }, Target: { ManagementAccountId: PARTNER } },
    ]);
    expect(harness.delivered.map((event) => event.detail.eventName)).toEqual([
      'AcceptHandshake',
      'ResponsibilityTransferAccepted',
    ]);
    expect(harness.delivered[1]!.detail.serviceEventDetails).toMatchObject({
      responsibilityTransfer: {
        id: outbound.ResponsibilityTransfers![0]!.Id,
        status: 'ACCEPTED',
        sourceManagementAccountId: MANAGEMENT,
        targetManagementAccountId: PARTNER,
      },
    });
  });

  it("delivers the management account's invitation and the acceptance event, not the partner's AcceptHandshake", async () => {
    // Act
    const { handshakeId } = await inviteToPayPartner();
    await harness.client(PARTNER).send(new AcceptHandshakeCommand({ HandshakeId: handshakeId }));

    // Assess
    expect(harness.delivered.map((event) => event.detail.eventName)).toEqual([
      'InviteOrganizationToTransferResponsibility',
      'ResponsibilityTransferAccepted',
    ]);
    expect(harness.delivered[0]!.detail).toMatchObject({
      requestParameters: {
        type: 'BILLING',
        target: { type: 'ACCOUNT', id: PARTNER },
        sourceName: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        startTimestamp: 'May 1, 2026 12:00:00 AM',
      },
      responseElements: { handshake: { action: 'transfer_responsibility', state: 'OPEN' } },
    });
  });

  it('hides transfers from other accounts and refuses member accounts', async () => {
    // Prepare
    const { transferId } = await inviteToPayPartner();
    const invite = await harness
      .client(MANAGEMENT)
      .send(new InviteAccountToOrganizationCommand({ Target: { Id: STRANGER, Type: 'ACCOUNT' } }));
    await harness.client(STRANGER).send(new AcceptHandshakeCommand({ HandshakeId: invite.Handshake!.Id! }));

    // Act
    const stranger = await errorOf(
      harness.client('666666666666').send(new DescribeResponsibilityTransferCommand({ Id: transferId })),
    );
    const member = await errorOf(
      harness.client(STRANGER).send(new ListInboundResponsibilityTransfersCommand({ Type: 'BILLING' })),
    );

    // Assess
    expect(stranger).toBeInstanceOf(ResponsibilityTransferNotFoundException);
    expect(member).toBeInstanceOf(AccessDeniedException);
  });
});
