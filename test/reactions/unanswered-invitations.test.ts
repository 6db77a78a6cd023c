import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalReport } from '../../shared/local/scenario/report';
import { playScenario, readScenario } from '../support/stack';

describe('scenario: invitations nobody answers, and one that enabling all features cancels', () => {
  let report: LocalReport;
  let invites: string[];
  beforeAll(async () => {
    report = await playScenario(await readScenario('events/scenarios/unanswered-invitations.json'));
    invites = report.history
      .filter((h) => h.from === null && (h.cause as { eventName: string }).eventName === 'InviteAccountToOrganization')
      .map((h) => h.subject);
  });

  it('warns before the unanswered invitation expires, once per lead time, then records it EXPIRED', () => {
    const [unanswered] = invites;
    expect(
      report.emitted
        .filter((e) => (e.detail as { subject: string }).subject === unanswered)
        .map(
          (e) =>
            `${e.time} ${e['detail-type']} ${(e.detail as { after?: string; leadTime?: string }).after ?? (e.detail as { leadTime: string }).leadTime}`,
        ),
    ).toEqual([
      '2026-11-02T09:00:00Z Handshake State Changed OPEN',
      '2026-11-10T09:00:00Z Handshake Expiring 7d',
      '2026-11-16T09:00:00Z Handshake Expiring 1d',
      '2026-11-17T08:00:00Z Handshake Expiring 1h',
      '2026-11-17T09:00:00Z Handshake State Changed EXPIRED',
    ]);
    const expiring = report.emitted.find((e) => e['detail-type'] === 'Handshake Expiring')!.detail;
    expect(expiring).toMatchObject({
      schemaVersion: 1,
      deadline: 'expiry',
      dueAt: '2026-11-17T09:00:00.000Z',
      state: 'OPEN',
      key: `${unanswered}#expiry@2026-11-17T09:00:00.000Z#7d`,
    });
  });

  it('records CANCELED the pending invitation that EnableAllFeatures cancelled without any CancelHandshake record', () => {
    const [, pending] = invites;
    expect(
      report.history
        .filter((h) => h.subject === pending)
        .map((h) => `${h.from} -> ${h.to} (${(h.cause as { eventName: string }).eventName})`),
    ).toEqual(['null -> OPEN (InviteAccountToOrganization)', 'OPEN -> CANCELED (EnableAllFeatures)']);
    expect(report.apiCalls.filter((c) => c.operation === 'CancelHandshake')).toEqual([]);
  });
});
