import { beforeAll, describe, expect, inject, it } from 'vitest';
import { shortenSdkBackoff } from './fast-backoff';
import { generatePlan } from './generate';
import { reproduceCommand, runSeed, type SeedResult } from './seed';

/**
 * The seeds CI plays (`npm run chaos -- --seeds 500` plays the large set; see README.md, Proof under
 * faults). Seed 16, left out while finding 6 of test/chaos/README.md stood, is played again.
 */
const seeds = Array.from({ length: 21 }, (_, i) => i + 1);
/** Seeds played at once (each on stacks of its own; the machine has two cores). */
const jobs = 2;

describe(`chaos: ${seeds.length} seeded worlds under faults, each against its fault-free twin`, () => {
  const results = new Map<number, SeedResult>();

  beforeAll(async () => {
    shortenSdkBackoff();
    const queue = [...seeds];
    const worker = async (): Promise<void> => {
      for (let seed = queue.shift(); seed !== undefined; seed = queue.shift())
        results.set(seed, await runSeed(seed, { dynamoEndpoint: inject('dynamoEndpoint') }));
    };
    await Promise.all(Array.from({ length: jobs }, worker));
  }, 600_000);

  it('generates the same plan from the same seed, and a different one from another', () => {
    expect(generatePlan(7)).toEqual(generatePlan(7));
    expect(generatePlan(7)).not.toEqual(generatePlan(8));
  });

  it('injected faults of every kind over the seeds (a harness that injects nothing proves nothing)', () => {
    const kinds = new Set(
      [...results.values()].flatMap((result) => Object.keys(result.injected).map((kind) => kind.split(/[:-]/)[0])),
    );
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['api', 'delayed', 'dropped', 'duplicated', 'dynamodb', 'putevents', 'reordered']),
    );
    const crashes = new Set(
      [...results.values()].flatMap((result) =>
        Object.keys(result.injected).filter((kind) => kind.startsWith('dynamodb:crash-')),
      ),
    );
    expect([...crashes].sort()).toEqual(
      expect.arrayContaining([
        'dynamodb:crash-after-TransactWriteItems',
        'dynamodb:crash-before-TransactWriteItems',
        'dynamodb:crash-after-UpdateItem',
        'dynamodb:crash-after-PutItem',
      ]),
    );
  });

  it.each(seeds)('seed %i keeps every invariant', (seed) => {
    const result = results.get(seed)!;
    const report = result.violations.map((violation) => `(${violation.invariant}) ${violation.detail}`).join('\n');
    expect(report, `seed ${seed}: reproduce with ${reproduceCommand(seed)}`).toBe('');
  });
});
