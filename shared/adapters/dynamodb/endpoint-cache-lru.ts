/**
 * The least-recently-used cache of the DynamoDB client's endpoint discovery (`@aws-sdk/endpoint-cache`),
 * which the bundles take instead of mnemonist's (serverless.yml, esbuild `alias` of
 * `mnemonist/lru-cache`): mnemonist's, with the iterator library it requires, is 7 KiB of every
 * bundle for a cache orgwarden never fills (DynamoDB endpoint discovery is off unless asked for).
 *
 * It has what EndpointCache calls, with mnemonist's meaning: `get` and `set` make a key the most
 * recent, `has` and `peek` do not, a `set` beyond the capacity evicts the least recent key, keys are
 * strings. One deliberate difference: mnemonist keeps its keys in a plain object, so its `has` says
 * true for `constructor` and the other names of Object.prototype; this one does not (the SDK's cache
 * keys are built from credentials and operation names, never those). test/adapters/endpoint-cache-lru.test.ts
 * compares the two on random sequences of operations.
 */
export default class EndpointCacheLru<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly capacity: number) {
    if (typeof capacity !== 'number' || capacity <= 0)
      throw new Error('mnemonist/lru-cache: capacity should be positive number.');
  }

  get size(): number {
    return this.#entries.size;
  }

  has(key: string): boolean {
    return this.#entries.has(String(key));
  }

  peek(key: string): V | undefined {
    return this.#entries.get(String(key));
  }

  get(key: string): V | undefined {
    const name = String(key);
    if (!this.#entries.has(name)) return undefined;
    const value = this.#entries.get(name) as V;
    this.#entries.delete(name);
    this.#entries.set(name, value);
    return value;
  }

  set(key: string, value: V): void {
    const name = String(key);
    this.#entries.delete(name);
    this.#entries.set(name, value);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  clear(): void {
    this.#entries.clear();
  }
}
