import { afterEach, describe, expect, it } from 'vitest';
import {
  CancelMembershipCommand,
  CreateCaseCommand,
  GetMembershipCommand,
  SecurityIncidentResponseNotActiveException,
  UpdateMembershipCommand,
} from '../../shared/adapters/security-ir';
import { deactivationOf, endOfBillingCycle } from '../../shared/local/emulators/security-ir';
import { nativeTypes, startSecurityIr, type SecurityIrHarness } from './security-ir-harness';

const at = (iso: string): Date => new Date(iso);

describe('Security IR billing cycle (user guide, "Cancel Membership")', () => {
  it.each([
    // The guide's example: a cancellation in August 2025 takes effect on 2025-08-29, available through that day.
    ['2025-08-10T15:00:00Z', '2025-08-30T00:00:00Z'],
    // Its cycle boundaries: Dec 29, Jan 29, Feb 26 (non-leap year), March 29.
    ['2025-12-01T00:00:00Z', '2025-12-30T00:00:00Z'],
    ['2026-01-29T23:59:59Z', '2026-01-30T00:00:00Z'],
    ['2026-01-30T00:00:00Z', '2026-02-27T00:00:00Z'],
    ['2026-02-27T08:00:00Z', '2026-03-30T00:00:00Z'],
    // Derived: a leap-year February ends its cycle on the 27th, a 30-day month on the 28th.
    ['2028-02-01T00:00:00Z', '2028-02-28T00:00:00Z'],
    ['2026-04-15T00:00:00Z', '2026-04-29T00:00:00Z'],
    // After the cycle's last day, the cancellation runs to the next month's cycle end (across a year).
    ['2026-12-30T10:00:00Z', '2027-01-30T00:00:00Z'],
  ])('cancelled at %s, the membership ends at %s', (cancelledAt, end) => {
    // Act
    const deactivation = endOfBillingCycle(at(cancelledAt));

    // Assess
    expect(deactivation).toEqual(at(end));
  });

  it('takes the offset from the month end of another anchor: the last day of a month gives calendar months', () => {
    // Prepare
    const anchor = at('2026-01-31T00:00:00Z');

    // Act
    const ends = ['2026-02-10T00:00:00Z', '2026-04-30T12:00:00Z'].map((d) => endOfBillingCycle(at(d), anchor));

    // Assess
    expect(ends).toEqual([at('2026-03-01T00:00:00Z'), at('2026-05-01T00:00:00Z')]);
  });

  it('gives the deactivation of each window', () => {
    // Prepare
    const cancelledAt = at('2026-03-10T12:00:00Z');

    // Act
    const windows = [
      { mode: 'billing-cycle' as const },
      { mode: 'calendar-month' as const },
      { mode: 'immediate' as const },
    ].map((w) => deactivationOf(w, cancelledAt));

    // Assess
    expect(windows).toEqual([at('2026-03-30T00:00:00Z'), at('2026-04-01T00:00:00Z'), cancelledAt]);
  });
});

