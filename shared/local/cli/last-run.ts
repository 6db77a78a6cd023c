import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { RunReport } from '../scenario/report';
import { projectRoot } from '../template';
import { UsageError } from './errors';

/** The last `orgwarden local` run, as `state`, `history` and `report` read it. */
export interface LastRun extends RunReport {
  readonly scenario: {
    readonly name: string;
    readonly description?: string;
    readonly file: string;
    readonly seed?: number;
  };
}

/**
 * `.orgwarden/last-run.json` in the project (git-ignored); `ORGWARDEN_STATE_DIR` moves it
 * (tests give each run a folder of its own).
 */
export const lastRunFile = (): string =>
  join(process.env.ORGWARDEN_STATE_DIR ?? join(projectRoot, '.orgwarden'), 'last-run.json');

export const saveLastRun = async (run: LastRun): Promise<void> => {
  const file = lastRunFile();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
};

const isLastRun = (value: unknown): value is LastRun => {
  if (!value || typeof value !== 'object') return false;
  const run = value as Record<string, unknown>;
  return ['snapshots', 'history', 'emitted', 'apiCalls', 'deadLetters'].every((part) => Array.isArray(run[part]));
};

/**
 * Reads the last local run; before any run, says how to make one (exit code 2) instead of ENOENT.
 *
 * @throws UsageError when there is no run yet or the file is not one
 */
export const loadLastRun = async (): Promise<LastRun> => {
  const file = lastRunFile();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsageError(
        'no local run yet: run `orgwarden local --scenario events/scenarios/demo.json` first (or pass --table NAME for a deployed table)',
      );
    }
    throw new UsageError(`cannot read the last run ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isLastRun(parsed))
    throw new UsageError(
      `${relative(process.cwd(), file) || file} is not a run of this orgwarden: run \`orgwarden local --scenario …\` again`,
    );
  return { ...parsed, failures: parsed.failures ?? [], scenario: parsed.scenario ?? { name: '(unknown)', file: '' } };
};
