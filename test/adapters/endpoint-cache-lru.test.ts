import fc from 'fast-check';
import MnemonistLru from 'mnemonist/lru-cache';
import { describe, expect, it } from 'vitest';
import EndpointCacheLru from '../../shared/adapters/dynamodb/endpoint-cache-lru';

type Operation =
  { op: 'get' | 'has' | 'peek'; key: string } | { op: 'set'; key: string; value: number } | { op: 'clear' };

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'AKID:us-east-1:Query', 'AKID:us-east-1:GetItem');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), key, value: fc.integer() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('get' as const, 'has' as const, 'peek' as const), key }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

interface Lru {
  get(key: string): unknown;
  has(key: string): boolean;
  peek(key: string): unknown;
  set(key: string, value: unknown): unknown;
  clear(): void;
  size: number;
}

const apply = (cache: Lru, step: Operation): unknown => {
  switch (step.op) {
    case 'set':
      return cache.set(step.key, [step.value]);
    case 'clear':
      return cache.clear();
    default:
      return cache[step.op](step.key);
  }
};

describe("the endpoint cache's LRU the bundles take instead of mnemonist's", () => {
  it("answers every sequence of EndpointCache's calls as mnemonist's does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(operation, { maxLength: 60 }), (capacity, steps) => {
        // Prepare
        const ours = new EndpointCacheLru<number[]>(capacity) as unknown as Lru;
        const theirs = new MnemonistLru<string, number[]>(capacity) as unknown as Lru;
        // Act and Assess: each answer, then what each key holds and the size
        for (const step of steps) expect(apply(ours, step)).toEqual(apply(theirs, step));
        for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'AKID:us-east-1:Query', 'AKID:us-east-1:GetItem']) {
          expect([ours.has(name), ours.peek(name)]).toEqual([theirs.has(name), theirs.peek(name)]);
        }
        expect(ours.size).toBe(theirs.size);
      }),
      { numRuns: 2000 },
    );
  });

  it('evicts the least recently used key, counting get but not peek or has as a use', () => {
    // Prepare
    const cache = new EndpointCacheLru<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    // Act
    cache.get('a');
    cache.peek('b');
    cache.has('b');
    cache.set('c', 3);
    // Assess
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
  });

  it('refuses a capacity that is not a positive number, as mnemonist does', () => {
    expect(() => new EndpointCacheLru(0)).toThrow('capacity should be positive number');
    expect(() => new MnemonistLru(0)).toThrow('capacity should be positive number');
  });
});
