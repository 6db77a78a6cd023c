/**
 * What the HTML report shows, computed from a run (or a deployed table) with no HTML in sight:
 * timelines per subject, pending deadlines, reactions, dead letters, failed steps, the last audit.
 * Every part tolerates absence: a table has no published events, an early release no audits.
 */
import type { LocalReport } from '../scenario/report';
import type { StepFailure } from '../scenario/run-scenario';

/** Where the report's data comes from. */
export interface ReportInput {
  readonly title: string;
  readonly source: string;
  readonly description?: string;
  /** When the report was written (wall clock). */
  readonly generatedAt: string;
  readonly snapshots: LocalReport['snapshots'];
  readonly history: LocalReport['history'];
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
  readonly transitions: readonly Transition[];
  /** The states over time, each as a share of the span from the first transition to `asOf`. */
  readonly spans: ReadonlyArray<{ readonly state: string; readonly from: string; readonly share: number }>;
}

export interface Deadline {
  readonly subject: string;
  readonly what: string;
  readonly at: string;
  readonly state: string;
  /** Whole days from `asOf` (negative: past). */
  readonly inDays: number;
}

export interface Reaction {
  readonly at: string;
  readonly outcome: 'executed' | 'failed';
  readonly subject: string;
  readonly action: string;
  readonly note: string;
}

export interface ReportModel {
  readonly title: string;
  readonly source: string;
  readonly description: string | undefined;
  readonly generatedAt: string;
  readonly asOf: string;
  readonly subjects: readonly SubjectTimeline[];
  readonly deadlines: readonly Deadline[];
  readonly reactions: readonly Reaction[];
  readonly deadLetters: ReadonlyArray<{ readonly error: string; readonly message: string; readonly event: string }>;
  readonly failures: readonly StepFailure[];
  readonly lastAudit: { readonly at: string; readonly facts: ReadonlyArray<readonly [string, string]> } | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;
const dateOf = (value: unknown): string | undefined => {
  const candidate = text(value) ?? (typeof value === 'number' ? new Date(value).toISOString() : undefined);
  return candidate && !Number.isNaN(Date.parse(candidate)) ? new Date(candidate).toISOString() : undefined;
};
const firstDate = (data: unknown, keys: readonly string[]): string | undefined =>
  isRecord(data) ? keys.map((key) => dateOf(data[key])).find((date) => date !== undefined) : undefined;

/** A cause as one line: `InviteAccountToOrganization (aws.organizations)`. */
export const causeText = (cause: unknown): string => {
  if (!isRecord(cause)) return text(cause) ?? 'unknown cause';
  const name = text(cause.eventName) ?? text(cause.kind) ?? 'unknown event';
  const extra = [text(cause.source), text(cause.replayName) ? `replay ${String(cause.replayName)}` : undefined].filter(
    Boolean,
  );
  return extra.length > 0 ? `${name} (${extra.join(', ')})` : name;
};

const OPEN_HANDSHAKE = new Set(['OPEN', 'REQUESTED']);
const CLOSED_TRANSFER = new Set(['DECLINED', 'CANCELED', 'EXPIRED', 'WITHDRAWN']);

const deadlinesOf = (snapshot: LocalReport['snapshots'][number]): Array<Omit<Deadline, 'inDays'>> => {
  const kind = snapshot.subject.split(':')[0];
  const expires = firstDate(snapshot.data, ['expiresAt', 'expirationTimestamp', 'ExpirationTimestamp']);
  if (kind === 'handshake')
    return OPEN_HANDSHAKE.has(snapshot.state) && expires
      ? [{ subject: snapshot.subject, what: 'invitation expires', at: expires, state: snapshot.state }]
      : [];
  if (kind !== 'transfer' || CLOSED_TRANSFER.has(snapshot.state)) return [];
  const ends = firstDate(snapshot.data, ['endsAt', 'endTimestamp', 'EndTimestamp', 'end']);
  return [
    ...(snapshot.state === 'REQUESTED' && expires
      ? [{ subject: snapshot.subject, what: 'transfer invitation expires', at: expires, state: snapshot.state }]
      : []),
    ...(ends ? [{ subject: snapshot.subject, what: 'transfer ends', at: ends, state: snapshot.state }] : []),
  ];
};

const latest = (times: ReadonlyArray<string | undefined>): string | undefined =>
  times
    .filter((time): time is string => time !== undefined && !Number.isNaN(Date.parse(time)))
    .sort((a, b) => Date.parse(a) - Date.parse(b))
    .at(-1);

const timelineOf = (subject: string, input: ReportInput, asOf: string): SubjectTimeline => {
  const snapshot = input.snapshots.find((s) => s.subject === subject);
  const transitions = input.history
    .filter((h) => h.subject === subject)
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
    transitions,
    spans,
  };
};

