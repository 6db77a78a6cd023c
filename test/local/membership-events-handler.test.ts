import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type LocalReport } from '../../shared/local/scenario/report';
import { rehearse, type TimelineEntry } from '../../shared/local/scenario/run-scenario';
import { parseScenario, type Scenario } from '../../shared/local/scenario/scenario';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { projectRoot } from '../../shared/local/template';
import { playScenario, readScenario } from '../support/stack';

type Detail = { before?: string | null; after?: string; action?: string; outcome?: string };

const transitions = (report: LocalReport): string[] =>
  report.emitted
    .filter((e) => e['detail-type'] === 'Membership State Changed')
    .map((e) => e.detail as Detail)
    .map((d) => `${d.before ?? '(new)'}->${d.after}`);

describe('scenario: a membership cancelled mid-cycle under notify', () => {
  let report: LocalReport;

  beforeAll(async () => {
    // Prepare: the mid-cycle cancellation of membership-restored.json (events twice each), the reaction at notify.
    const scenario = await readScenario('events/scenarios/membership-restored.json');
    // Act
    report = await playScenario({
      ...scenario,
      policy: { version: 1, reactions: { restoreCancelledMembership: 'notify' } },
    });
  });

  it('reports the cancellation once and changes nothing in AWS: the membership stays Cancelled', () => {
    // Assess
    expect(transitions(report)).toEqual(['(new)->Active', 'Active->Cancelled']);
    expect(
      report.apiCalls.filter((c) => c.service === 'security-ir' && !/^(Get|List|BatchGet)/.test(c.operation)),
    ).toEqual([]);
    expect(report.snapshots.filter((s) => s.subject.startsWith('membership:')).map((s) => s.state)).toEqual([
      'Cancelled',
    ]);
    expect(
      report.emitted.filter((e) => e['detail-type'] === 'Reaction Executed' || e['detail-type'] === 'Reaction Failed'),
    ).toEqual([]);
    expect(report.deadLetters).toEqual([]);
  });
});

// The user guide's sample events (events/security-ir/, one envelope id shared by all) delivered to
// membership-changed through the bus, about a membership of the emulated world: late, out of order
// and twice, after the service's own events.
const guide = async (name: string, membershipId: string): Promise<Record<string, unknown>> => {
  const event = JSON.parse(await readFile(join(projectRoot, 'events/security-ir', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
  return {
    ...event,
    resources: [`arn:aws:security-ir:us-east-1:111111111111:membership/${membershipId}`],
    detail: { membershipId },
  };
};

describe('the native events in the shapes of the user guide, out of order and duplicated, through the handler', () => {
  let report: LocalReport;
  let timeline: TimelineEntry[];
  let envelopeIds: string[];

  beforeAll(async () => {
    // Prepare: a membership created, then cancelled (the service's own events are delivered as they happen).
    const stack = await LocalStack.start({
      start: new Date('2026-11-02T09:00:00Z'),
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
    });
    try {
      const team = [
        { name: 'Ada Lovelace', jobTitle: 'CISO', email: 'ada@example.com' },
        { name: 'Bob Smith', jobTitle: 'Security engineer', email: 'bob@example.com' },
      ];
      const created = await stack.securityIr.handle(
        'CreateMembership',
        { clientToken: 'guide', membershipName: 'guide', incidentResponseTeam: team },
        '111111111111',
      );
      const id = created.membershipId as string;
      await stack.advanceTo(new Date('2026-11-10T14:00:00Z'));
      await stack.securityIr.handle('CancelMembership', { membershipId: id }, '111111111111');
      await stack.advanceTo(new Date('2026-11-10T14:01:00Z'));
      // Act: the guide's events, oldest last, the cancellation twice.
      const events = await Promise.all(
        [
          'membership-closed',
          'membership-created',
          'membership-closed',
          'membership-cancelled',
          'membership-updated',
        ].map((name) => guide(name, id)),
      );
      envelopeIds = events.map((e) => e.id as string);
      const deliveries: Scenario = parseScenario({
        name: 'the guide events',
        start: '2026-11-10T14:01:00Z',
        steps: events.map((event, n) => ({ at: `2026-11-10T14:0${n + 2}:00Z`, event })),
      });
      timeline = (await rehearse(deliveries, stack)).timeline;
      report = await buildReport(stack);
    } finally {
      await stack.stop();
    }
  });

  it('shares one envelope id across the samples, as the guide prints them', () => {
    // Closed, Created, Closed again, Cancelled (the samples of the guide's page share one); Updated has its own.
    expect(new Set(envelopeIds.slice(0, 4)).size).toBe(1);
  });

  it('processes each: a repeated one as a duplicate, the others re-read as unchanged; the membership stays Cancelled, its newest state', () => {
    // Assess
    const outcomes = timeline
      .filter((t) => t.kind === 'delivery' && t.at >= '2026-11-10T14:02' && t.text.includes('membership-changed'))
      .map((t) => t.text.replace(/^.*membership-changed: /, ''));
    expect(outcomes).toHaveLength(5);
    expect(outcomes.filter((o) => o.includes('duplicate'))).toHaveLength(1);
    expect(outcomes.filter((o) => o.includes('unchanged'))).toHaveLength(4);
    expect(report.history.filter((h) => h.subject.startsWith('membership:')).map((h) => h.to)).toEqual([
      'Active',
      'Cancelled',
    ]);
    expect(report.snapshots.filter((s) => s.subject.startsWith('membership:')).map((s) => s.state)).toEqual([
      'Cancelled',
    ]);
    expect(transitions(report)).toEqual(['(new)->Active', 'Active->Cancelled']);
    expect(report.deadLetters).toEqual([]);
  });
});
