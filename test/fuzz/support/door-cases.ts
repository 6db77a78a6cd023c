import fc from 'fast-check';
import type { ForwardedRegions, Origin } from '../../../shared/middleware/door';
import {
  bodyMutations,
  envelopeMutations,
  limitMutations,
  noiseMutations,
  originMutations,
  tolerantMutations,
  type Mutation,
} from './mutations';
import type { JsonObject, Sample } from './samples';

/** One generated case: a real sample, the noise it carries, and what makes it one to refuse. */
export interface DoorCase {
  readonly sample: string;
  readonly noise: readonly string[];
  readonly tolerant: readonly string[];
  readonly fatal: readonly string[];
  /** The fatal mutations by family (`origin`, `envelope`, `limits`, `body`), for the counts. */
  readonly families: readonly string[];
  readonly event: JsonObject;
  /**
   * Whether a fatal mutation changed the event: it must be refused (a generator that changed nothing proves nothing).
   */
  readonly broken: boolean;
  readonly [fc.toStringMethod]: () => string;
}

const tagged = (family: string, arbitraries: Array<fc.Arbitrary<Mutation>>, weight: number) => ({
  weight,
  arbitrary: fc.oneof(...arbitraries).map((mutation) => ({ family, mutation })),
});

const applyAll = (event: JsonObject, mutations: readonly Mutation[]): { event: JsonObject; changed: boolean } => {
  let changed = false;
  for (const mutation of mutations) {
    const next = mutation.apply(event);
    if (next !== undefined && next !== event) {
      changed = true;
      event = next;
    }
  }
  return { event, changed };
};

/**
 * Cases for a function's door: a sample of `samples`, up to three noise mutations (unknown fields,
 * hostile free text, large allowed strings), then one or two fatal ones: another account or Region,
 * envelope fields of the wrong type or hostile, limits broken, a body the function cannot take (ids
 * injected where the reaction depends on them included). Every case must be refused.
 *
 * With `tolerant`, the cases of the full stack: up to two tolerant mutations after the noise (ids
 * injected where the record is then looked up by listing, ids of nothing, failed calls, Regions not
 * watched), and a fatal one at the door in about a third of them: some are processed, some refused.
 */
export const doorCases = (
  samples: readonly Sample[],
  own: Origin,
  forwarded?: ForwardedRegions,
  options: { tolerant?: boolean } = {},
): fc.Arbitrary<DoorCase> => {
  const origin = tagged('origin', originMutations(own, forwarded?.regions ?? []), 3);
  const envelope = tagged('envelope', envelopeMutations, 3);
  const limits = tagged('limits', limitMutations, 1);
  // A tolerant mutation may turn a body the use case refuses into one it ignores (a failed call, a
  // Region not watched): with them, only what the door itself refuses is fatal.
  const fatalOf = samples.map((sample) =>
    options.tolerant
      ? fc.oneof(origin, envelope, limits)
      : fc.oneof(origin, envelope, limits, tagged('body', bodyMutations(sample), 4)),
  );
  const tolerant = options.tolerant ? fc.array(fc.oneof(...tolerantMutations), { maxLength: 2 }) : fc.constant([]);
  return fc.nat({ max: samples.length - 1 }).chain((index) => {
    const sample = samples[index]!;
    const fatal = options.tolerant
      ? fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.tuple(fatalOf[index]!) })
      : fc.array(fatalOf[index]!, { minLength: 1, maxLength: 2 });
    return fc
      .tuple(fc.array(fc.oneof(...noiseMutations), { maxLength: 3 }), tolerant, fatal)
      .map(([noise, odd, fatals]): DoorCase => {
        const noisy = applyAll(applyAll(sample.event, noise).event, odd).event;
        const broken = applyAll(
          noisy,
          fatals.map((f) => f.mutation),
        );
        const label = `${sample.file}: ${[...noise.map((m) => m.label), ...odd.map((m) => `ODD ${m.label}`), ...fatals.map((f) => `FATAL ${f.mutation.label}`)].join('; ')}`;
        return {
          sample: sample.file,
          noise: noise.map((m) => m.label),
          tolerant: odd.map((m) => m.label),
          fatal: fatals.map((f) => f.mutation.label),
          families: fatals.map((f) => f.family),
          event: broken.event,
          broken: broken.changed,
          [fc.toStringMethod]: () => label,
        };
      });
  });
};

/**
 * What the function must answer, told from the event alone, in the order the door checks: an event
 * that does not name its account and Region as strings is malformed; one from another account, or
 * another Region than its own and the forwarded ones of its source, is foreign; anything else this
 * generator broke is malformed or unsupported.
 */
export const expectedRefusals = (event: unknown, own: Origin, forwarded?: ForwardedRegions): readonly string[] => {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return ['MalformedEventError'];
  const { account, region, source } = event as Record<string, unknown>;
  if (typeof account !== 'string' || typeof region !== 'string') return ['MalformedEventError'];
  if (account !== own.account) return ['ForeignEventError'];
  const forwardedHere = forwarded !== undefined && source === forwarded.source && forwarded.regions.includes(region);
  if (region !== own.region && !forwardedHere) return ['ForeignEventError'];
  return ['MalformedEventError', 'UnsupportedEventError'];
};
