import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalReport } from '../../shared/local/scenario/report';
import { playScenario, readScenario } from '../support/stack';

const types = (report: LocalReport, type: string) =>
  report.emitted.filter((e) => e['detail-type'] === type).map((e) => e.detail as Record<string, unknown>);

describe('scenario: an invitation to an untrusted account, delivered three times, under enforce', () => {
  let report: LocalReport;
  let handshake: string;
  beforeAll(async () => {
    report = await playScenario(await readScenario('events/scenarios/untrusted-invitation-enforced.json'));
    handshake = String(types(report, 'Untrusted Party Detected')[0]?.subject);
  });

  it('reports the untrusted party once', () => {
    expect(types(report, 'Untrusted Party Detected')).toEqual([
      expect.objectContaining({
        relationship: 'invitation-sent',
        parties: [{ id: '444444444444', type: 'ACCOUNT' }],
        reaction: 'untrustedInvitation',
        mode: 'enforce',
        state: 'OPEN',
      }),
    ]);
  });

  it('cancels the invitation exactly once and opens exactly one case, with the watchers of the policy', () => {
    const calls = report.apiCalls.filter((call) => !/^(Describe|List|Get|BatchGet)/.test(call.operation));
    expect(calls.map((call) => `${call.service} ${call.operation}`)).toEqual([
      'organizations CancelHandshake',
      'security-ir CreateCase',
    ]);
    expect(calls[0]!.input).toEqual({ HandshakeId: handshake.slice('handshake:'.length) });
    expect(calls[1]!.input).toMatchObject({
      engagementType: 'Investigation',
      resolverType: 'Self',
      impactedAccounts: ['444444444444'],
      watchers: [{ email: 'secops@example.com', name: 'SecOps on call' }],
    });
    expect(String((calls[1]!.input as { clientToken: string }).clientToken)).toMatch(/^orgwarden-[0-9a-f]{48}$/);
  });

  it('announces both reactions, and records the invitation CANCELED (its own CancelHandshake record told it)', () => {
    expect(types(report, 'Reaction Executed').map((d) => [d.action, d.outcome])).toEqual([
      ['cancel-handshake', 'executed'],
      ['open-case', 'executed'],
    ]);
    expect(
      report.history
        .filter((h) => h.subject === handshake)
        .map((h) => `${h.from} -> ${h.to} (${(h.cause as { eventName: string }).eventName})`),
    ).toEqual(['null -> OPEN (InviteAccountToOrganization)', 'OPEN -> CANCELED (CancelHandshake)']);
  });

  it('leaves the trusted invitation alone', () => {
    const trusted = report.snapshots.filter((s) => s.subject !== handshake && s.subject.startsWith('handshake:'));
    expect(trusted.map((s) => s.state)).toEqual(['OPEN']);
    expect(types(report, 'Untrusted Party Detected')).toHaveLength(1);
    expect(report.deadLetters).toEqual([]);
  });
});
