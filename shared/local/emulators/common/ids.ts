import { randomUUID } from 'node:crypto';

/**
 * Seedable randomness behind the identifiers of an emulated world. With a seeded `random` every id
 * (and so every event) is reproducible across runs. Each emulator extends it with the id formats of
 * its own model, or uses it as is for request and event ids.
 */
export class RandomIds {
  /** @param random - a generator in [0, 1); default Math.random and random UUIDs */
  constructor(private readonly random: (() => number) | undefined) {}

  /** `length` characters drawn from `alphabet`. */
  protected pick(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) {
      const r = this.random ? this.random() : Math.random();
      out += alphabet[Math.floor(r * alphabet.length) % alphabet.length];
    }
    return out;
  }

  /** A UUID for request ids and event ids. */
  uuid(): string {
    if (!this.random) return randomUUID();
    const hex = this.pick('0123456789abcdef', 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

/**
 * A seeded generator in [0, 1) (mulberry32): the same seed gives the same sequence on every run and
 * machine, which is what makes an emulated world's ids and events reproducible.
 *
 * @param seed - any number; its low 32 bits are used
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
