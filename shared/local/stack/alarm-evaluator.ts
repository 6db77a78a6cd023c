import type { CfnTemplate } from '../template';
import type { DataPoint, MetricCollector } from './metric-collector';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
type Comparison =
  'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
type MissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

/** A CloudWatch metric alarm of the packaged template, on one metric (optionally through `FILL(m, value)`). */
export interface TemplateAlarm {
  readonly logicalId: string;
  readonly name: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: string;
  readonly periodSeconds: number;
  /** `FILL(m, value)`: a period with no data point is `value` when the range holds any data. */
  readonly fill?: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparison: Comparison;
  readonly treatMissingData: MissingData;
  /** The logical ids the actions name (`!Ref AlertTopic`), per state entered. */
  readonly actions: Readonly<Partial<Record<AlarmState, readonly string[]>>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const refsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((v) => (isRecord(v) && typeof v.Ref === 'string' ? v.Ref : JSON.stringify(v))) : [];

/**
 * The template's alarms on metrics the functions write themselves (AWS's own metrics, `AWS/*`, are
 * not emulated here). Only what this evaluator can compute is accepted: one metric, or one metric
 * and `FILL(<its id>, <number>)`; anything else is refused rather than evaluated wrongly.
 */
export const alarmsOf = (template: CfnTemplate): TemplateAlarm[] =>
  Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::CloudWatch::Alarm')
    .map(([logicalId, resource]) => alarmOf(logicalId, resource.Properties ?? {}))
    .filter((alarm): alarm is TemplateAlarm => alarm !== undefined);

const alarmOf = (logicalId: string, p: Record<string, unknown>): TemplateAlarm | undefined => {
  let metric: Record<string, unknown> = p;
  let stat = p.Statistic;
  let period = p.Period;
  let fill: number | undefined;
  if (Array.isArray(p.Metrics)) {
    const queries = p.Metrics as Array<Record<string, unknown>>;
    const source = queries.find((q) => isRecord(q.MetricStat));
    const expression = queries.find((q) => typeof q.Expression === 'string');
    const match = /^FILL\((\w+),\s*(-?\d+(?:\.\d+)?)\)$/.exec(String(expression?.Expression));
    if (queries.length !== 2 || !source || !match || match[1] !== source.Id || expression?.ReturnData !== true)
      throw new Error(`${logicalId}: the local evaluator reads one metric and FILL(<its id>, <number>) only`);
    const metricStat = source.MetricStat as Record<string, unknown>;
    metric = metricStat.Metric as Record<string, unknown>;
    stat = metricStat.Stat;
    period = metricStat.Period;
    fill = Number(match[2]);
  }
  if (typeof metric.Namespace !== 'string' || metric.Namespace.startsWith('AWS/')) return undefined;
  const dimensions = Object.fromEntries(
    ((metric.Dimensions ?? []) as Array<{ Name: string; Value: unknown }>).map((d) => [d.Name, String(d.Value)]),
  );
  const evaluationPeriods = Number(p.EvaluationPeriods);
  return {
    logicalId,
    name: typeof p.AlarmName === 'string' ? p.AlarmName : logicalId,
    namespace: metric.Namespace,
    metricName: String(metric.MetricName),
    dimensions,
    statistic: String(stat),
    periodSeconds: Number(period),
    ...(fill === undefined ? {} : { fill }),
    evaluationPeriods,
    datapointsToAlarm: p.DatapointsToAlarm === undefined ? evaluationPeriods : Number(p.DatapointsToAlarm),
    threshold: Number(p.Threshold),
    comparison: p.ComparisonOperator as Comparison,
    // CloudWatch's default.
    treatMissingData: (p.TreatMissingData ?? 'missing') as MissingData,
    actions: {
      ALARM: refsOf(p.AlarmActions),
      OK: refsOf(p.OKActions),
      INSUFFICIENT_DATA: refsOf(p.InsufficientDataActions),
    },
  };
};

const statistics: Record<string, (values: number[]) => number> = {
  Sum: (v) => v.reduce((a, b) => a + b, 0),
  Minimum: (v) => Math.min(...v),
  Maximum: (v) => Math.max(...v),
  Average: (v) => v.reduce((a, b) => a + b, 0) / v.length,
  SampleCount: (v) => v.length,
};

const breaches = (alarm: TemplateAlarm, value: number): boolean => {
  switch (alarm.comparison) {
    case 'GreaterThanThreshold':
      return value > alarm.threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= alarm.threshold;
    case 'LessThanThreshold':
      return value < alarm.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= alarm.threshold;
  }
};

export interface AlarmTransition {
  readonly alarm: string;
  readonly from: AlarmState;
  readonly to: AlarmState;
  readonly at: string;
  /** The periods evaluated, oldest first (`null`: missing). */
  readonly values: ReadonlyArray<number | null>;
}

export interface AlarmNotification {
  readonly alarm: string;
  /** The logical id of the action's target (`AlertTopic`). */
  readonly target: string;
  readonly state: AlarmState;
  readonly at: string;
}

/**
 * The state one evaluation at `t` gives, by CloudWatch's documented rules ("Configuring how
 * CloudWatch alarms treat missing data"). CloudWatch evaluates every minute, over periods ending
 * then (not aligned to the clock), each aggregated with the statistic. It retrieves more periods than
 * the evaluation periods (the evaluation range, of a length AWS does not document: here the smallest
 * it can be, one more). With no period missing, the most recent `evaluationPeriods` are evaluated;
 * with some missing but at least `evaluationPeriods` real ones, the most recent real ones (the
 * missing-data setting is not used); with fewer, the missing ones are filled as `treatMissingData`
 * says (breaching, notBreaching; ignore and missing: only the real ones count); with none, ALARM, OK,
 * the state kept (ignore) or INSUFFICIENT_DATA (missing). The alarm is in ALARM when
 * `datapointsToAlarm` of the evaluated periods breach. `FILL(m, v)` fills every period of the range
 * with `v` when the range holds data at all; AWS documents no result of FILL over a range with no
 * data: taken here as no series (missing).
 */
const stateAt = (
  alarm: TemplateAlarm,
  points: readonly DataPoint[],
  t: number,
  current: AlarmState,
): { state: AlarmState; values: Array<number | null> } => {
  const period = alarm.periodSeconds * 1000;
  const range = alarm.evaluationPeriods + 1;
  const start = t - range * period;
  const inRange = points.filter((p) => p.timestamp >= start && p.timestamp < t);
  const aggregate = statistics[alarm.statistic];
  if (!aggregate) throw new Error(`${alarm.logicalId}: statistic ${alarm.statistic} is not evaluated locally`);
  const values: Array<number | null> = [];
  for (let i = 0; i < range; i++) {
    const window = inRange
      .filter((p) => p.timestamp >= start + i * period && p.timestamp < start + (i + 1) * period)
      .map((p) => p.value);
    values.push(
      window.length > 0 ? aggregate(window) : alarm.fill !== undefined && inRange.length > 0 ? alarm.fill : null,
    );
  }
  const real = values.filter((v): v is number => v !== null);
  const n = alarm.evaluationPeriods;
  if (real.length === 0) {
    const none: Record<MissingData, AlarmState> = {
      breaching: alarm.datapointsToAlarm <= n ? 'ALARM' : 'OK',
      notBreaching: 'OK',
      ignore: current,
      missing: 'INSUFFICIENT_DATA',
    };
    return { state: none[alarm.treatMissingData], values: values.slice(-n) };
  }
  let evaluated: Array<number | null>;
  if (real.length >= n) evaluated = real.slice(-n);
  else {
    // All real points, and as few missing ones as make up the evaluation periods (the most recent).
    const missing = values
      .map((v, i) => (v === null ? i : -1))
      .filter((i) => i >= 0)
      .slice(-(n - real.length));
    evaluated = values.filter((v, i) => v !== null || missing.includes(i));
  }
  const breaching = evaluated.filter((v) =>
    v === null ? alarm.treatMissingData === 'breaching' : breaches(alarm, v),
  ).length;
  return { state: breaching >= alarm.datapointsToAlarm ? 'ALARM' : 'OK', values: evaluated };
};

/**
 * Evaluates `alarms` every minute from `from` to `to` over what `metrics` collected, each alarm
 * starting in INSUFFICIENT_DATA (as a new alarm does), and returns every change of state and the
 * notifications its actions send.
 */
export const evaluateAlarms = (
  alarms: readonly TemplateAlarm[],
  metrics: MetricCollector,
  from: Date,
  to: Date,
): { transitions: AlarmTransition[]; notifications: AlarmNotification[]; states: Record<string, AlarmState> } => {
  const transitions: AlarmTransition[] = [];
  const notifications: AlarmNotification[] = [];
  const states: Record<string, AlarmState> = {};
  for (const alarm of alarms) {
    const points = metrics.pointsOf(alarm.namespace, alarm.metricName, alarm.dimensions);
    let state: AlarmState = 'INSUFFICIENT_DATA';
    for (let t = Math.floor(from.getTime() / 60_000) * 60_000 + 60_000; t <= to.getTime(); t += 60_000) {
      const next = stateAt(alarm, points, t, state);
      if (next.state === state) continue;
      const at = new Date(t).toISOString();
      transitions.push({ alarm: alarm.name, from: state, to: next.state, at, values: next.values });
      for (const target of alarm.actions[next.state] ?? [])
        notifications.push({ alarm: alarm.name, target, state: next.state, at });
      state = next.state;
    }
    states[alarm.name] = state;
  }
  return { transitions, notifications, states };
};
