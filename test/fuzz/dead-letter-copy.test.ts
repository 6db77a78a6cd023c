import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { boundedCopy } from '../../shared/schemas/bounded-copy';
import { readEvent } from '../support/stack';
import { Door } from './support/door';
import { startFuzzStack } from './support/fuzz-stack';

/** Regressions the door fuzzing found: a dead letter did not always hold the event as it arrived. */
describe('a dead letter holds the refused event as received', () => {
  it('keeps a "__proto__" key as a field of the copy (JSON.parse makes it one), not as its prototype', () => {
    // Prepare
    const event = JSON.parse('{"id":"e-1","__proto__":{"polluted":true}}') as Record<string, unknown>;
    // Act
    const { copy, truncated } = boundedCopy(event);
    // Assess
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy as object).sort()).toEqual(['__proto__', 'id']);
    expect(JSON.parse(JSON.stringify(copy))).toEqual(JSON.parse('{"id":"e-1","__proto__":{"polluted":true}}'));
    expect(truncated).toBe(false);
  });

  it('says it cut a key longer than 256 characters', () => {
    const { copy, truncated } = boundedCopy({ [`${'k'.repeat(300)}`]: 1 });
    expect(Object.keys(copy as object)).toEqual(['k'.repeat(256)]);
    expect(truncated).toBe(true);
  });

  describe('through the real handler', () => {
    let stack: LocalStack;
    let door: Door;
    beforeAll(async () => {
      stack = await startFuzzStack();
      door = await Door.open(stack, 'membership-changed');
    });
    afterAll(() => stack.stop());

    it('keeps what the schema drops when the refusal comes after parsing (an injected membership id)', async () => {
      // Prepare: valid at the door, refused by the use case, with a field the parsed copy does not keep
      const sample = await readEvent('security-ir/membership-terminated.json');
      const event = JSON.parse(
        JSON.stringify({ ...sample, detail: { membershipId: '../../etc/passwd' } }).replace(
          /^\{/,
          '{"__proto__":{"x":"y"},',
        ),
      ) as Record<string, unknown>;
      // Act
      const { outcome, effects } = await door.invoke(event);
      // Assess
      expect(outcome).toMatchObject({ returned: { outcome: 'dead-lettered', error: { name: 'MalformedEventError' } } });
      expect(effects.dynamoRequests).toEqual([]);
      expect(effects.deadLetters).toHaveLength(1);
      expect(Object.keys(effects.deadLetters[0]!.event as object)).toContain('__proto__');
      expect(effects.deadLetters[0]!.event).toEqual(JSON.parse(JSON.stringify(event)));
    });
  });
});
