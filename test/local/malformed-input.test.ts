import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { hostileEvents } from '../support/hostile';
import { startStack } from '../support/stack';

describe('input at the door: malformed events through the real handler', () => {
  let stack: LocalStack;
  let events: Record<string, Record<string, unknown>>;
  beforeAll(async () => {
    stack = await startStack();
    events = await hostileEvents();
  });
  afterAll(() => stack.stop());

  it.each([
    'nested 10,000 levels deep',
    'a 1 MB field',
    'an invalid eventTime',
    'an oversized replay-name',
    'an injected id',
  ])(
    'refuses an event with %s: MalformedEventError on the first attempt, kept, nothing read or written',
    async (name) => {
      // Prepare
      const event = events[name]!;
      const before = {
        letters: stack.deadLetters.length,
        dynamo: stack.dynamoRequests.length,
        calls: stack.apiCalls().length,
        deliveries: stack.bus.deliveries.length,
      };
      // Act: as EventBridge delivers it (through the rule, with Lambda's retries)
      await stack.deliver(event as never);
      // Assess
      const deliveries = stack.bus.deliveries.slice(before.deliveries);
      expect(deliveries.map((d) => [d.attempt, d.outcome])).toEqual([[1, 'ok']]);
      expect(deliveries[0]!.result).toMatchObject({ outcome: 'dead-lettered', error: { name: 'MalformedEventError' } });
      expect(stack.bus.retries).toEqual([]);
      const letters = stack.deadLetters.slice(before.letters);
      expect(letters.map((l) => l.error.name)).toEqual(['MalformedEventError']);
      expect(stack.dynamoRequests.length - before.dynamo).toBe(0);
      expect(stack.apiCalls().length - before.calls).toBe(0);
      expect(await stack.store.listSnapshots()).toEqual([]);
    },
  );

  it('keeps the refused event in the dead-letter queue, cut to a size the queue takes when it is too large or too deep', () => {
    const kept = stack.deadLetters.map((letter) => JSON.stringify(letter.event).length);
    expect(kept.every((size) => size < 256 * 1024)).toBe(true);
    expect(stack.deadLetters.map((letter) => (letter.event as { id?: string }).id)).toContain('hostile-deep');
  });
});
