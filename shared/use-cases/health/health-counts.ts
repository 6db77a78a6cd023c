import type { AuditRunData } from '../../domain/subjects/audit-run';
import type { HealthValues } from '../../ports/health-metrics';

/**
 * What a finished audit run counts for the alarms: that it finished (whatever its state), whether it
 * was partial (a source's listing failed), and the changes it found that an event should have
 * announced (the sum of its sources' `unannounced`); for the dashboard, how long it took and the
 * changes it recorded.
 */
export const auditHealth = (run: AuditRunData): HealthValues => ({
  AuditCompleted: 1,
  AuditPartial: run.state === 'PARTIAL' ? 1 : 0,
  UnannouncedChanges: run.unannounced ?? 0,
  AuditDuration: run.durationMs,
  AuditFindings: run.findings,
});

/**
 * What a finished sweep run counts: that it finished (a failed one counts nothing), and how late it
 * handled the most overdue item it found due.
 */
export const sweepHealth = (report: { readonly lagMs: number }): HealthValues => ({
  SweepCompleted: 1,
  SweepLag: report.lagMs,
});
