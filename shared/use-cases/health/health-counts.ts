import type { AuditRunData } from '../../domain/subjects/audit-run';
import type { HealthValues } from '../../ports/health-metrics';

/**
 * What a finished audit run counts for the alarms: that it finished (whatever its state), whether it
 * was partial (a source's listing failed), and the changes it found that an event should have
 * announced (the sum of its sources' `unannounced`).
 */
export const auditHealth = (run: AuditRunData): HealthValues => ({
  AuditCompleted: 1,
  AuditPartial: run.state === 'PARTIAL' ? 1 : 0,
  UnannouncedChanges: run.unannounced ?? 0,
});

/** What a finished sweep run counts: that it finished (a failed one counts nothing). */
export const sweepHealth = (): HealthValues => ({ SweepCompleted: 1 });
