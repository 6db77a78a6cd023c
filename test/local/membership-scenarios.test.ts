import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalReport } from '../../shared/local/scenario/report';
import { playScenario, readScenario } from '../support/stack';

type Detail = {
  subject?: string;
  before?: string | null;
  after?: string;
  action?: string;
  outcome?: string;
  reason?: string;
  target?: string;
};

const transitions = (report: LocalReport): string[] =>
  report.emitted
    .filter((e) => e['detail-type'] === 'Membership State Changed')
    .map((e) => e.detail as Detail)
    .map((d) => `${d.before ?? '(new)'}->${d.after}`);
const reactions = (report: LocalReport): string[] =>
  report.emitted
    .filter((e) => e['detail-type'] === 'Reaction Executed' || e['detail-type'] === 'Reaction Failed')
    .map((e) => e.detail as Detail)
    .map((d) => `${e2(d)}`);
const e2 = (d: Detail): string => `${d.action} ${d.outcome}`;
const calls = (report: LocalReport, operation: string): number =>
  report.apiCalls.filter((c) => c.operation === operation).length;

describe('scenario: a membership cancelled mid-cycle under enforce', () => {
  let report: LocalReport;

  beforeAll(async () => {
    // Act
    report = await playScenario(await readScenario('events/scenarios/membership-restored.json'));
  });

  it('restores it with exactly one UpdateMembership, although the native event and the CloudTrail record both arrived twice', () => {
    // Assess
    expect(calls(report, 'UpdateMembership')).toBe(1);
    expect(report.apiCalls.find((c) => c.operation === 'UpdateMembership')!.input).toEqual({
      membershipId: expect.stringMatching(/^m-/),
      undoMembershipCancellation: true,
    });
    expect(reactions(report).filter((r) => r === 'restore-membership executed')).toHaveLength(1);
    expect(reactions(report).filter((r) => r.endsWith('failed'))).toEqual([]);
  });

  it('leaves the membership Active, the newest state, with its cancellation and restoration in the history', () => {
    // Assess
    const [membership] = report.snapshots.filter((s) => s.subject.startsWith('membership:'));
    expect(membership).toMatchObject({ state: 'Active' });
    expect(transitions(report).slice(0, 3)).toEqual(['(new)->Active', 'Active->Cancelled', 'Cancelled->Active']);
    expect(transitions(report).at(-1)).toBe('Cancelled->Active');
    expect(report.deadLetters).toEqual([]);
  });
});

describe('scenario: a membership cancelled near the end of its billing cycle, no restore (notify)', () => {
  let report: LocalReport;

  beforeAll(async () => {
    report = await playScenario(await readScenario('events/scenarios/membership-terminated.json'));
  });

  it('records Cancelled with the deactivation time the service reports, then Terminated at that time', () => {
    // Assess
    expect(transitions(report)).toEqual(['(new)->Active', 'Active->Cancelled', 'Cancelled->Terminated']);
    const history = report.history.filter((h) => h.subject.startsWith('membership:')).map((h) => `${h.to} ${h.at}`);
    expect(history).toEqual([
      'Active 2026-11-02T09:05:00.000Z',
      'Cancelled 2026-11-27T10:00:00.000Z',
      'Terminated 2026-11-29T00:00:00.000Z',
    ]);
    const cancelled = report.emitted.find((e) => (e.detail as Detail).after === 'Cancelled')!.detail as {
      membership: Record<string, unknown>;
    };
    expect(cancelled.membership.membershipDeactivationTimestamp).toBe('2026-11-29T00:00:00.000Z');
  });

  it('reports the end as unrecoverable (Reaction Failed with the reason) and never tries to restore', () => {
    // Assess
    const failed = report.emitted.filter((e) => e['detail-type'] === 'Reaction Failed').map((e) => e.detail as Detail);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      action: 'restore-membership',
      outcome: 'failed',
      reason: expect.stringContaining(
        'unrecoverable: the membership was Cancelled and is Terminated at 2026-11-29T00:00:00.000Z',
      ),
    });
    expect(calls(report, 'UpdateMembership')).toBe(0);
  });
});

describe('scenario: the same cancellation when AWS ends memberships immediately (enforce)', () => {
  let report: LocalReport;

  beforeAll(async () => {
    report = await playScenario(await readScenario('events/scenarios/membership-immediate.json'));
  });

  it('reads Terminated at once: the loss is reported as unrecoverable, once, and nothing is retried', () => {
    // Assess
    expect(transitions(report)).toEqual(['(new)->Active', 'Active->Terminated']);
    expect(reactions(report)).toEqual(['restore-membership failed']);
    expect(calls(report, 'UpdateMembership')).toBe(0);
    expect(report.deadLetters).toEqual([]);
  });
});
