import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../shared/local/template';

const run = promisify(execFile);

/** The commands of the README's `sh` blocks, one per command (continued lines joined, comments cut). */
const readmeCommands = (): string[] =>
  [...readFileSync(join(projectRoot, 'README.md'), 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
    block[1]!
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line !== '')
      .flatMap((line) => line.split(' && ')),
  );

/**
 * What a test here cannot run as written, and where it is run instead. Every other command of the README
 * is run below; a command added to the README must be run there or listed here with its reason.
 */
const runElsewhere: ReadonlyArray<readonly [RegExp, string]> = [
  [/^npm ci$/, '.ci/run runs it on a clean clone before anything else'],
  [/^npm test$/, '.ci/run is this command'],
  [/^npx osls (deploy|remove) /, 'needs an AWS account; the template it deploys is tested offline (test/infra)'],
  [/^npx osls package /, 'packaging is what test/infra runs (osls package, offline), under its own stages'],
  [/^aws cloudformation /, 'needs an AWS account; the reinstall template is checked offline (test/infra)'],
];

const shell = async (command: string): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await run('sh', ['-c', command], {
      cwd: projectRoot,
      timeout: 180_000,
      maxBuffer: 50 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe("the README's commands, as written", () => {
  const commands = readmeCommands();
  const runHere = commands.filter((command) => !runElsewhere.some(([pattern]) => pattern.test(command)));

  it('are each run by this test or, when they need an AWS account or are the CI itself, named with where they run', () => {
    expect(commands.length).toBeGreaterThan(5);
    expect(runHere.sort()).toEqual(['npm start', 'npx orgwarden validate my-policy.yaml']);
  });

  it('`npm start`: the demo on the local stack, its timeline and findings, exit 0', async () => {
    const started = await shell('npm start');
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toMatch(/Findings|findings/);
    expect(started.stdout).toContain('Untrusted Party Detected');
  }, 200_000);

  it('`npx orgwarden validate my-policy.yaml`: a policy beside the checkout, checked, exit 0', async () => {
    const policy = join(projectRoot, 'my-policy.yaml');
    copyFileSync(join(projectRoot, 'shared/config/default-policy.yaml'), policy);
    try {
      const validated = await shell('npx --no-install orgwarden validate my-policy.yaml');
      expect(validated.code, validated.stdout + validated.stderr).toBe(0);
      expect(validated.stdout).toContain('my-policy.yaml');
    } finally {
      rmSync(policy, { force: true });
    }
  }, 60_000);
});