const reactionsOf = (emitted: LocalReport['emitted']): Reaction[] =>
  emitted
    .filter((e) => e['detail-type'] === 'Reaction Executed' || e['detail-type'] === 'Reaction Failed')
    .map((e) => {
      const d = isRecord(e.detail) ? e.detail : {};
      const error = isRecord(d.error)
        ? [text(d.error.name), text(d.error.message)].filter(Boolean).join(': ')
        : text(d.error);
      return {
        at: e.time,
        outcome: e['detail-type'] === 'Reaction Failed' ? ('failed' as const) : ('executed' as const),
        subject: text(d.subject) ?? '',
        action: text(d.action) ?? text(d.reaction) ?? text(d.effect) ?? '',
        note: error ?? text(d.mode) ?? text(d.outcome) ?? '',
      };
    });

const eventSummary = (event: unknown): string => {
  if (!isRecord(event)) return typeof event === 'string' ? event.slice(0, 120) : '';
  const detail = isRecord(event.detail) ? event.detail : {};
  return [text(event.source), text(event['detail-type']), text(detail.eventName)].filter(Boolean).join(' · ');
};

const auditOf = (emitted: LocalReport['emitted']): ReportModel['lastAudit'] => {
  const audit = emitted.filter((e) => e['detail-type'] === 'Audit Completed').at(-1);
  if (!audit) return undefined;
  const detail = isRecord(audit.detail) ? audit.detail : {};
  const facts = Object.entries(detail)
    .filter(
      ([key, value]) =>
        key !== 'schemaVersion' &&
        (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || Array.isArray(value)),
    )
    .map(([key, value]) => [key, Array.isArray(value) ? `${value.length} item(s)` : String(value)] as const);
  return { at: audit.time, facts };
};

/** Without the bus's events (a deployed table), the last audit is its latest run record `audit-run:<id>`. */
const auditOfRecords = (snapshots: LocalReport['snapshots']): ReportModel['lastAudit'] => {
  const run = snapshots
    .filter((s) => s.subject.startsWith('audit-run:') && isRecord(s.data) && typeof s.data.finishedAt === 'string')
    .sort((a, b) =>
      String((a.data as Record<string, unknown>).finishedAt).localeCompare(
        String((b.data as Record<string, unknown>).finishedAt),
      ),
    )
    .at(-1);
  if (!run) return undefined;
  const data = run.data as Record<string, unknown>;
  const facts = ['state', 'findings', 'calls', 'durationMs', 'import', 'startedAt']
    .filter((key) => key in data)
    .map((key) => [key, String(data[key])] as const);
  const sources = Array.isArray(data.sources) ? (data.sources as Array<Record<string, unknown>>) : [];
  for (const source of sources)
    facts.push([
      `source ${String(source.kind)}`,
      `${String(source.listed)} listed, ${String(source.changed)} changed, ${String(source.gone)} gone${source.complete === false ? ', incomplete' : ''}`,
    ] as const);
  return { at: String(data.finishedAt), facts };
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
  // Audit runs are records of orgwarden's own work, shown as the last audit, not as watched subjects.
  const subjects = [...new Set([...input.snapshots.map((s) => s.subject), ...input.history.map((h) => h.subject)])]
    .filter((subject) => !subject.startsWith('audit-run:'))
    .sort();
  const day = 86_400_000;
  return {
    title: input.title,
    source: input.source,
    description: input.description,
    generatedAt: input.generatedAt,
    asOf,
    subjects: subjects.map((subject) => timelineOf(subject, input, asOf)),
    deadlines: input.snapshots
      .flatMap(deadlinesOf)
      .map((d) => ({ ...d, inDays: Math.floor((Date.parse(d.at) - Date.parse(asOf)) / day) }))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    reactions: reactionsOf(emitted),
    deadLetters: (input.deadLetters ?? []).map((letter) => ({
      error: letter.error.name,
      message: letter.error.message,
      event: eventSummary(letter.event),
    })),
    failures: input.failures ?? [],
    lastAudit: auditOf(emitted) ?? auditOfRecords(input.snapshots),
  };
};
