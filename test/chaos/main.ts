import '../../shared/local/quiet-sdk-warning';
import { parseArgs } from 'node:util';
import { startDynamoDbLocal } from '../../shared/local/dynamodb-local';
import { packageTemplate } from '../../shared/local/template';
import { shortenSdkBackoff } from './fast-backoff';
import { reproduceCommand, runSeed, type SeedResult } from './seed';

const usage = `npm run chaos -- [--seeds N] [--from S] [--seed S] [--jobs J] [--verbose]

  --seeds N   how many seeds to play (default 20), from --from (default 1)
  --seed S    play one seed (what a failing seed prints)
  --jobs J    seeds played at once (default 2: one a core of the development machine)
  --verbose   print each seed's plan and every violation in full`;

/** Sums faults by kind over seeds. */
const total = (results: readonly SeedResult[]): Record<string, number> => {
  const sums: Record<string, number> = {};
  for (const result of results)
    for (const [kind, count] of Object.entries(result.injected)) sums[kind] = (sums[kind] ?? 0) + count;
  return Object.fromEntries(Object.entries(sums).sort(([x], [y]) => x.localeCompare(y)));
};

const report = (result: SeedResult, verbose: boolean): void => {
  const faults = Object.values(result.injected).reduce((sum, n) => sum + n, 0);
  const head = `seed ${result.seed}: ${result.violations.length === 0 ? 'ok' : `FAILED (${result.violations.length} violation(s))`} in ${(result.ms / 1000).toFixed(1)} s, ${result.plan.steps.length} steps, ${faults} faults`;
  console.log(head);
  if (verbose) console.log(`${JSON.stringify(result.plan, null, 2)}\nevents lost: ${result.lost.join(', ') || 'none'}`);
  if (result.violations.length === 0) return;
  for (const violation of verbose ? result.violations : result.violations.slice(0, 8))
    console.log(`  (${violation.invariant}) ${violation.detail}`);
  if (!verbose && result.violations.length > 8) console.log(`  … and ${result.violations.length - 8} more`);
  console.log(`  reproduce: ${reproduceCommand(result.seed)}`);
};

/**
 * `npm run chaos`: plays generated, seeded worlds under faults on the local stack, each against its
 * fault-free twin, and checks the invariants (test/chaos/invariants.ts). Exit code 0 when every seed
 * passed, 1 otherwise, 2 on misuse.
 */
const main = async (): Promise<number> => {
  let args;
  try {
    args = parseArgs({
      options: {
        seeds: { type: 'string' },
        from: { type: 'string' },
        seed: { type: 'string' },
        jobs: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }
  const number = (value: string | undefined, fallback: number): number =>
    value === undefined ? fallback : Number(value);
  const seeds =
    args.seed !== undefined
      ? [number(args.seed, 1)]
      : Array.from({ length: number(args.seeds, 20) }, (_, i) => number(args.from, 1) + i);
  const jobs = number(args.jobs, 2);
  if (seeds.some((seed) => !Number.isInteger(seed) || seed < 0) || !Number.isInteger(jobs) || jobs < 1) {
    console.error(`seeds and jobs are whole numbers\n\n${usage}`);
    return 2;
  }
  shortenSdkBackoff();
  const began = Date.now();
  const [dynamo] = await Promise.all([startDynamoDbLocal(), packageTemplate({ stage: 'local' })]);
  const results: SeedResult[] = [];
  // Stopped by Ctrl-C or SIGTERM: DynamoDB Local (a Java process) is stopped too, not left running.
  const stopOn = (signal: 'SIGINT' | 'SIGTERM', code: number) =>
    process.once(signal, () => {
      console.error(`\n${signal}: stopping DynamoDB Local (${results.length} seeds played)`);
      void dynamo.stop().finally(() => process.exit(code));
    });
  stopOn('SIGINT', 130);
  stopOn('SIGTERM', 143);
  try {
    const queue = [...seeds];
    const worker = async (): Promise<void> => {
      for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) {
        const result = await runSeed(seed, { dynamoEndpoint: dynamo.endpoint }).catch((error: unknown) =>
          crashed(seed, error),
        );
        results.push(result);
        report(result, args.verbose ?? false);
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, seeds.length) }, worker));
  } finally {
    await dynamo.stop();
  }
  const failed = results.filter((result) => result.violations.length > 0);
  const seconds = (Date.now() - began) / 1000;
  console.log(
    `\n${results.length - failed.length} of ${results.length} seeds passed in ${seconds.toFixed(0)} s (${(seconds / results.length).toFixed(1)} s a seed, jobs ${jobs})`,
  );
  console.log(`faults injected: ${JSON.stringify(total(results))}`);
  for (const result of failed) console.log(`failed: ${reproduceCommand(result.seed)}`);
  return failed.length === 0 ? 0 : 1;
};

/** A seed whose run itself threw: a failure of the harness or of the product, reported as a violation. */
const crashed = (seed: number, error: unknown): SeedResult => ({
  seed,
  plan: {
    seed,
    start: '',
    policy: {} as SeedResult['plan']['policy'],
    securityIr: false,
    macie: false,
    steps: [],
    end: '',
  },
  violations: [
    {
      invariant: 'recovery',
      detail: `the run threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    },
  ],
  injected: {},
  lost: [],
  ms: 0,
});

process.exitCode = await main();
