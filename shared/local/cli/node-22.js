/**
 * Node 22, checked before anything starts: the functions target `nodejs22.x`, and the AWS SDK stops supporting Node 20
 * in January 2027. On Node 22 or later the CLI runs as it is. On an older Node it runs again on Node 22: the one
 * `ORGWARDEN_NODE_22` names, else the one the tests use (node_modules/.cache, see test/support/on-node-22.js), else one
 * installed there from the npm registry (the official `node-<platform>-<arch>` package), as the tests do. When none
 * can be had: one line naming Node 22 and how to install it, exit 2 (as the Java 17 check does).
 * Plain JavaScript on purpose: it runs before tsx is loaded, on any Node.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Node 22 release installed when none is at hand (the one test/support/on-node-22.js pins). */
export const NODE_22 = '22.23.3';
const NEEDED_MAJOR = 22;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const platform = process.platform === 'win32' ? 'win' : process.platform;
const pkg = `node-${platform}-${process.arch}`;
const prefix = join(root, 'node_modules', '.cache', `node-${NODE_22}`);
const cached = join(prefix, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');

const installHint =
  `install Node ${NEEDED_MAJOR} (nvm install ${NEEDED_MAJOR}, or https://nodejs.org/en/download), ` +
  `or let npm fetch it for orgwarden: npm install --no-save --prefix ${prefix} ${pkg}@${NODE_22}`;

/** The Node 22 to run on, installing it when allowed; undefined when none can be had. */
const node22 = () => {
  const named = process.env.ORGWARDEN_NODE_22;
  if (named) return existsSync(named) ? named : undefined;
  if (existsSync(cached)) return cached;
  if (process.env.ORGWARDEN_NO_NODE_INSTALL) return undefined;
  try {
    process.stderr.write(`orgwarden: this is Node ${process.versions.node}; installing Node ${NODE_22} (${pkg})…\n`);
    const args = ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix];
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', [...args, `${pkg}@${NODE_22}`], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
  } catch {
    return undefined;
  }
  return existsSync(cached) ? cached : undefined;
};

/**
 * Runs the CLI on Node 22 when this Node is older.
 *
 * @param {string} script - the CLI's entry point (bin.js)
 * @param {string[]} argv - its arguments
 * @returns {Promise<number | undefined>} undefined when this Node will do; else the exit code of the run on Node 22
 *   (2 when there is none)
 */
export const onNode22 = (script, argv) => {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= NEEDED_MAJOR) return Promise.resolve(undefined);
  const node = node22();
  if (!node) {
    process.stderr.write(
      `orgwarden: Node ${NEEDED_MAJOR} is needed; this is Node ${process.versions.node}: ${installHint}\n`,
    );
    return Promise.resolve(2);
  }
  // A process group of its own: Ctrl-C reaches this process alone, which passes it on once (the run on Node 22 takes
  // a second signal as "exit at once", without stopping its local stack).
  const child = spawn(node, [script, ...argv], { stdio: 'inherit', env: process.env, detached: true });
  // The run on Node 22 stops its local stack on SIGINT and SIGTERM: this process only passes them on and waits.
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('error', () => resolve(2));
    child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1)));
  });
};
