/**
 * Packages serverless.yml with osls, offline, and caches the CloudFormation template it produces:
 * the single source of truth for the local stack and the infrastructure tests.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export interface PackageOptions {
  /** Stage passed to `osls package --stage`; default `dev` (the serverless.yml default). */
  readonly stage?: string;
  /** Where the artifacts go; default a per-project, per-stage folder under the OS temp dir. */
  readonly outDir?: string;
  /** Package even when the cached template is up to date. */
  readonly force?: boolean;
  /** `osls package --region`; serverless.yml refuses anything but us-east-1. */
  readonly region?: string;
  /**
   * `--param="key=value"` for each entry (saved as the stage's settings when packaging succeeds); never served from the
   * cache.
   */
  readonly params?: Readonly<Record<string, string>>;
  /** Where the stage settings live (ORGWARDEN_STAGE_SETTINGS_DIR); default `.stages/` of the project. */
  readonly settingsDir?: string;
}

/** The project root (the folder holding serverless.yml), from this file's location. */
export const projectRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const TEMPLATE_FILE = 'cloudformation-template-update-stack.json';

const defaultOutDir = (stage: string): string => {
  const project = createHash('sha256').update(projectRoot).digest('hex').slice(0, 12);
  return join(tmpdir(), 'orgwarden-template', project, stage);
};

// Inputs of a packaging: the config, the stages' saved settings (shared/config/stage-settings.cjs),
// the dependency set and every source an esbuild bundle can reach.
const CONFIG_INPUTS = ['serverless.yml', '.stages', 'package.json', 'package-lock.json', 'tsconfig.json'];
const SOURCE_DIRS = ['functions', 'shared'];

const newestMtime = (path: string): number => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
};

/**
 * Whether `templatePath` is newer than serverless.yml, package.json, package-lock.json,
 * tsconfig.json and everything under functions/ and shared/ (where a deployed bundle's code lives).
 */
export const isTemplateFresh = (templatePath: string): boolean => {
  if (!existsSync(templatePath)) return false;
  const builtAt = statSync(templatePath).mtimeMs;
  const inputs = [...CONFIG_INPUTS, ...SOURCE_DIRS].map((entry) => newestMtime(join(projectRoot, entry)));
  return inputs.every((mtime) => mtime < builtAt);
};

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

const LOCK_STALE_MS = 5 * 60_000;
const LOCK_WAIT_MS = 3 * 60_000;

/** A cross-process lock (an atomic mkdir) so parallel test workers package one at a time. */
const withLock = async <T>(lockDir: string, work: () => Promise<T>): Promise<T> => {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = existsSync(lockDir) ? Date.now() - statSync(lockDir).mtimeMs : 0;
      if (age > LOCK_STALE_MS) rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Timed out waiting for the packaging lock ${lockDir}`);
      else await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
};

/**
 * The child's environment: no AWS credentials or profiles of any kind (packaging must not need
 * them, and must never pick up a developer's), no instance metadata lookups, no telemetry.
 */
const offlineEnvironment = (workFolder: string, settingsDir: string | undefined): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('AWS_')) env[name] = value;
  }
  const nowhere = join(tmpdir(), 'orgwarden-no-aws-config');
  return {
    ...env,
    AWS_CONFIG_FILE: join(nowhere, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(nowhere, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    ORGWARDEN_ESBUILD_WORK_FOLDER: workFolder,
    ...(settingsDir ? { ORGWARDEN_STAGE_SETTINGS_DIR: settingsDir } : {}),
  };
};

const runOsls = (args: string[], env: NodeJS.ProcessEnv): Promise<void> =>
  new Promise((done, fail) => {
    const require = createRequire(import.meta.url);
    const bin = join(dirname(require.resolve('osls/package.json')), 'bin', 'serverless.js');
    const child = spawn(process.execPath, [bin, ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`osls ${args.join(' ')} exited with ${String(code)}:\n${output}`)),
    );
  });

/**
 * Runs `osls package` offline and returns the path of `cloudformation-template-update-stack.json`.
 *
 * Cache: when the template in `outDir` is newer than every packaging input (see
 * {@link isTemplateFresh}) it is returned as is; `force` repackages anyway. The default `outDir`
 * lives under the OS temp dir because osls deletes the project's `.serverless/` on every package.
 * Packagings of one `outDir` are serialized by a lock, and each gets its own esbuild work folder.
 * Note that osls itself always removes `<project>/.serverless/` when it packages.
 */
export const packageTemplate = async (options: PackageOptions = {}): Promise<string> => {
  const stage = options.stage ?? 'dev';
  const outDir = resolve(options.outDir ?? defaultOutDir(stage));
  const templatePath = join(outDir, TEMPLATE_FILE);
  // The cache knows the files, not the command line: a packaging given parameters always runs.
  const force = options.force === true || options.params !== undefined;
  if (!force && isTemplateFresh(templatePath)) return templatePath;

  mkdirSync(dirname(outDir), { recursive: true });
  return withLock(`${outDir}.lock`, async () => {
    if (!force && isTemplateFresh(templatePath)) return templatePath;
    const staging = `${outDir}.staging-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    const workFolder = join('.esbuild', `package-${stage}-${process.pid}-${Date.now()}`);
    // Stamp the template with the time packaging started: a source edited while osls ran is then
    // newer than the template, and the next call packages again.
    const startedAt = new Date();
    try {
      const params = Object.entries(options.params ?? {}).flatMap(([key, value]) => ['--param', `${key}=${value}`]);
      await runOsls(
        [
          'package',
          '--stage',
          stage,
          '--package',
          staging,
          ...(options.region ? ['--region', options.region] : []),
          ...params,
        ],
        offlineEnvironment(workFolder, options.settingsDir),
      );
      utimesSync(join(staging, TEMPLATE_FILE), startedAt, startedAt);
      rmSync(outDir, { recursive: true, force: true });
      renameSync(staging, outDir);
    } finally {
      rmSync(staging, { recursive: true, force: true });
      rmSync(join(projectRoot, workFolder), { recursive: true, force: true });
    }
    return templatePath;
  });
};
