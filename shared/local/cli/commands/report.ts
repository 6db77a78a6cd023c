import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { buildReportModel, renderReportHtml, type ReportInput } from '../../report';
import { openDeployedTable, type TableOptions } from '../deployed-table';
import { UsageError, ExitCode } from '../errors';
import type { Io } from '../io';
import { loadLastRun } from '../last-run';

/** `orgwarden report`'s options. */
export interface ReportOptions extends TableOptions {
  readonly html: string;
}

/** What a deployed table cannot show: said on the page, under the findings. */
const TABLE_NOTE =
  'From the table: the events its ledger published (before outside parties are masked for the bus). ' +
  "Dead letters are in the stack's dead-letter queue, not in the table.";

const inputOf = async (options: ReportOptions, generatedAt: string): Promise<{ input: ReportInput; note?: string }> => {
  const table = options.table ?? process.env.TABLE_NAME;
  if (table) {
    const opened = await openDeployedTable({ ...options, table });
    const [contents, emitted] = await Promise.all([opened.read(), opened.published()]);
    const input = { title: table, source: `deployed table ${table}`, generatedAt, asOf: generatedAt, ...contents };
    return { input: { ...input, emitted }, note: TABLE_NOTE };
  }
  const run = await loadLastRun();
  const input: ReportInput = {
    title: run.scenario.name,
    source: `last local run${run.scenario.file ? ` of ${run.scenario.file}` : ''}${run.scenario.seed === undefined ? '' : ` (seed ${run.scenario.seed})`}`,
    ...(run.scenario.description ? { description: run.scenario.description } : {}),
    generatedAt,
    snapshots: run.snapshots,
    history: run.history,
    emitted: run.emitted,
    deadLetters: run.deadLetters,
    failures: run.failures,
  };
  return { input };
};

/**
 * Writes one self-contained HTML file (opens offline) from the last local run or a deployed table:
 * the findings first (untrusted parties, coverage gaps, deadlines, reactions, unrecognized values,
 * dead letters and failed steps), then the subjects by kind and the last audit per source.
 */
export const runReport = async (options: ReportOptions, io: Io): Promise<number> => {
  if (!/\.html?$/i.test(options.html))
    throw new UsageError(`--html ${options.html}: expected a file name ending in .html`);
  const { input, note } = await inputOf(options, new Date().toISOString());
  const model = buildReportModel(input);
  const file = resolve(options.html);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, renderReportHtml(model, note));
  } catch (error) {
    throw new UsageError(`cannot write ${options.html}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const f = model.findings;
  const failed = f.reactions.filter((r) => r.outcome === 'failed').length;
  io.out(
    `wrote ${options.html}: ${model.subjects.length} subject(s), ${f.attention} finding(s) need attention: ` +
      `${f.untrusted.length} untrusted part(ies), ${f.coverageGaps.length} coverage gap(s), ` +
      `${model.deadlines.length} deadline(s) ahead, ${failed} failed reaction(s), ${f.unrecognized.length} unrecognized value(s), ` +
      `${f.problems.length} dead letter(s) or failed step(s)\n`,
  );
  return ExitCode.ok;
};
