import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import yauzl from 'yauzl';
import { bundleContents, type BundleShare } from './bundle-contents';
import { functionOf, functionsOf, loadTemplate, packageTemplate, type CfnTemplate } from '../../shared/local/template';

/** Every file of a zip archive, extracted under `into`. */
const unzip = (zip: string, into: string): Promise<string[]> =>
  new Promise((resolve, reject) => {
    const files: string[] = [];
    yauzl.open(zip, { lazyEntries: true }, (error, archive) => {
      if (error || !archive) return reject(error ?? new Error(`cannot open ${zip}`));
      archive.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return archive.readEntry();
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error(entry.fileName));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            const target = join(into, entry.fileName);
            mkdirSync(dirname(target), { recursive: true });
            writeFileSync(target, Buffer.concat(chunks));
            files.push(target);
            archive.readEntry();
          });
        });
      });
      archive.on('end', () => resolve(files));
      archive.readEntry();
    });
  });

/** What a function needs in its environment to initialise (values that reach nothing: nothing is called). */
const coldEnvironment: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  TABLE_NAME: 'orgwarden-bench-state',
  EVENT_BUS_NAME: 'orgwarden-bench',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111111111111/orgwarden-bench-dlq',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench',
  LOG_LEVEL: 'SILENT',
  // The template's ManagementAccountId parameter: empty, a deployment to the management account.
  MANAGEMENT_ACCOUNT_ID: '',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const wallMs = (args: string[], env: Record<string, string> = coldEnvironment): number => {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr.toString()}`);
  return elapsed;
};

/**
 * A function's environment as its template declares it (the policy, the Regions, the replay rules…),
 * with what CloudFormation resolves at deployment (a `!Ref`, the stack id) replaced by the bench's values.
 */
const environmentOf = (template: CfnTemplate, fn: string): Record<string, string> => {
  const variables =
    (functionOf(template, fn).resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables ?? {};
  const declared = Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : (coldEnvironment[name] ?? `bench-${name.toLowerCase()}`),
    ]),
  );
  return { ...declared, ...coldEnvironment };
};

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export interface BundleFigures {
  readonly fn: string;
  readonly bytes: number;
  readonly coldInitMs: number;
  readonly importMs: number;
  /** Every byte of the bundle by origin (package, orgwarden's folder), largest first. */
  readonly contents: readonly BundleShare[];
}

/** A packaged function, unzipped: its bundle and the environment it initialises with. */
export interface UnpackedFunction {
  readonly fn: string;
  readonly bundle: string;
  readonly env: Record<string, string>;
}

/**
 * Packages the stack (osls, as deployed) and unzips each function's archive under a temporary
 * folder; `use` gets them, and the folder is removed afterwards.
 */
export const withUnpackedFunctions = async <T>(
  stage: string,
  use: (functions: UnpackedFunction[]) => Promise<T>,
): Promise<T> => {
  const templatePath = await packageTemplate({ stage });
  const outDir = dirname(templatePath);
  const work = mkdtempSync(join(tmpdir(), 'orgwarden-bundles-'));
  try {
    const template = loadTemplate(templatePath);
    const functions: UnpackedFunction[] = [];
    for (const fn of functionsOf(template)) {
      const files = await unzip(join(outDir, `${fn.name}.zip`), join(work, fn.name));
      const bundle = files.find((file) => file.endsWith('.mjs'));
      if (!bundle)
        throw new Error(`${fn.name}.zip holds no .mjs bundle: ${readdirSync(join(work, fn.name)).join(', ')}`);
      functions.push({ fn: fn.name, bundle, env: environmentOf(template, fn.name) });
    }
    return await use(functions);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

/**
 * Each packaged function's bundle size and cold initialisation: the median wall time of 10 fresh
 * `node` processes importing the packaged handler (which builds the function from its environment),
 * minus the median of 10 bare `node` processes, measured interleaved in one run.
 */
export const bundleFigures = (runs = 10): Promise<BundleFigures[]> =>
  withUnpackedFunctions('bench', (functions) => {
    const figures: BundleFigures[] = [];
    for (const { fn, bundle, env } of functions) {
      const url = pathToFileURL(bundle).href;
      const bare: number[] = [];
      const loaded: number[] = [];
      const imports: number[] = [];
      const probe = `const t=performance.now();const m=await import(${JSON.stringify(url)});if(typeof m.handler!=='function')process.exit(3);process.stdout.write(String(performance.now()-t))`;
      for (let i = 0; i < runs; i++) {
        bare.push(wallMs(['--input-type=module', '-e', '']));
        const start = performance.now();
        const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        loaded.push(performance.now() - start);
        if (run.status !== 0) throw new Error(`${fn}: import failed: ${run.stderr.toString().slice(-2000)}`);
        imports.push(Number(run.stdout.toString()));
      }
      figures.push({
        fn,
        bytes: statSync(bundle).size,
        contents: bundleContents(bundle),
        coldInitMs: median(loaded) - median(bare),
        importMs: median(imports),
      });
    }
    return Promise.resolve(figures);
  });