describe('Security IR emulator: the cancellation window, per instance', () => {
  let h: SecurityIrHarness;
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  const caseInput = {
    resolverType: 'Self' as const,
    title: 'After the cancellation',
    description: 'A case opened after the cancellation.',
    engagementType: 'Investigation' as const,
    reportedIncidentStartDate: at('2026-03-09T00:00:00Z'),
    impactedAccounts: [],
    watchers: [],
  };

  it('immediate: Cancelled and Terminated within the call, deactivation now, undo refused', async () => {
    // Prepare
    h = await startSecurityIr(at('2026-03-10T12:00:00Z'), { cancellation: { mode: 'immediate' } });
    const client = h.client();
    const membershipId = await h.createMembership({ coverEntireOrganization: true });

    // Act
    await client.send(new CancelMembershipCommand({ membershipId }));
    const got = await client.send(new GetMembershipCommand({ membershipId }));
    const undo = await client
      .send(new UpdateMembershipCommand({ membershipId, undoMembershipCancellation: true }))
      .catch((e: unknown) => e);
    const openCase = await client.send(new CreateCaseCommand(caseInput)).catch((e: unknown) => e);

    // Assess
    expect(got).toMatchObject({
      membershipStatus: 'Terminated',
      membershipDeactivationTimestamp: at('2026-03-10T12:00:00Z'),
      numberOfAccountsCovered: 0,
    });
    expect(undo).toBeInstanceOf(SecurityIncidentResponseNotActiveException);
    expect(openCase).toBeInstanceOf(SecurityIncidentResponseNotActiveException);
    const native = h.delivered.filter((e) => e['detail-type'] !== 'AWS API Call via CloudTrail');
    expect(native.map((e) => [e['detail-type'], e.time])).toEqual([
      ['Membership Created', '2026-03-10T12:00:00Z'],
      ['Membership Cancelled', '2026-03-10T12:00:00Z'],
      ['Membership Terminated', '2026-03-10T12:00:00Z'],
    ]);
  });

  it('calendar-month: the first instant of the next month, as the emulator did before', async () => {
    // Prepare
    h = await startSecurityIr(at('2026-03-10T12:00:00Z'), { cancellation: { mode: 'calendar-month' } });
    const client = h.client();
    const membershipId = await h.createMembership();
    await client.send(new CancelMembershipCommand({ membershipId }));

    // Act
    h.setNow(at('2026-03-31T23:59:59Z'));
    const lastSecond = await client.send(new GetMembershipCommand({ membershipId }));
    h.setNow(at('2026-04-01T00:00:00Z'));
    const after = await client.send(new GetMembershipCommand({ membershipId }));

    // Assess
    expect(lastSecond).toMatchObject({
      membershipStatus: 'Cancelled',
      membershipDeactivationTimestamp: at('2026-04-01T00:00:00Z'),
    });
    expect(after.membershipStatus).toBe('Terminated');
  });

  it('billing-cycle with an anchor: the cycle ends as many days before the month end as the anchor', async () => {
    // Prepare: cycles ending 10 days before the month end (March 21).
    h = await startSecurityIr(at('2026-03-10T12:00:00Z'), {
      cancellation: { mode: 'billing-cycle', anchor: at('2026-01-21T00:00:00Z') },
    });
    const client = h.client();
    const membershipId = await h.createMembership();

    // Act
    await client.send(new CancelMembershipCommand({ membershipId }));
    const got = await client.send(new GetMembershipCommand({ membershipId }));
    h.setNow(at('2026-03-22T00:00:00Z'));
    await h.emulator.tick();

    // Assess
    expect(got.membershipDeactivationTimestamp).toEqual(at('2026-03-22T00:00:00Z'));
    expect(h.delivered.at(-1)).toMatchObject({ 'detail-type': 'Membership Terminated', time: '2026-03-22T00:00:00Z' });
  });

  it('the default is the billing cycle; a cancelled membership is restored by undo until it ends', async () => {
    // Prepare
    h = await startSecurityIr(at('2026-02-03T09:00:00Z'));
    const client = h.client();
    const membershipId = await h.createMembership();
    await client.send(new CancelMembershipCommand({ membershipId }));
    const cancelled = await client.send(new GetMembershipCommand({ membershipId }));

    // Act
    h.setNow(at('2026-02-26T23:00:00Z'));
    await client.send(new UpdateMembershipCommand({ membershipId, undoMembershipCancellation: true }));
    h.setNow(at('2026-03-05T00:00:00Z'));
    const later = await client.send(new GetMembershipCommand({ membershipId }));

    // Assess
    expect(cancelled.membershipDeactivationTimestamp).toEqual(at('2026-02-27T00:00:00Z'));
    expect(later.membershipStatus).toBe('Active');
    expect(nativeTypes(h.delivered)).toEqual(['Membership Created', 'Membership Cancelled', 'Membership Updated']);
  });
});
