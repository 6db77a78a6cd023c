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

const inputOf = async (options: ReportOptions, generatedAt: string): Promise<ReportInput> => {
  const table = options.table ?? process.env.TABLE_NAME;
  if (table) {
    const contents = await (await openDeployedTable({ ...options, table })).read();
    // A table holds snapshots and history; published events and dead letters live elsewhere.
    return { title: table, source: `deployed table ${table}`, generatedAt, asOf: generatedAt, ...contents };
  }
  const run = await loadLastRun();
  return {
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
};

/**
 * Writes one self-contained HTML file (opens offline) from the last local run or a deployed table:
 * a timeline per subject, pending deadlines, reactions, dead letters, failed steps and the last audit.
 */
export const runReport = async (options: ReportOptions, io: Io): Promise<number> => {
  if (!/\.html?$/i.test(options.html))
    throw new UsageError(`--html ${options.html}: expected a file name ending in .html`);
  const model = buildReportModel(await inputOf(options, new Date().toISOString()));
  const file = resolve(options.html);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, renderReportHtml(model));
  } catch (error) {
    throw new UsageError(`cannot write ${options.html}: ${error instanceof Error ? error.message : String(error)}`);
  }
  io.out(
    `wrote ${options.html}: ${model.subjects.length} subject(s), ${model.deadlines.length} pending deadline(s), ${model.deadLetters.length} dead letter(s)\n`,
  );
  return ExitCode.ok;
};
