import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../shared/local/cli/main';
import { projectRoot } from '../../shared/local/template';

const run = promisify(execFile);
export const bin = join(projectRoot, 'shared/local/cli/bin.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A folder of its own for `.orgwarden/last-run.json`, so that test files never share a last run. */
export const stateDir = (): string => mkdtempSync(join(tmpdir(), 'orgwarden-cli-state-'));

/** The `orgwarden` command, as a user runs it: a separate process with its own DynamoDB Local. */
export const orgwarden = async (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> => {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: projectRoot,
      timeout: 120_000,
      maxBuffer: 50 * 1024 * 1024,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

/** `main()` in this process, its output captured: for everything that never starts a stack. */
export const orgwardenInProcess = async (...args: string[]): Promise<CliResult> => {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { out: (text) => void (stdout += text), err: (text) => void (stderr += text) });
  return { code, stdout, stderr };
};

/** Starts the CLI without waiting for it; the caller signals it and waits for `exited`. */
export const startOrgwarden = (
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; exited: Promise<CliResult>; stderrSoFar: () => string } => {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<CliResult>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr })),
  );
  return { child, exited, stderrSoFar: () => stderr };
};
