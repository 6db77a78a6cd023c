import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalReport } from '../../shared/local/scenario/report';
import type { Scenario } from '../../shared/local/scenario/scenario';
import { playScenario, readScenario } from '../support/stack';

const of = (report: LocalReport, type: string) =>
  report.emitted.filter((e) => e['detail-type'] === type).map((e) => e.detail as Record<string, unknown>);
const writes = (report: LocalReport) =>
  report.apiCalls.filter((call) => !/^(Describe|List|Get|BatchGet)/.test(call.operation)).map((call) => call.operation);
const stateOf = (report: LocalReport, subject: string) => report.snapshots.find((s) => s.subject === subject)?.state;

describe('scenario: billing-transfer invitations received, under enforce', () => {
  let report: LocalReport;
  beforeAll(async () => {
    report = await playScenario(await readScenario('events/scenarios/billing-invitations-received.json'));
  });

  it('declines the invitation of the untrusted organization once, reports it once, and records it and its transfer DECLINED', () => {
    const [untrusted, ...others] = of(report, 'Untrusted Party Detected');
    expect(others).toEqual([]);
    expect(untrusted).toMatchObject({ relationship: 'billing-payer', mode: 'enforce', reaction: 'untrustedTransfer' });
    expect(untrusted!.parties).toEqual(expect.arrayContaining([{ id: '888888888888', type: 'ACCOUNT' }]));
    expect(writes(report)).toEqual(['DeclineHandshake']);
    expect(of(report, 'Reaction Executed').map((d) => [d.subject, d.action, d.outcome])).toEqual([
      [untrusted!.subject, 'decline-handshake', 'executed'],
    ]);
    const handshake = String(untrusted!.subject);
    const transfer = report.snapshots.find(
      (s) =>
        s.subject.startsWith('transfer:') &&
        (s.data as { handshakeId?: string }).handshakeId === handshake.slice('handshake:'.length),
    )!;
    expect([stateOf(report, handshake), transfer.state]).toEqual(['DECLINED', 'DECLINED']);
  });

  it('lets the invitation sent six days before its start expire 24 hours before the start, after its warnings', () => {
    const late = report.snapshots.find((s) => s.subject.startsWith('transfer:') && s.state === 'EXPIRED')!;
    expect(late.data).toMatchObject({
      targetAccountId: '777777777777',
      startAt: '2026-12-01T00:00:00.000Z',
      status: 'EXPIRED',
    });
    expect(late.observedAt).toBe('2026-11-30T00:00:00.000Z');
    expect(Date.parse(late.observedAt)).toBeLessThan(Date.parse('2026-12-01T00:00:00Z'));
    expect(
      of(report, 'Responsibility Transfer Expiring')
        .filter((d) => d.subject === late.subject)
        .map((d) => `${String(d.deadline)} ${String(d.leadTime)}`),
    ).toEqual(['acceptance 7d', 'acceptance 1d', 'acceptance 1h']);
  });
});

describe('the same invitations under notify', () => {
  it('reports the untrusted organization and changes nothing in AWS', async () => {
    const scenario = await readScenario('events/scenarios/billing-invitations-received.json');
    const notify: Scenario = {
      ...scenario,
      policy: { ...scenario.policy, reactions: { untrustedTransfer: 'notify' } },
    };
    const report = await playScenario(notify);
    expect(of(report, 'Untrusted Party Detected').map((d) => d.mode)).toEqual(['notify']);
    expect(writes(report)).toEqual([]);
    expect(of(report, 'Reaction Executed')).toEqual([]);
    expect(
      report.snapshots
        .filter((s) => s.subject.startsWith('transfer:'))
        .map((s) => s.state)
        .sort(),
    ).toEqual(['EXPIRED', 'EXPIRED']);
  });
});
