import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgwardenError } from '../../../shared/domain/errors';
import type { ForwardedRegions } from '../../../shared/middleware/door';
import type { LocalStack } from '../../../shared/local/stack/local-stack';
import { boundedCopy } from '../../../shared/schemas/bounded-copy';
import { doorCases, expectedRefusals, type DoorCase } from './door-cases';
import { Door, type EventDrivenFunction } from './door';
import { fuzzRuns, fuzzSeed, startFuzzStack, watchedRegions } from './fuzz-stack';
import { samplesFor } from './samples';

/** Cases per function at its door: the issue asks for at least 10,000. */
export const doorRuns = 10_000;

const describeThrown = (error: unknown): string =>
  error instanceof OrgwardenError
    ? `a ${error.permanent ? 'permanent' : 'transient'} ${error.name}: ${error.message}`
    : `an untyped ${error instanceof Error ? error.name : typeof error}: ${String(error)}`;

const countInto = (counts: Map<string, number>, key: string): void => {
  counts.set(key, (counts.get(key) ?? 0) + 1);
};

const formatCounts = (counts: Map<string, number>): string =>
  [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');

/**
 * The property every case at a function's door must hold: refused on the first attempt as the
 * permanent error its origin and shape call for (never thrown, never untyped); nothing read or
 * written in DynamoDB, no AWS call, nothing published; exactly one dead letter, holding the event as
 * received (whole when it is small enough to keep whole).
 */
const checkRefused = async (
  door: Door,
  stack: LocalStack,
  forwarded: ForwardedRegions | undefined,
  c: DoorCase,
): Promise<string> => {
  const { outcome, effects } = await door.invoke(c.event);
  try {
    if ('threw' in outcome) expect.fail(`the handler threw ${describeThrown(outcome.threw)}`);
    const answer = outcome.returned as { outcome?: string; error?: { name: string; message: string } };
    expect(answer, 'the answer of a refused event').toMatchObject({ outcome: 'dead-lettered' });
    expect(
      expectedRefusals(c.event, door.origin, forwarded),
      `${answer.error?.name}: ${answer.error?.message}`,
    ).toContain(answer.error?.name);
    const said = `answered ${answer.error?.name}: ${answer.error?.message.slice(0, 300)}`;
    expect(effects.dynamoRequests, `DynamoDB requests of an event ${said}`).toEqual([]);
    expect(effects.apiCalls, `AWS calls of an event ${said}`).toEqual([]);
    expect(effects.putEvents, 'PutEvents calls').toBe(0);
    expect(effects.deadLetters.map((letter) => [letter.functionName, letter.error.name])).toEqual([
      [door.fn, answer.error!.name],
    ]);
    const kept = boundedCopy(c.event);
    if (!kept.truncated)
      expect(effects.deadLetters[0]!.event, 'the dead letter holds the event as received').toEqual(
        JSON.parse(JSON.stringify(c.event)),
      );
    return answer.error!.name;
  } finally {
    // Ten thousand dead letters of up to 240 KB each would fill the heap: each case checks its own.
    stack.deadLetters.splice(0);
  }
};

/**
 * Fuzzes `fn`'s door: {@link doorRuns} generated cases, each a real sample broken on purpose,
 * through the function's own middy chain on a local stack (one cold start, no bus), then prints the
 * counts by answer and by what broke the event.
 */
export const describeDoorFuzz = (fn: EventDrivenFunction): void => {
  describe(`${fn}: its door under fuzzing (fast-check)`, () => {
    let stack: LocalStack;
    let door: Door;
    beforeAll(async () => {
      stack = await startFuzzStack();
      door = await Door.open(stack, fn);
    });
    afterAll(() => stack.stop());

    it(`refuses ${doorRuns.toLocaleString('en-US')} broken samples before reading or writing anything, each kept as one dead letter`, async () => {
      // Prepare
      const forwarded =
        fn === 'macie-member-changed' ? { source: 'aws.macie2', regions: door.config.MACIE_REGIONS } : undefined;
      if (forwarded) expect(forwarded.regions).toEqual(watchedRegions);
      const samples = await samplesFor(fn, door.origin, (region) => forwarded?.regions.includes(region) ?? false);
      const byAnswer = new Map<string, number>();
      const byFamily = new Map<string, number>();
      let unbroken = 0;
      const started = Date.now();
      // Act and Assess
      await fc.assert(
        fc.asyncProperty(doorCases(samples, door.origin, forwarded), async (c) => {
          if (!c.broken) {
            unbroken++;
            return;
          }
          countInto(byAnswer, await checkRefused(door, stack, forwarded, c));
          for (const family of new Set(c.families)) countInto(byFamily, family);
        }),
        { numRuns: fuzzRuns(doorRuns), ...fuzzSeed() },
      );
      const cases = [...byAnswer.values()].reduce((sum, n) => sum + n, 0);
      console.log(
        `fuzz ${fn}: ${cases} cases at the door in ${((Date.now() - started) / 1000).toFixed(1)} s (${samples.length} samples); answers: ${formatCounts(byAnswer)}; broken by: ${formatCounts(byFamily)}`,
      );
      expect(unbroken).toBe(0);
      expect(cases).toBe(fuzzRuns(doorRuns));
    }, 600_000);
  });
};
