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
    {
      at: '2026-11-02T09:30:00Z',
      api: {
        service: 'security-ir',
        operation: 'CreateMembership',
        caller: ADMIN,
        input: { clientToken: 'delegated', membershipName: 'delegated', incidentResponseTeam: TEAM },
      },
    },
    {
      at: '2026-11-02T10:00:00Z',
      api: {
        service: 'organizations',
        operation: 'CreateAccount',
        input: { Email: 'new@example.com', AccountName: 'New' },
      },
    },
    {
      at: '2026-11-03T09:00:00Z',
      api: {
        service: 'organizations',
        operation: 'DeregisterDelegatedAdministrator',
        input: { AccountId: ADMIN, ServicePrincipal: 'security-ir.amazonaws.com' },
      },
    },
    { advanceTo: '2026-11-03T12:00:00Z' },
  ],
} as unknown as Scenario;

describe("scenario: orgwarden in the delegated administrator's account, the administrator deregistered", () => {
  it('records the membership Terminated at once and reports the loss as unrecoverable', async () => {
    // Act
    const report = await playScenario(scenario);
    // Assess
    const membership = report.history
      .filter((t) => t.subject.startsWith('membership:'))
      .map((t) => `${t.from ?? '(new)'} -> ${t.to}`);
    expect(membership).toEqual(['(new) -> Active', 'Active -> Terminated']);
    const failed = report.emitted
      .filter((e) => e['detail-type'] === 'Reaction Failed')
      .map((e) => e.detail as { action: string; reason: string; at: string });
    expect(failed).toEqual([
      expect.objectContaining({
        action: 'restore-membership',
        reason: expect.stringContaining('unrecoverable') as string,
      }),
    ]);
    expect(failed[0]!.at.startsWith('2026-11-03T09:')).toBe(true);
    // The management account's events, forwarded: the account it created is recorded from its event
    // (not by an audit), read by the delegated administrator, and its coverage checked.
    const created = report.history.filter(
      (t) =>
        t.subject.startsWith('account:') &&
        t.to === 'JOINED' &&
        !String((t.cause as { eventId: string }).eventId).startsWith('audit:'),
    );
    expect(created).toEqual([expect.objectContaining({ from: null, at: '2026-11-02T10:00:00.000Z' })]);
    const gap = report.emitted
      .filter((e) => e['detail-type'] === 'Coverage Gap Detected')
      .map((e) => (e.detail as { accountId: string }).accountId);
    expect(gap).toEqual([created[0]!.subject.slice('account:'.length)]);
    expect(report.apiCalls.filter((c) => c.caller !== ADMIN)).toEqual([]);
    // Deregistered, the account may no longer read Organizations: the forwarded record of its own
    // deregistration cannot be re-read and is kept, classified, in the dead-letter queue (its alarm
    // is the signal to deploy again to the management account). Nothing else is dead-lettered.
    expect(
      report.deadLetters.map((d) => [
        (d.event as { detail: { eventName: string } }).detail.eventName,
        d.error.name,
        d.error.message.includes('AccessDenied'),
      ]),
    ).toEqual([['DeregisterDelegatedAdministrator', 'UpstreamRejectedError', true]]);
  }, 60_000);
});

// The same removal seen from a deployment to the management account, which cannot read the
// membership: the delegated administrator itself is a subject (`delegated-admin:<service>`), read
// with ListDelegatedAdministrators; its first audit imports who administers Security IR.
const fromManagement = {
  name: 'The delegated administrator of Security IR removed, seen from the management account',
  start: '2026-11-02T09:00:00Z',
  organization: {
    id: 'o-delegated12',
    managementAccountId: MANAGEMENT,
    existing: { delegatedAdministrators: [{ accountId: ADMIN, servicePrincipal: 'security-ir.amazonaws.com' }] },
  },
  steps: [
    {
      at: '2026-11-02T09:30:00Z',
      api: {
        service: 'security-ir',
        operation: 'CreateMembership',
        caller: ADMIN,
        input: { clientToken: 'delegated', membershipName: 'delegated', incidentResponseTeam: TEAM },
      },
    },
    {
      at: '2026-11-03T09:00:00Z',
      api: {
        service: 'organizations',
        operation: 'DeregisterDelegatedAdministrator',
        input: { AccountId: ADMIN, ServicePrincipal: 'security-ir.amazonaws.com' },
      },
    },
    { redeliver: 'DeregisterDelegatedAdministrator' },
    { advanceTo: '2026-11-03T12:00:00Z' },
  ],
} as unknown as Scenario;

describe('scenario: orgwarden in the management account, the delegated administrator of Security IR deregistered', () => {
  it('imports who administers Security IR, then announces the removal once, although its record arrived twice', async () => {
    // Act
    const report = await playScenario(fromManagement);
    // Assess
    const history = report.history
      .filter((t) => t.subject === 'delegated-admin:security-ir.amazonaws.com')
      .map((t) => `${t.from ?? '(new)'} -> ${t.to} ${t.at}`);
    expect(history).toEqual([
      `(new) -> ${ADMIN} 2026-11-02T10:00:00.000Z`,
      `${ADMIN} -> NONE 2026-11-03T09:00:00.000Z`,
    ]);
    const announced = report.emitted
      .filter((e) => e['detail-type'] === 'Delegated Administrator Changed')
      .map((e) => e.detail);
    expect(announced).toEqual([
      expect.objectContaining({
        subject: 'delegated-admin:security-ir.amazonaws.com',
        before: ADMIN,
        after: 'NONE',
        delegatedAdministrator: { servicePrincipal: 'security-ir.amazonaws.com', accountIds: [] },
      }),
    ]);
    // One ListDelegatedAdministrators for the event (the copy is a duplicate: no call), and the audits' own.
    const eventReads = report.apiCalls.filter(
      (c) => c.operation === 'ListDelegatedAdministrators' && c.at === '2026-11-03T09:00:00.000Z',
    );
    expect(eventReads).toHaveLength(1);
    expect(report.deadLetters).toEqual([]);
  }, 60_000);
});

describe('scenario: the delegated administrator of Security IR closed, with no deregistration call', () => {
  it('is found gone by the audit once the closed account has left the organization', async () => {
    // Prepare: the administrator's account closed the day after orgwarden's first audit; AWS removes it
    // from the organization 90 days later, and its delegations with it, with no call to log.
    const closed = {
      ...fromManagement,
      name: 'The delegated administrator of Security IR closed',
      steps: [
        {
          at: '2026-11-03T09:00:00Z',
          api: { service: 'organizations', operation: 'CloseAccount', input: { AccountId: ADMIN } },
        },
        // One jump past the cleaning (90 days later): the local stack stops its clock at the cleaning
        // itself, so the next hourly audit sees the world changed.
        { advanceTo: '2027-02-02T03:00:00Z' },
      ],
    } as unknown as Scenario;
    // Act
    const report = await playScenario(closed);
    // Assess
    const history = report.history.filter((t) => t.subject === 'delegated-admin:security-ir.amazonaws.com');
    expect(history.map((t) => `${t.from ?? '(new)'} -> ${t.to}`)).toEqual([`(new) -> ${ADMIN}`, `${ADMIN} -> NONE`]);
    expect((history[1]!.cause as { eventName: string }).eventName).toBe('Audit');
    expect(
      report.emitted
        .filter((e) => e['detail-type'] === 'Delegated Administrator Changed')
        .map((e) => (e.detail as { after: string }).after),
    ).toEqual(['NONE']);
  }, 120_000);
});
