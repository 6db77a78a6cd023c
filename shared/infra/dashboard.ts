/**
 * The stack's CloudWatch dashboard (serverless.yml `Dashboard`, its body from
 * shared/infra/dashboard.cjs at packaging): a picture of a deployed orgwarden over time, on the
 * metrics its functions write (shared/ports/health-metrics.ts `metricDimensions`) and on them
 * only: events by function and outcome, dead letters, changes announced by kind, reactions by action
 * and outcome, findings and warnings, the audit's duration and findings, the sweep's lag, the runs.
 * Open sets of dimension values (functions, actions) are found by a SEARCH expression, so that a new
 * function or reaction shows without an edit; detail-types are a closed list, named one by one.
 */
import { detailTypes, type DetailType } from '../domain/detail-types';
import { healthNamespace, metricDimensions, type MetricName } from '../ports/health-metrics';

/** The detail-types each `Published` widget shows; reactions and audits have metrics of their own. */
export const publishedGroups: Readonly<Record<'changes' | 'findings', readonly DetailType[]>> = {
  changes: [
    detailTypes.handshakeStateChanged,
    detailTypes.accountMembershipChanged,
    detailTypes.transferStateChanged,
    detailTypes.membershipStateChanged,
    detailTypes.macieMemberStateChanged,
    detailTypes.delegatedAdministratorChanged,
  ],
  findings: [
    detailTypes.untrustedPartyDetected,
    detailTypes.coverageGapDetected,
    detailTypes.unrecognizedValueDetected,
    detailTypes.handshakeExpiring,
    detailTypes.transferExpiring,
  ],
};

/** The detail-types counted by a metric of their own rather than `Published` on the dashboard. */
export const shownByOwnMetric: Readonly<Partial<Record<DetailType, MetricName>>> = {
  [detailTypes.reactionExecuted]: 'Reactions',
  [detailTypes.reactionFailed]: 'Reactions',
  [detailTypes.auditCompleted]: 'AuditCompleted',
};

type Stat = 'Sum' | 'Maximum' | 'Average';

/** A metric line: namespace, name, then its dimensions (the stage first) as name/value pairs. */
const line = (stage: string, name: MetricName, dimensions: Readonly<Record<string, string>> = {}, label?: string) => [
  healthNamespace,
  name,
  'Stage',
  stage,
  ...Object.entries(dimensions).flat(),
  ...(label ? [{ label }] : []),
];

/** Every series of a metric with dimensions of its own, found by their names (a SEARCH), filtered further. */
const search = (stage: string, name: MetricName, stat: Stat, period: number, filter = '') => {
  const keys = ['Stage', ...metricDimensions[name]].join(',');
  const query = `{${healthNamespace},${keys}} MetricName="${name}" Stage="${stage}"${filter}`;
  return [{ expression: `SEARCH('${query}', '${stat}', ${period})`, id: name.toLowerCase(), label: '' }];
};

interface Place {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

const widget = (place: Place, title: string, stat: Stat, period: number, metrics: unknown[]) => ({
  type: 'metric',
  ...place,
  height: 6,
  properties: {
    title,
    // CloudFormation's Fn::Sub (serverless.yml) puts the stack's Region here.
    region: '${AWS::Region}',
    view: 'timeSeries',
    stacked: false,
    stat,
    period,
    metrics,
  },
});

/** The dashboard's widgets for a stage. */
export const dashboardWidgets = (stage: string) => [
  widget({ x: 0, y: 0, width: 12 }, 'Events by function and outcome', 'Sum', 300, [
    search(stage, 'Events', 'Sum', 300),
  ]),
  widget(
    { x: 12, y: 0, width: 12 },
    'Dead letters by function (permanent errors: see the dead-letter queue)',
    'Sum',
    300,
    [search(stage, 'Events', 'Sum', 300, ' Outcome="dead-lettered"')],
  ),
  widget(
    { x: 0, y: 6, width: 12 },
    'Changes announced, by kind',
    'Sum',
    300,
    publishedGroups.changes.map((type) => line(stage, 'Published', { DetailType: type }, type)),
  ),
  widget({ x: 12, y: 6, width: 12 }, 'Reactions by action and outcome', 'Sum', 300, [
    search(stage, 'Reactions', 'Sum', 300),
  ]),
  widget(
    { x: 0, y: 12, width: 12 },
    'Findings and deadline warnings',
    'Sum',
    300,
    publishedGroups.findings.map((type) => line(stage, 'Published', { DetailType: type }, type)),
  ),
  widget({ x: 12, y: 12, width: 6 }, 'Audit duration (ms)', 'Maximum', 3600, [
    line(stage, 'AuditDuration', {}, 'longest run'),
  ]),
  widget({ x: 18, y: 12, width: 6 }, 'Audit findings', 'Sum', 3600, [
    line(stage, 'AuditFindings', {}, 'changes recorded'),
    line(stage, 'UnannouncedChanges', {}, 'no event announced'),
    line(stage, 'AuditPartial', {}, 'partial runs'),
  ]),
  widget({ x: 0, y: 18, width: 12 }, 'Sweep lag (ms past due)', 'Maximum', 900, [
    line(stage, 'SweepLag', {}, 'most overdue item'),
  ]),
  widget({ x: 12, y: 18, width: 12 }, 'Runs finished', 'Sum', 3600, [
    line(stage, 'AuditCompleted', {}, 'audits'),
    line(stage, 'SweepCompleted', {}, 'sweeps'),
  ]),
];

/** The dashboard's body (for Fn::Sub: `${AWS::Region}` is the one substitution). */
export const dashboardBody = (stage: string): string => JSON.stringify({ widgets: dashboardWidgets(stage) });
