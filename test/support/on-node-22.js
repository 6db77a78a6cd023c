#!/usr/bin/env node
/**
 * Runs vitest on Node 22, the runtime the functions target on Lambda (`nodejs22.x`), whatever Node
 * runs npm: on another major version it installs Node 22 from the npm registry (the official binary
 * packages `node-<platform>-<arch>`) into node_modules/.cache once, and runs vitest with it. The
 * user's own Node is left alone (`npm start` and the CLI run on it). Plain JavaScript on purpose: it
 * runs before anything is compiled, on any Node from 20 on.
 *
 *   node test/support/on-node-22.js run [vitest arguments]
 *   node test/support/on-node-22.js node [node arguments]   (the benchmark: measured on Lambda's Node)
 *   ORGWARDEN_TEST_NODE=/path/to/node  uses that binary instead
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Node 22 release the tests run on (pinned: the same binary on every machine). */
const NODE_22 = '22.23.3';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const installedNode22 = () => {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const pkg = `node-${platform}-${process.arch}`;
  const prefix = join(root, 'node_modules', '.cache', `node-${NODE_22}`);
  const bin = process.platform === 'win32' ? join(prefix, 'node_modules', pkg, 'bin', 'node.exe') : join(prefix, 'node_modules', pkg, 'bin', 'node');
  if (!existsSync(bin)) {
    console.error(`orgwarden: this is Node ${process.versions.node}; installing Node ${NODE_22} for the tests (${pkg}@${NODE_22} from the npm registry)…`);
    const npm = process.env.npm_execpath;
    const args = ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, `${pkg}@${NODE_22}`];
    if (npm) execFileSync(process.execPath, [npm, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    else execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return bin;
};

const major = Number(process.versions.node.split('.')[0]);
const node = process.env.ORGWARDEN_TEST_NODE || (major === 22 ? process.execPath : installedNode22());
const version = execFileSync(node, ['--version']).toString().trim();
const [mode, ...rest] = process.argv.slice(2);
const plainNode = mode === 'node';
console.log(`orgwarden: ${plainNode ? 'this runs' : 'the tests run'} on Node ${version} (the functions target nodejs22.x)`);
const args = plainNode ? rest : [join(root, 'node_modules', 'vitest', 'vitest.mjs'), ...process.argv.slice(2)];
const run = spawnSync(node, args, { stdio: 'inherit', env: process.env });
process.exit(run.status ?? 1);
