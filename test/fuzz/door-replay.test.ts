import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { projectRoot } from '../../shared/local/template';
import { boundedCopy } from '../../shared/schemas/bounded-copy';
import { replayRequestSchema } from '../../shared/schemas/replay-request';
import { Door } from './support/door';
import { doorRuns } from './support/door-fuzz';
import { fuzzRuns, fuzzSeed, startFuzzStack } from './support/fuzz-stack';
import { injection, nested, noiseValue, notAString, unknownKey, withOwnKeys } from './support/hostile-values';

/** The request an operator sends (events/requests/replay-a-day.json). */
const valid = JSON.parse(readFileSync(join(projectRoot, 'events/requests/replay-a-day.json'), 'utf8')) as Record<
  string,
  unknown
>;

const labelled = <T>(kind: string, label: string, value: T) => ({ kind, label, value });
const without = (field: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(valid).filter(([key]) => key !== field));

/**
 * Broken replay requests: a time that is not one, a field of the wrong type or missing, a replay name
 * AWS would refuse, a field no request has, the limits broken (a huge string, deep nesting), or no
 * object at all. Each must be refused (the schema is strict).
 */
const brokenRequests = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('since', 'until'),
      fc.oneof(
        injection,
        notAString,
        fc.constantFrom('2026-13-01T00:00:00Z', 'yesterday', '2026-11-03', '2026-11-03T00:00:00'),
      ),
    )
    .map(([field, value]) =>
      labelled(`${field} broken`, `${field} := ${JSON.stringify(value)?.slice(0, 40)}`, { ...valid, [field]: value }),
    ),
  fc.constantFrom('since', 'until').map((field) => labelled(`${field} removed`, `${field} removed`, without(field))),
  fc
    .oneof(
      injection,
      notAString,
      fc.integer({ min: 65, max: 600 }).map((n) => 'r'.repeat(n)),
    )
    .map((value) =>
      labelled('replayName broken', `replayName := ${JSON.stringify(value)?.slice(0, 40)}`, {
        ...valid,
        replayName: value,
      }),
    ),
  fc
    .oneof(fc.string(), fc.integer(), fc.constant(null), injection)
    .map((value) =>
      labelled('apply broken', `apply := ${JSON.stringify(value)?.slice(0, 40)}`, { ...valid, apply: value }),
    ),
  fc
    .tuple(unknownKey, noiseValue)
    .map(([key, value]) =>
      labelled(
        'unknown field',
        `an unknown field ${JSON.stringify(key)}`,
        withOwnKeys([...Object.entries(valid), [key, value]]),
      ),
    ),
  fc
    .integer({ min: 65_537, max: 1_100_000 })
    .map((n) => labelled('over 64 KiB', `replayName of ${n} characters`, { ...valid, replayName: 'x'.repeat(n) })),
  fc
    .integer({ min: 33, max: 10_000 })
    .map((depth) => labelled('too deep', `nesting ${depth} levels deep`, { ...valid, apply: nested(depth) })),
  fc
    .oneof(notAString, injection)
    .map((value) => labelled('not an object', `the request is ${JSON.stringify(value)?.slice(0, 40)}`, value)),
);

describe('replay: its door under fuzzing (fast-check)', () => {
  let stack: LocalStack;
  let door: Door;
  beforeAll(async () => {
    stack = await startFuzzStack();
    door = await Door.open(stack, 'replay');
  });
  afterAll(() => stack.stop());

  it('plans the valid request (the door is not simply shut)', async () => {
    // Act
    const { outcome, effects } = await door.invoke(valid);
    // Assess
    expect(outcome).toEqual({
      returned: {
        planned: expect.objectContaining({
          since: valid.since,
          until: valid.until,
          replayName: valid.replayName,
        }) as unknown,
      },
    });
    expect(effects.deadLetters).toEqual([]);
  });

  it(`refuses ${doorRuns.toLocaleString('en-US')} broken requests with MalformedEventError, calling and writing nothing, each kept as one dead letter`, async () => {
    const byCase = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(brokenRequests, async ({ kind, label, value }) => {
        // A generated request the schema would take is no case (a random unknown key cannot be one: the schema is
        // strict).
        let parsed = false;
        try {
          parsed = replayRequestSchema.safeParse(value).success;
        } catch {
          parsed = false;
        }
        fc.pre(!parsed);
        const { outcome, effects } = await door.invoke(value);
        try {
          expect(outcome, label).toEqual({
            returned: {
              outcome: 'dead-lettered',
              error: { name: 'MalformedEventError', message: expect.any(String) as string },
            },
          });
          expect(effects.dynamoRequests).toEqual([]);
          expect(effects.apiCalls).toEqual([]);
          expect(effects.putEvents).toBe(0);
          expect(effects.deadLetters.map((letter) => [letter.functionName, letter.error.name])).toEqual([
            ['replay', 'MalformedEventError'],
          ]);
          const kept = boundedCopy(value);
          if (!kept.truncated) expect(effects.deadLetters[0]!.event).toEqual(JSON.parse(JSON.stringify(value ?? null)));
        } finally {
          stack.deadLetters.splice(0);
        }
        byCase.set(kind, (byCase.get(kind) ?? 0) + 1);
      }),
      { numRuns: fuzzRuns(doorRuns), ...fuzzSeed() },
    );
    console.log(`fuzz replay: ${[...byCase].map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
    expect([...byCase.values()].reduce((sum, n) => sum + n, 0)).toBeGreaterThan(fuzzRuns(doorRuns) * 0.9);
  }, 600_000);
});
