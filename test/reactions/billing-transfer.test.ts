import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalReport } from '../../shared/local/scenario/report';
import { playScenario, readScenario } from '../support/stack';

/**
 * What a subscriber sees, in time order: when, detail-type, state or deadline and lead time. Events
 * of one instant come from deliveries that run concurrently (an AcceptHandshake record and its
 * ResponsibilityTransferAccepted service event): their relative order is not meaningful, so they are sorted.
 */
const story = (report: LocalReport): string[] =>
  report.emitted
    .filter((e) => e['detail-type'] !== 'Audit Completed')
    .map((e) => {
      const d = e.detail as { subject: string; after?: string; deadline?: string; leadTime?: string };
      return `${e.time} ${e['detail-type']} ${d.subject.split(':')[0]} ${d.after ?? `${d.deadline} in ${d.leadTime}`}`;
    })
    .sort((x, y) => x.slice(0, 20).localeCompare(y.slice(0, 20)) || x.localeCompare(y));

describe('scenario: a billing transfer to a trusted payer over months of scenario time', () => {
  let report: LocalReport;
  beforeAll(async () => {
    report = await playScenario(await readScenario('events/scenarios/billing-transfer-lifecycle.json'));
  });

  it('announces every phase and warns once at each lead time before each deadline, in order', () => {
    expect(story(report)).toEqual([
      // The invitation was sent to us: no event; the sweep's look at received invitations finds it.
      '2026-11-20T09:15:00Z Handshake State Changed handshake OPEN',
      '2026-11-20T09:15:00Z Responsibility Transfer State Changed transfer PENDING_ACCEPTANCE',
      // The acceptance deadline is 30 November 00:00 (24 hours before the start): 7 days before it…
      '2026-11-23T00:00:00Z Responsibility Transfer Expiring transfer acceptance in 7d',
      '2026-11-29T00:00:00Z Responsibility Transfer Expiring transfer acceptance in 1d',
      '2026-11-29T12:00:00Z Handshake State Changed handshake ACCEPTED',
      '2026-11-29T12:00:00Z Responsibility Transfer State Changed transfer ACCEPTED',
      '2026-11-29T12:15:00Z Responsibility Transfer Expiring transfer start in 7d',
      '2026-11-30T00:00:00Z Responsibility Transfer Expiring transfer start in 1d',
      '2026-11-30T23:00:00Z Responsibility Transfer Expiring transfer start in 1h',
      '2026-12-01T00:00:00Z Responsibility Transfer State Changed transfer ACTIVE',
      '2027-01-10T10:00:00Z Responsibility Transfer State Changed transfer ENDING',
      '2027-01-25T00:00:00Z Responsibility Transfer Expiring transfer end in 7d',
      '2027-01-31T00:00:00Z Responsibility Transfer Expiring transfer end in 1d',
      '2027-01-31T23:00:00Z Responsibility Transfer Expiring transfer end in 1h',
      '2027-02-01T00:00:00Z Responsibility Transfer State Changed transfer ENDED',
    ]);
  });

  it('audits the world after each change it made (the hourly audit finds nothing events did not say)', () => {
    const audits = report.emitted
      .filter((e) => e['detail-type'] === 'Audit Completed')
      .map((e) => (e.detail as { audit: { findings: number; import: boolean } }).audit);
    expect(audits.length).toBeGreaterThan(0);
    expect(audits.slice(1).every((audit) => audit.findings === 0 && !audit.import)).toBe(true);
  });

  it('keeps the transfer as the payer organization and AWS describe it, withdrawn but billed until its end', () => {
    const transfer = report.snapshots.find((s) => s.subject.startsWith('transfer:'))!;
    expect(transfer).toMatchObject({
      state: 'ENDED',
      data: {
        status: 'WITHDRAWN',
        direction: 'outbound',
        targetAccountId: '777777777777',
        sourceAccountId: '111111111111',
        startAt: '2026-12-01T00:00:00.000Z',
        endAt: '2027-01-31T23:59:59.000Z',
      },
    });
    expect(report.emitted.filter((e) => e['detail-type'] === 'Untrusted Party Detected')).toEqual([]);
    expect(report.deadLetters).toEqual([]);
  });
});
