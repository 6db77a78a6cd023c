import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../shared/local/template';
import { bin } from './harness';

const run = promisify(execFile);

/** The machine's own `node` when it is older than 22 (the tests themselves run on Node 22): the user's case. */
const olderNode = ((): string | undefined => {
  try {
    const version = execFileSync('node', ['--version']).toString().trim();
    return Number(/^v(\d+)/.exec(version)?.[1]) < 22 ? 'node' : undefined;
  } catch {
    return undefined;
  }
})();

const onOlderNode = async (args: readonly string[], env: NodeJS.ProcessEnv) => {
  try {
    const { stdout, stderr } = await run(olderNode!, [bin, ...args], {
      cwd: projectRoot,
      timeout: 60_000,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe.skipIf(!olderNode)('Node 22, checked before anything starts', () => {
  it('on an older Node without a Node 22 at hand: one line naming Node 22 and how to install it, exit 2', async () => {
    // Act: npm start's command, with no Node 22 to be had and no download allowed
    const result = await onOlderNode(['local', '--scenario', 'events/scenarios/demo.json'], {
      ORGWARDEN_NODE_22: '/nonexistent/node',
    });

    // Assess
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^orgwarden: Node 22 is needed; this is Node 2\d\.\d+\.\d+: install Node 22 \(nvm install 22/,
    );
    expect(lines[0]).toContain('npm install --no-save --prefix');
    expect(result.stdout).toBe('');
  });

  it('on an older Node with a Node 22 at hand: the command runs on Node 22', { timeout: 60_000 }, async () => {
    // Prepare: the tests' own Node 22 stands for the one node_modules/.cache holds, behind a script that says it ran
    const dir = mkdtempSync(join(tmpdir(), 'orgwarden-node22-'));
    const node22 = join(dir, 'node');
    writeFileSync(node22, `#!/bin/sh\necho "$@" > ${join(dir, 'ran')}\nexec ${process.execPath} "$@"\n`);
    chmodSync(node22, 0o755);

    // Act
    const result = await onOlderNode(['validate', 'events/scenarios/demo.json'], { ORGWARDEN_NODE_22: node22 });

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ok       events/scenarios/demo.json (scenario');
    expect(readFileSync(join(dir, 'ran'), 'utf8')).toBe(`${bin} validate events/scenarios/demo.json\n`);
  });
});
