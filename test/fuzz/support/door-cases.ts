import fc from 'fast-check';
import type { ForwardedRegions, Origin } from '../../../shared/middleware/refuse-foreign-events';
import { bodyMutations, envelopeMutations, limitMutations, noiseMutations, originMutations, type Mutation } from './mutations';
import type { JsonObject, Sample } from './samples';

/** One generated case: a real sample, the noise it carries, and what makes it one to refuse. */
export interface DoorCase {
  readonly sample: string;
  readonly noise: readonly string[];
  readonly fatal: readonly string[];
  /** The fatal mutations by family (`origin`, `envelope`, `limits`, `body`), for the counts. */
  readonly families: readonly string[];
  readonly event: JsonObject;
  /** Whether a fatal mutation changed the event (a generator that changed nothing proves nothing). */
  readonly broken: boolean;
  readonly [fc.toStringMethod]: () => string;
}

const tagged = (family: string, arbitraries: Array<fc.Arbitrary<Mutation>>, weight: number) => ({ weight, arbitrary: fc.oneof(...arbitraries).map((mutation) => ({ family, mutation })) });

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
 */
export const doorCases = (samples: readonly Sample[], own: Origin, forwarded?: ForwardedRegions): fc.Arbitrary<DoorCase> => {
  const origin = tagged('origin', originMutations(own, forwarded?.regions ?? []), 3);
  const envelope = tagged('envelope', envelopeMutations, 3);
  const limits = tagged('limits', limitMutations, 1);
  const fatalOf = samples.map((sample) => fc.oneof(origin, envelope, limits, tagged('body', bodyMutations(sample), 4)));
  return fc.nat({ max: samples.length - 1 }).chain((index) => {
    const sample = samples[index]!;
    const fatal = fatalOf[index]!;
    return fc.tuple(fc.array(fc.oneof(...noiseMutations), { maxLength: 3 }), fc.array(fatal, { minLength: 1, maxLength: 2 })).map(([noise, fatals]): DoorCase => {
      const noisy = applyAll(sample.event, noise).event;
      const broken = applyAll(noisy, fatals.map((f) => f.mutation));
      const label = `${sample.file}: ${[...noise.map((m) => m.label), ...fatals.map((f) => `FATAL ${f.mutation.label}`)].join('; ')}`;
      return {
        sample: sample.file,
        noise: noise.map((m) => m.label),
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
