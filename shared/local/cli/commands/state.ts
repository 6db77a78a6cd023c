import { formatSnapshots, formatTable, shortTime, type LocalReport } from '../../scenario/report';
import { openDeployedTable, type TableContents, type TableOptions } from '../deployed-table';
import { CliError, ExitCode } from '../errors';
import type { Io } from '../io';
import { loadLastRun } from '../last-run';

/** `orgwarden state` / `history` options. */
export interface ReadOptions extends TableOptions {
  readonly json?: boolean;
}

/** The table named by --table, else $TABLE_NAME; none means the last local run. */
const tableOf = (options: TableOptions): string | undefined => options.table ?? process.env.TABLE_NAME;

/**
 * Snapshots and history of the last local run, or of a deployed table.
 *
 * @param subject - a subject or a prefix of subjects (`handshake:`); all when undefined
 */
export const readContents = async (
  options: TableOptions,
  subject?: string,
): Promise<TableContents & { readonly source: string }> => {
  const table = tableOf(options);
  if (table)
    return { ...(await (await openDeployedTable({ ...options, table })).read(subject)), source: `table ${table}` };
  const run = await loadLastRun();
  const matches = (s: string): boolean => !subject || s.startsWith(subject);
  return {
    snapshots: run.snapshots.filter((s) => matches(s.subject)),
    history: run.history.filter((h) => matches(h.subject)),
    source: `the last local run (${run.scenario.name})`,
  };
};

/** `state SUBJECT` and `history SUBJECT` alike: a subject nothing is known of is a finding (exit 1). */
const unknownSubject = (subject: string, source: string): CliError =>
  new CliError(`nothing is known of ${subject} in ${source} (try \`orgwarden state\` for the subjects)`);

/**
 * `orgwarden state [SUBJECT]`: the stored snapshots as a table (subject, state, version, observed),
 * or as JSON.
 *
 * @returns 0; 1 when a SUBJECT was asked for and nothing is known of it (as `history` does)
 */
export const runState = async (subject: string | undefined, options: ReadOptions, io: Io): Promise<number> => {
  const { snapshots, history, source } = await readContents(options, subject);
  if (subject && snapshots.length === 0 && history.length === 0) throw unknownSubject(subject, source);
  if (options.json) {
    io.out(`${JSON.stringify(snapshots, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (snapshots.length === 0) {
    io.out(
      `no snapshots${subject ? ` for ${subject} (only transitions: see \`orgwarden history ${subject}\`)` : ''} in ${source}\n`,
    );
    return ExitCode.ok;
  }
  io.out(`${formatSnapshots(snapshots).join('\n')}\n\n${snapshots.length} subject(s), from ${source}\n`);
  return ExitCode.ok;
};

const causeText = (cause: unknown, at: string): string => {
  if (!cause || typeof cause !== 'object') return '';
  const c = cause as { eventName?: unknown; source?: unknown; eventTime?: unknown; replayName?: unknown };
  const parts = [typeof c.eventName === 'string' ? c.eventName : 'unknown event'];
  if (typeof c.source === 'string') parts.push(`from ${c.source}`);
  // The event's own time, when it differs from when orgwarden saw the change (late delivery, replay).
  if (typeof c.eventTime === 'string' && Date.parse(c.eventTime) !== Date.parse(at))
    parts.push(`(event time ${shortTime(c.eventTime)})`);
  if (typeof c.replayName === 'string') parts.push(`(replay ${c.replayName})`);
  return parts.join(' ');
};

/** One subject's transitions as a timeline, with their causes. */
export const formatHistory = (
  subject: string,
  history: LocalReport['history'],
  snapshot: LocalReport['snapshots'][number] | undefined,
): string[] => {
  const rows = history.map((h) => [shortTime(h.at), `${h.from ?? '(new)'} -> ${h.to}`, causeText(h.cause, h.at)]);
  return [
    `${subject}`,
    ...formatTable(['AT', 'TRANSITION', 'CAUSE'], rows, '  '),
    ...(snapshot ? [`  now ${snapshot.state} (v${snapshot.version}, observed ${shortTime(snapshot.observedAt)})`] : []),
  ];
};

/**
 * `orgwarden history SUBJECT`: the transitions of a subject (or of every subject under a prefix)
 * as a timeline with causes, or as JSON.
 *
 * @returns 0; 1 when nothing is known of the subject
 */
export const runHistory = async (subject: string, options: ReadOptions, io: Io): Promise<number> => {
  const { snapshots, history, source } = await readContents(options, subject);
  if (history.length === 0 && snapshots.length === 0) throw unknownSubject(subject, source);
  if (options.json) {
    io.out(`${JSON.stringify(history, null, 2)}\n`);
    return ExitCode.ok;
  }
  const subjects = [...new Set([...history.map((h) => h.subject), ...snapshots.map((s) => s.subject)])].sort();
  const blocks = subjects.map((s) =>
    formatHistory(
      s,
      history.filter((h) => h.subject === s),
      snapshots.find((x) => x.subject === s),
    ).join('\n'),
  );
  io.out(`${blocks.join('\n\n')}\n`);
  return ExitCode.ok;
};
