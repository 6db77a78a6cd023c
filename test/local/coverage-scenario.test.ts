import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalReport } from '../../shared/local/scenario/report';
import { playScenario, readScenario } from '../support/stack';

type Gap = {
  subject: string;
  accountId: string;
  trigger: string;
  mode: string;
  coverage: string;
  parentId?: string;
  coverageMode: string;
};
type Outcome = { action: string; outcome: string; reason?: string; at: string };

describe('scenario: a new account moved into an OU the membership does not cover (enforce)', () => {
  let report: LocalReport;
  let accountId: string;

  beforeAll(async () => {
    // Act
    report = await playScenario(await readScenario('events/scenarios/coverage-gap.json'));
    accountId = report.snapshots
      .find((s) => s.subject.startsWith('account:') && s.subject !== 'account:111111111111')!
      .subject.slice('account:'.length);
  });

  it('publishes Coverage Gap Detected when the account joins (in the root) and when it moves to Sandbox', () => {
    // Assess
    const gaps = report.emitted.filter((e) => e['detail-type'] === 'Coverage Gap Detected').map((e) => e.detail as Gap);
    expect(
      gaps.map(
        (g) => `${g.accountId} ${g.trigger} ${g.coverage} ${g.parentId?.slice(0, 2)} ${g.coverageMode} ${g.mode}`,
      ),
    ).toEqual([
      `${accountId} joined Unassociated r- OrganizationalUnits enforce`,
      `${accountId} moved Unassociated ou OrganizationalUnits enforce`,
    ]);
  });

  it('adds the Sandbox OU once (the root cannot be added: reported), and confirms the coverage after the propagation delay', () => {
    // Assess
    const updates = report.apiCalls.filter((c) => c.operation === 'UpdateMembership');
    expect(updates).toHaveLength(1);
    const moved = report.emitted
      .filter((e) => e['detail-type'] === 'Coverage Gap Detected')
      .map((e) => e.detail as Gap)[1]!;
    expect(updates[0]!.input).toMatchObject({
      membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [moved.parentId] },
    });
    const outcomes = report.emitted
      .filter((e) => e['detail-type'].startsWith('Reaction '))
      .map((e) => e.detail as Outcome);
    expect(outcomes.map((o) => `${o.action} ${o.outcome} ${o.at}`)).toEqual([
      'check-coverage failed 2026-11-03T10:00:00.000Z',
      'cover-account executed 2026-11-03T10:05:00.000Z',
      'confirm-coverage executed 2026-11-03T10:30:00.000Z',
    ]);
    expect(outcomes[0]!.reason).toContain("sits in the organization's root");
    expect(outcomes[2]!.reason).toContain('is covered by');
  });

  it('confirms later, never right after the call: the first coverage read after the update is at least the propagation delay later', () => {
    // Assess
    const update = report.apiCalls.find((c) => c.operation === 'UpdateMembership')!;
    // The confirmation reads the account alone; the hourly audit reads every account of the organization.
    const readsAfter = report.apiCalls.filter(
      (c) =>
        c.operation === 'BatchGetMemberAccountDetails' &&
        c.at > update.at &&
        (c.input as { accountIds: string[] }).accountIds.length === 1,
    );
    expect(readsAfter.map((c) => c.at)).toEqual(['2026-11-03T10:30:00.000Z']);
    expect(report.deadLetters).toEqual([]);
  });
  it('records what the confirmation read as the account’s coverage, at once, not at the next audit (chaos seed 161)', () => {
    // Assess: the coverage subject became Associated when the confirmation saw it (10:30), so a
    // coverage that lasts less than the audits' interval is still in the history.
    const coverage = report.history
      .filter((t) => t.subject === `coverage:${accountId}`)
      .map((t) => `${t.from ?? '(new)'} -> ${t.to} ${t.at} ${(t.cause as { eventName: string }).eventName}`);
    expect(coverage).toContain('Unassociated -> Associated 2026-11-03T10:30:00.000Z CheckCoverage');
  });
});
