import { inject } from 'vitest';
import { LocalStack } from '../../../shared/local/stack/local-stack';

/**
 * The Regions whose Macie members the fuzzed stack watches: the samples' (us-west-2, eu-west-1) and the home Region.
 */
export const watchedRegions = ['us-east-1', 'us-west-2', 'eu-west-1'];

/** How many cases each property runs (ORGWARDEN_FUZZ_RUNS_FACTOR scales them all; CI runs the default). */
export const fuzzRuns = (defaultRuns: number): number => {
  const factor = Number(process.env.ORGWARDEN_FUZZ_RUNS_FACTOR ?? '1');
  return Math.max(1, Math.round(defaultRuns * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
};

/**
 * CI's seed: a gate that judges a change must judge it on the same cases each time (new seeds are explored locally).
 */
const ciSeed = 20261124;

/**
 * A fixed seed reproduces a run (fast-check prints the seed and path of a failure). Unset: CI plays
 * its fixed seed, a developer's run a new one each time, so that local runs keep exploring.
 */
export const fuzzSeed = (): { seed: number } | Record<string, never> => {
  if (process.env.ORGWARDEN_FUZZ_SEED) return { seed: Number(process.env.ORGWARDEN_FUZZ_SEED) };
  return process.env.CI === 'true' ? { seed: ciSeed } : {};
};

/** A local stack for fuzzing: the run's DynamoDB Local, quiet functions, Macie watched in three Regions. */
export const startFuzzStack = (): Promise<LocalStack> =>
  LocalStack.start({
    start: new Date('2026-11-02T09:00:00Z'),
    managementAccountId: '111111111111',
    dynamoEndpoint: inject('dynamoEndpoint'),
    logLevel: process.env.ORGWARDEN_TEST_LOG_LEVEL ?? 'SILENT',
    macie: { regions: watchedRegions },
  });
