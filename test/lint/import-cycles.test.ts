import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = join(root, '.scratch');

/**
 * dependency-cruiser with the repository's own configuration (as `npm run lint` runs it) over `paths`, from `cwd`
 * (the repository unless told; the paths the rules match are relative to it).
 */
const cruise = (paths: string[], cwd = root): { status: number | null; output: string } => {
  const cli = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
  const run = spawnSync(process.execPath, [cli, '--no-cache', '--config', '.dependency-cruiser.cjs', ...paths], {
    cwd,
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
};

describe('The import cycle check (dependency-cruiser, in npm run lint)', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A fresh folder under .scratch (git-ignored), removed after the tests. */
  const scratchFolder = (prefix: string): string => {
    mkdirSync(scratch, { recursive: true });
    const dir = mkdtempSync(join(scratch, prefix));
    made.push(dir);
    return dir;
  };

  it('passes on the product code (functions/ and shared/): no cycle anywhere, not even as a warning', () => {
    // Act
    const { status, output } = cruise(['functions', 'shared']);

    // Assess
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it('fails when two modules import each other, and names them', () => {
    // Prepare
    const dir = scratchFolder('cycle-');
    writeFileSync(join(dir, 'ping.ts'), "import { pong } from './pong';\nexport const ping = (): string => pong();\n");
    writeFileSync(
      join(dir, 'pong.ts'),
      "import { ping } from './ping';\nexport const pong = (): string => typeof ping;\n",
    );
    const folder = relative(root, dir);

    // Act
    const { status, output } = cruise([folder]);

    // Assess
    expect(status).not.toBe(0);
    expect(output).toContain(`error no-circular: ${folder}/ping.ts`);
    expect(output).toContain(`${folder}/pong.ts`);
  });

  it('fails on a type-only cycle in the product tree, where the Security IR client had one (no allowance left)', () => {
    // Prepare: a copy of the client's former cycle (runtime-config imports the client's config type, the client
    // imports runtime-config), at the same paths in a tree of its own, checked with the repository's configuration.
    const tree = scratchFolder('tree-');
    const folder = join(tree, 'shared/adapters/security-ir');
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(root, '.dependency-cruiser.cjs'), join(tree, '.dependency-cruiser.cjs'));
    copyFileSync(join(root, 'tsconfig.json'), join(tree, 'tsconfig.json'));
    writeFileSync(
      join(folder, 'security-ir-client.ts'),
      "import { getRuntimeConfig } from './runtime-config';\nexport type SecurityIRClientConfig = { region?: string };\n" +
        'export const client = (config: SecurityIRClientConfig): object => getRuntimeConfig(config);\n',
    );
    writeFileSync(
      join(folder, 'runtime-config.ts'),
      "import type { SecurityIRClientConfig } from './security-ir-client';\n" +
        'export const getRuntimeConfig = (config: SecurityIRClientConfig): object => ({ ...config });\n',
    );

    // Act
    const { status, output } = cruise(['shared'], tree);

    // Assess
    expect(status).not.toBe(0);
    expect(output).toContain('error no-circular: shared/adapters/security-ir/runtime-config.ts');
  });
});
