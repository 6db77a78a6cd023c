import fc from 'fast-check';
import { canary, injection, nested, noiseValue, notAString, unknownKey } from './hostile-values';
import { editAt, remove, type JsonPath } from './json-edit';

/** One change to a JSON document (a scenario, a policy), applied at the `pick`-th of its paths. */
export interface DocumentMutation {
  readonly label: string;
  readonly apply: (document: unknown) => unknown;
  readonly [fc.toStringMethod]: () => string;
}

/** Every path of a JSON value (containers and leaves), breadth first, at most `limit`. */
export const allPaths = (root: unknown, limit = 500): JsonPath[] => {
  const found: JsonPath[] = [];
  const queue: Array<{ value: unknown; path: JsonPath }> = [{ value: root, path: [] }];
  for (let next = 0; next < queue.length && found.length < limit; next++) {
    const { value, path } = queue[next]!;
    found.push(path);
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value))
        queue.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
    }
  }
  return found;
};

const at = (label: string, pick: number, edit: (current: unknown) => unknown): DocumentMutation => ({
  label,
  apply: (document) => {
    const paths = allPaths(document).slice(1);
    if (paths.length === 0) return edit(document);
    const path = paths[pick % paths.length]!;
    return editAt(document, path, edit) ?? document;
  },
  [fc.toStringMethod]: () => label,
});

/** Numbers a count, an index or a timestamp field must refuse or survive. */
const oddNumbers = fc.constantFrom(
  -1,
  -0,
  0.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER,
  1e-300,
  86_401,
  20_001,
);

/** Time strings that are nearly, or not at all, ISO 8601. */
const oddTimes = fc.constantFrom(
  '2026-02-30T00:00:00Z',
  '2026-11-02T09:00:00',
  '2026-11-02 09:00:00Z',
  '+275760-09-13T00:00:00Z',
  '9999-12-31T23:59:60Z',
  '1970-01-01T00:00:00Z',
  'yesterday',
  '',
);

/** References to saved values a scenario cannot hold: prototype lookups, injections, no such name. */
const oddReferences = fc.constantFrom(
  '${__proto__.polluted}',
  '${constructor.prototype}',
  '${toString}',
  '${a.b.c.d.e.f}',
  '${invite1.Handshake.Id}${invite1}',
  '${',
  '$${x}}',
  `\${${canary}}`,
);

/**
 * Mutations of any JSON document: a value of the wrong type, hostile or odd strings, odd numbers
 * and times, references to nothing, a value removed, unknown fields (`__proto__` and huge names
 * included), huge strings, nesting 10,000 levels deep, arrays emptied, duplicated or reversed.
 */
export const documentMutations: Array<fc.Arbitrary<DocumentMutation>> = [
  fc.tuple(fc.nat(), notAString).map(([pick, value]) => at(`a value := ${JSON.stringify(value)}`, pick, () => value)),
  fc.tuple(fc.nat(), injection).map(([pick, value]) => at(`a value := ${JSON.stringify(value)}`, pick, () => value)),
  fc.tuple(fc.nat(), oddNumbers).map(([pick, value]) => at(`a value := ${value}`, pick, () => value)),
  fc.tuple(fc.nat(), oddTimes).map(([pick, value]) => at(`a value := ${JSON.stringify(value)}`, pick, () => value)),
  fc.tuple(fc.nat(), oddReferences).map(([pick, value]) => at(`a value := ${value}`, pick, () => value)),
  fc.nat().map((pick) => at('a value removed', pick, () => remove)),
  fc
    .tuple(fc.nat(), unknownKey, noiseValue)
    .map(([pick, key, value]) =>
      at(`an unknown field ${JSON.stringify(key)}`, pick, (current) =>
        typeof current === 'object' && current !== null && !Array.isArray(current)
          ? editAt(current, [key], () => value)
          : current,
      ),
    ),
  fc
    .tuple(fc.nat(), fc.integer({ min: 2_001, max: 100_000 }))
    .map(([pick, length]) =>
      at(`an unknown field named with ${length} characters`, pick, (current) =>
        typeof current === 'object' && current !== null && !Array.isArray(current)
          ? editAt(current, [`${'K'.repeat(length)}${canary}`], () => 1)
          : current,
      ),
    ),
  fc
    .tuple(fc.nat(), fc.integer({ min: 70_000, max: 300_000 }))
    .map(([pick, length]) => at(`a string of ${length} characters`, pick, () => `${'s'.repeat(length)}${canary}`)),
  fc
    .tuple(fc.nat(), fc.oneof(fc.integer({ min: 65, max: 200 }), fc.integer({ min: 5_000, max: 10_000 })))
    .map(([pick, depth]) => at(`nesting ${depth} levels deep`, pick, () => nested(depth))),
  fc
    .nat()
    .map((pick) =>
      at('an array emptied, or a container made an empty array', pick, (current) =>
        typeof current === 'object' && current !== null ? [] : current,
      ),
    ),
  fc
    .nat()
    .map((pick) =>
      at('an array reversed', pick, (current) => (Array.isArray(current) ? [...current].reverse() : current)),
    ),
  fc
    .tuple(fc.nat(), fc.integer({ min: 2, max: 20 }))
    .map(([pick, times]) =>
      at(`an array's items repeated ${times} times`, pick, (current) =>
        Array.isArray(current) ? Array.from({ length: times }, (): unknown[] => current).flat() : current,
      ),
    ),
];

/** A document from `seeds`, changed by one to four mutations. */
export const mutatedDocuments = (
  seeds: ReadonlyArray<{ readonly name: string; readonly document: unknown }>,
): fc.Arbitrary<{ readonly document: unknown; readonly [fc.toStringMethod]: () => string }> =>
  fc
    .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(fc.oneof(...documentMutations), { minLength: 1, maxLength: 4 }))
    .map(([index, mutations]) => {
      const seed = seeds[index]!;
      const document = mutations.reduce<unknown>((current, mutation) => mutation.apply(current), seed.document);
      const label = `${seed.name}: ${mutations.map((mutation) => mutation.label).join('; ')}`;
      return { document, [fc.toStringMethod]: () => label };
    });
