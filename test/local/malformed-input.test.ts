import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { readEvent, startStack } from '../support/stack';

/** Hostile variants of a real sample: each must be refused at the door, on the first attempt. */
export const hostileEvents = async (): Promise<Record<string, Record<string, unknown>>> => {
  const sample = await readEvent('organizations/cancel-handshake.json');
  const detail = sample.detail as Record<string, unknown>;
  let deep: unknown = { handshakeId: 'h-examplehandshakeid111' };
  for (let i = 0; i < 10_000; i++) deep = { nested: deep };
  return {
    'nested 10,000 levels deep': { ...sample, id: 'hostile-deep', detail: { ...detail, requestParameters: deep } },
    'a 1 MB field': { ...sample, id: 'hostile-large', detail: { ...detail, userAgent: 'x'.repeat(1024 * 1024) } },
    'an invalid eventTime': { ...sample, id: 'hostile-time', detail: { ...detail, eventTime: 'yesterday at noon' } },
    'an oversized replay-name': { ...sample, id: 'hostile-replay', 'replay-name': 'r'.repeat(300) },
    'an injected id': { ...sample, id: 'e-1"; DROP TABLE state; --' },
  };
};

describe('input at the door: malformed events through the real handler', () => {
  let stack: LocalStack;
  let events: Record<string, Record<string, unknown>>;
  beforeAll(async () => {
    stack = await startStack();
    events = await hostileEvents();
  });
  afterAll(() => stack.stop());

  it.each(['nested 10,000 levels deep', 'a 1 MB field', 'an invalid eventTime', 'an oversized replay-name', 'an injected id'])(
    'refuses an event with %s: MalformedEventError on the first attempt, kept, nothing read or written',
    async (name) => {
      // Prepare
      const event = events[name]!;
      const before = { letters: stack.deadLetters.length, dynamo: stack.dynamoRequests.length, calls: stack.apiCalls().length, deliveries: stack.bus.deliveries.length };
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
