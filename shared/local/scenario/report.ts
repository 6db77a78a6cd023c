import type { LocalStack } from '../stack/local-stack';
import type { StepFailure, TimelineEntry } from './run-scenario';

/** What the stack holds after a run: the first five parts of `orgwarden local --json`. */
export interface LocalReport {
  readonly snapshots: Array<{ subject: string; state: string; version: number; observedAt: string; data: unknown }>;
  readonly history: Array<{ subject: string; from: string | null; to: string; at: string; cause: unknown }>;
  readonly emitted: Array<{ source: string; 'detail-type': string; detail: unknown; time: string }>;
  readonly apiCalls: ReturnType<LocalStack['apiCalls']>;
  readonly deadLetters: Array<{ event: unknown; error: { name: string; message: string; code?: string } }>;
}

/** `orgwarden local --json`: what the stack holds, and the steps that failed. */
export interface RunReport extends LocalReport {
  readonly failures: readonly StepFailure[];
}

/** Reads what the stack holds: snapshots, history, published events, orgwarden's calls, dead letters. */
export const buildReport = async (stack: LocalStack): Promise<LocalReport> => ({
  snapshots: (await stack.store.listSnapshots()).map(({ subject, state, version, observedAt, data }) => ({
    subject,
    state,
    version,
    observedAt,
    data,
  })),
  history: (await stack.store.listHistory()).map(({ subject, from, to, at, cause }) => ({
    subject,
    from,
    to,
    at,
    cause,
  })),
  emitted: stack.bus.emitted.map(({ source, 'detail-type': detailType, detail, time }) => ({
    source,
    'detail-type': detailType,
    detail,
    time,
  })),
  apiCalls: stack.apiCalls(),
  deadLetters: stack.deadLetters.map(({ event, error }) => ({ event, error })),
});

/** An ISO time without the milliseconds nobody reads. */
export const shortTime = (iso: string): string => iso.replace(/\.000Z$/, 'Z');

/** Text wrapped at `width` columns, each line indented. */
export const wrap = (text: string, width = 100, indent = '  '): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width - indent.length) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
};

/** The scenario's name and description, printed before its timeline. */
export const formatHeader = (scenario: { readonly name: string; readonly description?: string | undefined }): string =>
  [`scenario: ${scenario.name}`, ...(scenario.description ? wrap(scenario.description) : []), ''].join('\n');

/** One timeline line. */
export const formatEntry = (entry: TimelineEntry): string => `${shortTime(entry.at)}  ${entry.text}`;

/** Columns padded to their widest cell. */
export const formatTable = (
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  indent = '',
): string[] => {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    indent +
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  return [line(header), ...rows.map(line)];
};

/** The snapshots as a table: subject, state, version, observed. */
export const formatSnapshots = (snapshots: LocalReport['snapshots'], indent = ''): string[] =>
  formatTable(
    ['SUBJECT', 'STATE', 'VERSION', 'OBSERVED'],
    snapshots.map((s) => [s.subject, s.state, `v${s.version}`, shortTime(s.observedAt)]),
    indent,
  );

/** What the run left: the snapshots, the counts, and the failed steps again (they matter most). */
export const formatSummary = (report: RunReport): string => {
  const lines = ['', `snapshots (${report.snapshots.length}):`];
  if (report.snapshots.length > 0) lines.push(...formatSnapshots(report.snapshots, '  '));
  lines.push(
    '',
    `history: ${report.history.length}, emitted: ${report.emitted.length}, orgwarden API calls: ${report.apiCalls.length}, dead letters: ${report.deadLetters.length}, failed steps: ${report.failures.length}`,
  );
  for (const failure of report.failures)
    lines.push(`  steps.${failure.step} ${failure.what}: ${failure.error.name}: ${failure.error.message}`);
  return lines.join('\n');
};

/** The readable timeline, then the state it left. */
export const formatTimeline = (
  scenario: { readonly name: string; readonly description?: string | undefined },
  timeline: readonly TimelineEntry[],
  report: RunReport,
): string => [formatHeader(scenario), ...timeline.map(formatEntry), formatSummary(report)].join('\n');
