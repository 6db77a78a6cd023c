import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../shared/local/scenario/scenario';
import { playScenario } from '../support/stack';

const MANAGEMENT = '111111111111';
const ADMIN = '222222222222';
const TEAM = [
  { name: 'Ada Lovelace', jobTitle: 'CISO', email: 'ada@example.com' },
  { name: 'Bob Smith', jobTitle: 'Security engineer', email: 'bob@example.com' },
];

// Issue 8: removing the delegated administrator terminates the membership at once. The membership
// lives in the delegated administrator's account (its events go to that account's bus, only that
// account can read it), so orgwarden watches it from there: deployed to the delegated administrator,
// with the management account's Organizations events forwarded to it.
const scenario = {
  name: 'The delegated administrator of Security IR removed',
  start: '2026-11-02T09:00:00Z',
  organization: {
    id: 'o-delegated12',
    managementAccountId: MANAGEMENT,
    existing: { delegatedAdministrators: [{ accountId: ADMIN, servicePrincipal: 'security-ir.amazonaws.com' }] },
  },
  deployment: { accountId: ADMIN },
  steps: [
    { at: '2026-11-02T09:30:00Z', api: { service: 'security-ir', operation: 'CreateMembership', caller: ADMIN, input: { clientToken: 'delegated', membershipName: 'delegated', incidentResponseTeam: TEAM } } },
    { at: '2026-11-02T10:00:00Z', api: { service: 'organizations', operation: 'CreateAccount', input: { Email: 'new@example.com', AccountName: 'New' } } },
    { at: '2026-11-03T09:00:00Z', api: { service: 'organizations', operation: 'DeregisterDelegatedAdministrator', input: { AccountId: ADMIN, ServicePrincipal: 'security-ir.amazonaws.com' } } },
    { advanceTo: '2026-11-03T12:00:00Z' },
  ],
} as unknown as Scenario;

describe("scenario: orgwarden in the delegated administrator's account, the administrator deregistered", () => {
  it('records the membership Terminated at once and reports the loss as unrecoverable', async () => {
    // Act
    const report = await playScenario(scenario);
    // Assess
    const membership = report.history.filter((t) => t.subject.startsWith('membership:')).map((t) => `${t.from ?? '(new)'} -> ${t.to}`);
    expect(membership).toEqual(['(new) -> Active', 'Active -> Terminated']);
    const failed = report.emitted.filter((e) => e['detail-type'] === 'Reaction Failed').map((e) => e.detail as { action: string; reason: string; at: string });
    expect(failed).toEqual([expect.objectContaining({ action: 'restore-membership', reason: expect.stringContaining('unrecoverable') as string })]);
    expect(failed[0]!.at.startsWith('2026-11-03T09:')).toBe(true);
    // The management account's events, forwarded: the account it created is recorded from its event
    // (not by an audit), read by the delegated administrator, and its coverage checked.
    const created = report.history.filter((t) => t.subject.startsWith('account:') && t.to === 'JOINED' && !String((t.cause as { eventId: string }).eventId).startsWith('audit:'));
    expect(created).toEqual([expect.objectContaining({ from: null, at: '2026-11-02T10:00:00.000Z' })]);
    const gap = report.emitted.filter((e) => e['detail-type'] === 'Coverage Gap Detected').map((e) => (e.detail as { accountId: string }).accountId);
    expect(gap).toEqual([created[0]!.subject.slice('account:'.length)]);
    expect(report.apiCalls.filter((c) => c.caller !== ADMIN)).toEqual([]);
    expect(report.deadLetters).toEqual([]);
  }, 60_000);
});
