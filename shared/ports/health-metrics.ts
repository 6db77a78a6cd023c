/**
 * The counts a function reports about its own work, which the stack's alarms watch (serverless.yml:
 * the alarms on namespace {@link healthNamespace}): an audit run finished, partial, its changes no
 * event announced; a sweep run finished. A missing count is what the alarms notice.
 */
export const healthMetricNames = ['AuditCompleted', 'AuditPartial', 'UnannouncedChanges', 'SweepCompleted'] as const;
export type HealthMetricName = (typeof healthMetricNames)[number];

/** The namespace of those counts; the stage is their one dimension (`Stage`), so that stacks never mix. */
export const healthNamespace = 'orgwarden';

export type HealthValues = Partial<Record<HealthMetricName, number>>;

/** Where a function reports how its own work went. */
export interface HealthMetrics {
  /**
   * Records `values` (counts) as of `at`. Never throws: a count that could not be written must not
   * fail the work it counts (its absence is what the alarms are for).
   */
  record(values: HealthValues, at: Date): void;
}
