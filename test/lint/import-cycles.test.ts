import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = join(root, '.scratch');

/** dependency-cruiser with the repository's own configuration (as `npm run lint` runs it) over `paths`. */
const cruise = (...paths: string[]): { status: number | null; output: string } => {
  const cli = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
  const run = spawnSync(process.execPath, [cli, '--config', '.dependency-cruiser.cjs', ...paths], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
};

describe('The import cycle check (dependency-cruiser, in npm run lint)', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('passes on the product code (functions/ and shared/): no cycle but the known ones, no import of shared/local', () => {
    // Act
    const { status, output } = cruise('functions', 'shared');

    // Assess
    expect(output).not.toMatch(/error (no-circular|no-local-in-product)/);
    expect(status).toBe(0);
  });

  it('fails when two modules import each other, and names them', () => {
    // Prepare
    mkdirSync(scratch, { recursive: true });
    const dir = mkdtempSync(join(scratch, 'cycle-'));
    made.push(dir);
    writeFileSync(join(dir, 'ping.ts'), "import { pong } from './pong';\nexport const ping = (): string => pong();\n");
    writeFileSync(
      join(dir, 'pong.ts'),
      "import { ping } from './ping';\nexport const pong = (): string => typeof ping;\n",
    );
    const folder = relative(root, dir);

    // Act
    const { status, output } = cruise(folder);

    // Assess
    expect(status).not.toBe(0);
    expect(output).toContain(`error no-circular: ${folder}/ping.ts`);
    expect(output).toContain(`${folder}/pong.ts`);
  });
});
