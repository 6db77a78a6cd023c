import { spawn } from 'node:child_process';

/**
 * Runs this node with `args` and only `env` (a fresh process: nothing of the test's module cache);
 * its stdout, or a failure carrying the end of its stderr.
 */
export const runNode = (args: readonly string[], env: Record<string, string | undefined>): Promise<string> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) =>
      code === 0 ? done(out) : fail(new Error(`exit ${String(code)}: ${err.slice(-2000)}`)),
    );
  });
