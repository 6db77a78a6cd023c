/** A JSON scalar: the only event values (leaf nodes) that patterns compare. */
export type LeafValue = string | number | boolean | null;

/** One entry of a leaf's array of allowed values; the entries are OR-ed. */
export type LeafCondition =
  | { readonly kind: 'exists'; readonly present: boolean }
  | { readonly kind: 'value'; readonly test: (value: LeafValue) => boolean };

/** A pattern field: either a nested object or a leaf array. */
export type FieldNode =
  | { readonly name: string; readonly kind: 'object'; readonly node: ObjectNode; readonly needsScope: boolean }
  | {
      readonly name: string;
      readonly kind: 'leaf';
      readonly conditions: readonly LeafCondition[];
      readonly needsScope: boolean;
    };

/**
 * A pattern object: every field must match (AND), and in every `$or` group at
 * least one alternative must match against the same event object.
 * `needsScope` marks subtrees holding `exists: false`, which looks at the whole
 * event rather than one array element and so needs the extra bookkeeping.
 */
export interface ObjectNode {
  readonly fields: readonly FieldNode[];
  readonly alternatives: readonly (readonly ObjectNode[])[];
  readonly needsScope: boolean;
}

/**
 * Narrows to a non-array object, the JSON notion of "object".
 *
 * @param value - anything
 * @returns whether `value` is a JSON object
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Narrows to a JSON scalar, rejecting non-finite numbers JSON cannot express.
 *
 * @param value - anything
 * @returns whether `value` is a leaf value
 */
export function isLeafValue(value: unknown): value is LeafValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}
