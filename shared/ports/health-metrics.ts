/**
 * The counts a function reports about its own work, which the stack's alarms watch (serverless.yml:
 * the alarms on namespace {@link healthNamespace}): an audit run finished, partial, its changes no
 * event announced; a sweep run finished. A missing count is what the alarms notice.
 */
export const healthMetricNames = ['AuditCompleted', 'AuditPartial', 'UnannouncedChanges', 'SweepCompleted'] as const;
export type HealthMetricName = (typeof healthMetricNames)[number];

/** The namespace of those counts; the stage is their one dimension (`Stage`), so that stacks never mix. */
export const healthNamespace = 'orgwarden';

/**
 * Every metric the functions write in {@link healthNamespace}, declared once: by name, the dimensions it is
 * written with besides `Stage`. The alarms watch the health counts above; the stack's dashboard
 * (shared/infra/dashboard.ts) shows these, and test/infra/dashboard.test.ts holds it to them. The types of
 * {@link HealthMetrics} take no other name, nor other dimensions. (Only types and the dashboard read it: the
 * functions' bundles leave it out.)
 */
export const metricDimensions = {
  AuditCompleted: [],
  AuditPartial: [],
  UnannouncedChanges: [],
  SweepCompleted: [],
  /** How long an audit run took, from its start to its record (over all its invocations), in milliseconds. */
  AuditDuration: [],
  /** The changes an audit run recorded (its `findings`). */
  AuditFindings: [],
  /** How late a sweep handled the most overdue item it found due (0 when none was), in milliseconds. */
  SweepLag: [],
  /** One per invocation: `processed`, `dead-lettered` (a permanent error), `failed` (rethrown for Lambda to retry). */
  Events: ['Function', 'Outcome'],
  /** One per event the bus accepted, by its detail-type. */
  Published: ['DetailType'],
  /** One per reaction announced: its action and outcome (`executed`, `already-done`, `failed`). */
  Reactions: ['Action', 'Outcome'],
} as const satisfies Record<string, readonly string[]>;

export type MetricName = keyof typeof metricDimensions;
type DimensionOf<N extends MetricName> = (typeof metricDimensions)[N][number];
/** The metrics written with the stage alone. */
export type StageMetricName = { [N in MetricName]: DimensionOf<N> extends never ? N : never }[MetricName];
/** The metrics written with dimensions of their own, and those dimensions' values. */
export type DimensionedMetricName = Exclude<MetricName, StageMetricName>;
export type DimensionsOf<N extends DimensionedMetricName> = Readonly<Record<DimensionOf<N>, string>>;

export type HealthValues = Partial<Record<StageMetricName, number>>;

/** Where a function reports how its own work went. Never throws: a count must not fail the work it counts. */
export interface HealthMetrics {
  /** Records `values` (metrics written with the stage alone) as of `at`. */
  record(values: HealthValues, at: Date): void;
  /** Records one metric written with dimensions of its own, with their values, as of `at`. */
  record<N extends DimensionedMetricName>(
    values: Readonly<Record<N, number>>,
    at: Date,
    dimensions: DimensionsOf<N>,
  ): void;
}
