/**
 * What the HTML report shows, computed from a run (or a deployed table) with no HTML in sight: the
 * findings first, then the subjects grouped by kind (identical histories as one card), the last
 * audit per source. Every part tolerates absence: an early release's table has no audit records.
 */
import type { LocalReport } from '../scenario/report';
import type { StepFailure } from '../scenario/run-scenario';
import { auditOf, type AuditSummary } from './audit-summary';
import { deriveFindings, type DeadlineFinding, type Findings } from './findings';
import { isRecord, text, whoOf } from './parties';

/** Where the report's data comes from. */
export interface ReportInput {
  readonly title: string;
  readonly source: string;
  readonly description?: string;
  /** When the report was written (wall clock). */
  readonly generatedAt: string;
  readonly snapshots: LocalReport['snapshots'];
  readonly history: LocalReport['history'];
  /** The published events: a run's bus, or what a deployed table's ledger published. */
  readonly emitted?: LocalReport['emitted'];
  readonly deadLetters?: LocalReport['deadLetters'];
  readonly failures?: readonly StepFailure[];
  /** The "now" deadlines are measured from; default: the latest time in the data. */
  readonly asOf?: string;
}

export interface Transition {
  readonly at: string;
  readonly from: string | null;
  readonly to: string;
  readonly cause: string;
}

export interface SubjectTimeline {
  readonly subject: string;
  readonly kind: string;
  readonly state: string | undefined;
  readonly version: number | undefined;
  readonly observedAt: string | undefined;
  /** Who it is about: counterparties, the payer, the account's owner (see ./parties.ts). */
  readonly who: readonly string[];
  readonly transitions: readonly Transition[];
  /** The states over time, each as a share of the span from the first transition to `asOf`. */
  readonly spans: ReadonlyArray<{ readonly state: string; readonly from: string; readonly share: number }>;
}

/** Subjects of one kind whose histories are the same (a first import's hundreds of accounts): one card. */
export type SubjectCluster = readonly SubjectTimeline[];

export interface SubjectGroup {
  readonly kind: string;
  readonly count: number;
  readonly clusters: readonly SubjectCluster[];
}

/** A deadline still ahead (the report command's count). */
export type Deadline = DeadlineFinding;

export interface ReportModel {
  readonly title: string;
  readonly source: string;
  readonly description: string | undefined;
  readonly generatedAt: string;
  readonly asOf: string;
  readonly findings: Findings;
  readonly subjects: readonly SubjectTimeline[];
  readonly groups: readonly SubjectGroup[];
  /** The deadlines still ahead of `asOf`. */
  readonly deadlines: readonly Deadline[];
  readonly lastAudit: AuditSummary | undefined;
  /** How many audits completed in the data. */
  readonly audits: number;
}

const dateOf = (value: unknown): string | undefined => {
  const candidate = text(value) ?? (typeof value === 'number' ? new Date(value).toISOString() : undefined);
  return candidate && !Number.isNaN(Date.parse(candidate)) ? new Date(candidate).toISOString() : undefined;
};

/** A cause as one line: `InviteAccountToOrganization (aws.organizations)`. */
export const causeText = (cause: unknown): string => {
  if (!isRecord(cause)) return text(cause) ?? 'unknown cause';
  const name = text(cause.eventName) ?? text(cause.kind) ?? 'unknown event';
  const extra = [text(cause.source), text(cause.replayName) ? `replay ${String(cause.replayName)}` : undefined].filter(
    Boolean,
  );
  return extra.length > 0 ? `${name} (${extra.join(', ')})` : name;
};

const latest = (times: ReadonlyArray<string | undefined>): string | undefined =>
  times
    .map(dateOf)
    .filter((time): time is string => time !== undefined)
    .sort((a, b) => Date.parse(a) - Date.parse(b))
    .at(-1);

const timelineOf = (
  subject: string,
  input: ReportInput,
  asOf: string,
  history: ReadonlyMap<string, LocalReport['history']>,
): SubjectTimeline => {
  const snapshot = input.snapshots.find((s) => s.subject === subject);
  const transitions = [...(history.get(subject) ?? [])]
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((h) => ({ at: h.at, from: h.from, to: h.to, cause: causeText(h.cause) }));
  const first = transitions[0] ? Date.parse(transitions[0].at) : undefined;
  const end = Date.parse(asOf);
  const total = first === undefined ? 0 : Math.max(end - first, 1);
  const spans = transitions.map((t, i) => {
    const until = transitions[i + 1] ? Date.parse(transitions[i + 1]!.at) : end;
    return { state: t.to, from: t.at, share: first === undefined ? 0 : Math.max(until - Date.parse(t.at), 0) / total };
  });
  return {
    subject,
    kind: subject.split(':')[0] ?? subject,
    state: snapshot?.state,
    version: snapshot?.version,
    observedAt: snapshot?.observedAt,
    who: whoOf(snapshot),
    transitions,
    spans,
  };
};

/** Kinds whose cards name outside parties: two of them are one card only for the same parties. */
const WITH_PARTIES = new Set(['handshake', 'transfer']);

/** What makes two cards the same card: the state now and every transition (and the parties), the subject aside. */
const sameness = (s: SubjectTimeline): string =>
  JSON.stringify([
    s.state,
    s.version,
    s.observedAt,
    s.transitions.map((t) => [t.at, t.from, t.to, t.cause]),
    WITH_PARTIES.has(s.kind) ? s.who : [],
  ]);

const groupsOf = (subjects: readonly SubjectTimeline[]): SubjectGroup[] => {
  const kinds = new Map<string, Map<string, SubjectTimeline[]>>();
  for (const subject of subjects) {
    const clusters = kinds.get(subject.kind) ?? new Map<string, SubjectTimeline[]>();
    kinds.set(subject.kind, clusters);
    const key = sameness(subject);
    clusters.set(key, [...(clusters.get(key) ?? []), subject]);
  }
  return [...kinds].map(([kind, clusters]) => ({
    kind,
    count: [...clusters.values()].reduce((sum, c) => sum + c.length, 0),
    clusters: [...clusters.values()],
  }));
};

/** The report's content: pure, so that it is tested without a browser. */
export const buildReportModel = (input: ReportInput): ReportModel => {
  const emitted = input.emitted ?? [];
  const asOf = new Date(
    input.asOf ??
      latest([
        ...input.history.map((h) => h.at),
        ...input.snapshots.map((s) => s.observedAt),
        ...emitted.map((e) => e.time),
      ]) ??
      input.generatedAt,
  ).toISOString();
  const history = new Map<string, LocalReport['history']>();
  for (const h of input.history) history.set(h.subject, [...(history.get(h.subject) ?? []), h]);
  // Audit runs are records of orgwarden's own work, shown as the last audit, not as watched subjects.
  const names = [...new Set([...input.snapshots.map((s) => s.subject), ...history.keys()])]
    .filter((subject) => !subject.startsWith('audit-run:'))
    .sort();
  const subjects = names.map((subject) => timelineOf(subject, input, asOf, history));
  const findings = deriveFindings({ ...input, asOf });
  const { lastAudit, audits } = auditOf(emitted, input.snapshots);
  return {
    title: input.title,
    source: input.source,
    description: input.description,
    generatedAt: input.generatedAt,
    asOf,
    findings,
    subjects,
    groups: groupsOf(subjects),
    deadlines: findings.deadlines.filter((d) => !d.passed),
    lastAudit,
    audits,
  };
};
