import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AccessDeniedException,
  CancelMembershipCommand,
  ConflictException,
  CreateCaseCommand,
  CreateMembershipCommand,
  GetMembershipCommand,
  SecurityIncidentResponseNotActiveException,
  UpdateMembershipCommand,
  ValidationException,
} from '../../shared/adapters/security-ir';
import { MANAGEMENT, nativeTypes, startSecurityIr, TEAM, type SecurityIrHarness } from './security-ir-harness';

const caseInput = {
  resolverType: 'Self' as const,
  title: 'Still usable?',
  description: 'A case opened while the membership is cancelled.',
  engagementType: 'Investigation' as const,
  reportedIncidentStartDate: new Date('2026-03-09T00:00:00Z'),
  impactedAccounts: [],
  watchers: [],
};

describe('Security IR emulator: the membership lifecycle', () => {
  let h: SecurityIrHarness;

  beforeEach(async () => {
    h = await startSecurityIr(new Date('2026-03-10T12:00:00Z'));
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  // The billing cycle (the default), not the calendar month: a March cycle ends on March 29 (31 - 2).
  it('a cancelled membership stays usable until the end of its billing cycle, then is Terminated', async () => {
    // Prepare
    const client = h.client();
    const membershipId = await h.createMembership();
    await client.send(new CancelMembershipCommand({ membershipId }));

    // Act
    h.setNow(new Date('2026-03-29T23:59:59Z'));
    const lastSecond = await client.send(new GetMembershipCommand({ membershipId }));
    const caseInLastSecond = await client.send(new CreateCaseCommand(caseInput));
    h.setNow(new Date('2026-03-30T00:00:00Z'));
    await h.emulator.tick();
    const afterMonthEnd = await client.send(new GetMembershipCommand({ membershipId }));
    const caseAfter = await client.send(new CreateCaseCommand(caseInput)).catch((e: unknown) => e);

    // Assess
    expect(lastSecond).toMatchObject({
      membershipStatus: 'Cancelled',
      membershipDeactivationTimestamp: new Date('2026-03-30T00:00:00Z'),
    });
    expect(caseInLastSecond.caseId).toMatch(/^\d{10}$/);
    expect(afterMonthEnd.membershipStatus).toBe('Terminated');
    expect(afterMonthEnd.numberOfAccountsCovered).toBe(0);
    expect(caseAfter).toBeInstanceOf(SecurityIncidentResponseNotActiveException);
  });

  it('delivers an event at each change, with the id only and the membership ARN as resource', async () => {
    // Prepare
    const client = h.client();
    const membershipId = await h.createMembership();
    const arn = `arn:aws:security-ir:us-east-1:${MANAGEMENT}:membership/${membershipId}`;

    // Act
    await client.send(new UpdateMembershipCommand({ membershipId, membershipName: 'renamed' }));
    h.setNow(new Date('2026-03-20T08:00:00Z'));
    await client.send(new CancelMembershipCommand({ membershipId }));
    h.setNow(new Date('2026-04-02T10:00:00Z'));
    await h.emulator.tick();

    // Assess
    const native = h.delivered.filter((e) => e['detail-type'] !== 'AWS API Call via CloudTrail');
    expect(native.map((e) => [e['detail-type'], e.time])).toEqual([
      ['Membership Created', '2026-03-10T12:00:00Z'],
      ['Membership Updated', '2026-03-10T12:00:00Z'],
      ['Membership Cancelled', '2026-03-20T08:00:00Z'],
      // Timed when the billing cycle ended, not when the clock was next looked at.
      ['Membership Terminated', '2026-03-30T00:00:00Z'],
    ]);
    for (const event of native) {
      expect(event).toMatchObject({
        version: '0',
        source: 'aws.security-ir',
        account: MANAGEMENT,
        region: 'us-east-1',
        resources: [arn],
        detail: { membershipId },
      });
      expect(Object.keys(event.detail)).toEqual(['membershipId']);
    }
  });

  it('undoMembershipCancellation restores a cancelled membership before its billing cycle ends', async () => {
    // Prepare
    const client = h.client();
    const membershipId = await h.createMembership();
    await client.send(new CancelMembershipCommand({ membershipId }));
    h.setNow(new Date('2026-03-29T22:00:00Z'));

    // Act
    await client.send(new UpdateMembershipCommand({ membershipId, undoMembershipCancellation: true }));
    h.setNow(new Date('2026-04-05T00:00:00Z'));
    await h.emulator.tick();
    const got = await client.send(new GetMembershipCommand({ membershipId }));

    // Assess
    expect(got.membershipStatus).toBe('Active');
    expect(got.membershipDeactivationTimestamp).toBeUndefined();
    expect(nativeTypes(h.delivered)).toEqual(['Membership Created', 'Membership Cancelled', 'Membership Updated']);
  });

  it('undoMembershipCancellation is refused once the membership is Terminated', async () => {
    // Prepare
    const client = h.client();
    const membershipId = await h.createMembership();
    await client.send(new CancelMembershipCommand({ membershipId }));
    h.setNow(new Date('2026-04-01T00:00:00Z'));

    // Act
    const error = await client
      .send(new UpdateMembershipCommand({ membershipId, undoMembershipCancellation: true }))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SecurityIncidentResponseNotActiveException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 400 }, message: expect.stringContaining('terminated') });
    expect((await client.send(new GetMembershipCommand({ membershipId }))).membershipStatus).toBe('Terminated');
  });

  it('undoMembershipCancellation: false is a ValidationException; on an Active membership a ConflictException', async () => {
    // Prepare
    const client = h.client();
    const membershipId = await h.createMembership();

    // Act
    const onFalse = await client
      .send(new UpdateMembershipCommand({ membershipId, undoMembershipCancellation: false }))
      .catch((e: unknown) => e);
    const onActive = await client
      .send(new UpdateMembershipCommand({ membershipId, undoMembershipCancellation: true }))
      .catch((e: unknown) => e);

    // Assess
    expect(onFalse).toBeInstanceOf(ValidationException);
    expect(onFalse).toMatchObject({ fieldList: [{ name: 'undoMembershipCancellation' }] });
    expect(onActive).toBeInstanceOf(ConflictException);
    expect(onActive).toMatchObject({ resourceId: membershipId, resourceType: 'membership' });
  });

  it('one live membership per organization; a new one once the old is Terminated', async () => {
    // Prepare
    const client = h.client();
    const first = await h.createMembership();

    // Act
    const second = await h.createMembership().catch((e: unknown) => e);
    await client.send(new CancelMembershipCommand({ membershipId: first }));
    const whileCancelled = await h.createMembership().catch((e: unknown) => e);
    h.setNow(new Date('2026-04-01T00:00:00Z'));
    const afterTermination = await h.createMembership();

    // Assess
    expect(second).toBeInstanceOf(ConflictException);
    expect(second).toMatchObject({ resourceId: first, resourceType: 'membership', $metadata: { httpStatusCode: 409 } });
    expect(whileCancelled).toBeInstanceOf(ConflictException);
    expect(afterTermination).not.toBe(first);
  });

  it('in an organization only the management account holds the membership; an outside account holds a Standalone one', async () => {
    // Prepare
    const member = await h.createAccount('payments');
    const outside = '999999999999';

    // Act
    const fromMember = await h
      .client(member)
      .send(new CreateMembershipCommand({ membershipName: 'rogue', incidentResponseTeam: TEAM }))
      .catch((e: unknown) => e);
    const standalone = await h
      .client(outside)
      .send(new CreateMembershipCommand({ membershipName: 'solo', incidentResponseTeam: TEAM }));
    const got = await h.client(outside).send(new GetMembershipCommand({ membershipId: standalone.membershipId }));
    const fromOtherAccount = await h
      .client()
      .send(new GetMembershipCommand({ membershipId: standalone.membershipId }))
      .catch((e: unknown) => e);

    // Assess
    expect(fromMember).toBeInstanceOf(AccessDeniedException);
    expect(got).toMatchObject({ customerType: 'Standalone', numberOfAccountsCovered: 1 });
    expect(got.membershipAccountsConfigurations).toBeUndefined();
    expect(fromOtherAccount).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });
});

describe('Security IR emulator: the other spelling of the cancellation event', () => {
  it('sends Membership Closed when told to (the user guide example spells it so)', async () => {
    // Prepare
    const h = await startSecurityIr(new Date('2026-03-10T12:00:00Z'), { cancellationDetailType: 'Membership Closed' });
    const membershipId = await h.createMembership();

    // Act
    await h.client().send(new CancelMembershipCommand({ membershipId }));

    // Assess
    expect(nativeTypes(h.delivered)).toEqual(['Membership Created', 'Membership Closed']);
    await h.stop();
  });
});
