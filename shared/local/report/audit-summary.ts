/**
 * The last audit as a person reads it: when, whether it was the first import (a baseline), what it
 * found, and per source what it listed and what changed. From the `Audit Completed` event of a run,
 * or (a deployed table has no bus) from the latest `audit-run:<id>` record: the same fields.
 */
import type { LocalReport } from '../scenario/report';
import { isRecord, text } from './parties';

export interface AuditSource {
  readonly kind: string;
  /** Where it was listed (a Region), for the sources listed per Region. */
  readonly scope: string | undefined;
  readonly listed: number;
  readonly changed: number;
  readonly gone: number;
  readonly unannounced: number;
  readonly complete: boolean;
  readonly calls: number;
}

export interface AuditSummary {
  readonly at: string;
  readonly id: string;
  readonly state: string | undefined;
  /** The first audit: everything it records is a baseline, announced by no event. */
  readonly import: boolean;
  readonly dryRun: boolean;
  readonly findings: number | undefined;
  readonly unannounced: number | undefined;
  readonly durationMs: number | undefined;
  readonly calls: number | undefined;
  readonly sources: readonly AuditSource[];
}

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

const summaryOf = (at: string, data: Record<string, unknown>, state?: string): AuditSummary => ({
  at,
  id: text(data.id) ?? '',
  state,
  import: data.import === true,
  dryRun: data.dryRun === true,
  findings: num(data.findings),
  unannounced: num(data.unannounced),
  durationMs: num(data.durationMs),
  calls: num(data.calls),
  sources: (Array.isArray(data.sources) ? data.sources : []).filter(isRecord).map((s) => ({
    kind: text(s.kind) ?? '?',
    scope: text(s.scope),
    listed: num(s.listed) ?? 0,
    changed: num(s.changed) ?? 0,
    gone: num(s.gone) ?? 0,
    unannounced: num(s.unannounced) ?? 0,
    complete: s.complete !== false,
    calls: num(s.calls) ?? 0,
  })),
});

/** The last audit, and how many completed: from the published events, else from the run records. */
export const auditOf = (
  emitted: LocalReport['emitted'],
  snapshots: LocalReport['snapshots'],
): { lastAudit: AuditSummary | undefined; audits: number } => {
  const records = snapshots
    .filter((s) => s.subject.startsWith('audit-run:') && isRecord(s.data) && text(s.data.finishedAt))
    .map((s) => ({ at: String((s.data as Record<string, unknown>).finishedAt), s }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const events = emitted
    .filter((e) => e['detail-type'] === 'Audit Completed' && isRecord(e.detail))
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const event = events.at(-1);
  if (event) {
    const detail = event.detail as Record<string, unknown>;
    const audit = isRecord(detail.audit) ? detail.audit : detail;
    return {
      lastAudit: summaryOf(event.time, audit, text(detail.after)),
      audits: Math.max(events.length, records.length),
    };
  }
  const record = records.at(-1);
  return {
    lastAudit: record ? summaryOf(record.at, record.s.data as Record<string, unknown>, record.s.state) : undefined,
    audits: records.length,
  };
};
