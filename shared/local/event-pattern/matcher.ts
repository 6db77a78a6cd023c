import { compilePattern } from './compile';
import { isJsonObject, isLeafValue, type FieldNode, type LeafValue, type ObjectNode } from './types';

export { validatePattern } from './compile';
export { InvalidEventPatternError } from './errors';

/** A compiled pattern, reusable across events. */
export type EventMatcher = (event: unknown) => boolean;

const NO_SCOPE: readonly unknown[] = [];

function childOf(node: unknown, name: string): unknown {
  // Own properties only: an event must not "have" a field called "constructor".
  return isJsonObject(node) && Object.hasOwn(node, name) ? node[name] : undefined;
}

/** Flattens arrays at any depth, the way EventBridge "crushes" them out of paths. */
function crush(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.flatMap(crush) : [value];
}

function leavesOf(values: readonly unknown[]): LeafValue[] {
  return values.filter(isLeafValue);
}

/**
 * `target` is the one event node being matched (a single array element when
 * arrays were crossed, so fields of one pattern object come from one element);
 * `scope` is every node at this path across the whole event, used by
 * `exists: false`, which the docs define as "the event does not have the field".
 */
function matchesObject(node: ObjectNode, target: unknown, scope: readonly unknown[]): boolean {
  return (
    node.fields.every((field) => matchesField(field, target, scope)) &&
    node.alternatives.every((group) => group.some((branch) => matchesObject(branch, target, scope)))
  );
}

function matchesField(field: FieldNode, target: unknown, scope: readonly unknown[]): boolean {
  const value = childOf(target, field.name);
  const fieldScope = field.needsScope ? scope.flatMap((node) => crush(childOf(node, field.name))) : NO_SCOPE;
  if (field.kind === 'object') {
    const elements = crush(value);
    const candidates = elements.length === 0 ? [undefined] : elements;
    return candidates.some((candidate) => matchesObject(field.node, candidate, fieldScope));
  }
  // Objects are not leaves: a field holding one counts as absent for leaf conditions.
  const leaves = leavesOf(crush(value));
  return field.conditions.some((condition) => {
    if (condition.kind === 'exists') return condition.present ? leaves.length > 0 : leavesOf(fieldScope).length === 0;
    return leaves.some(condition.test);
  });
}

/**
 * Validates a pattern once and returns a reusable matcher, for callers such as
 * the local event bus that test many events against the same rule.
 *
 * @param pattern - a parsed pattern object, or its JSON text
 * @returns a function telling whether an event matches
 * @throws InvalidEventPatternError when the pattern is invalid
 */
export function compileEventPattern(pattern: unknown): EventMatcher {
  const compiled = compilePattern(pattern);
  return (event) => {
    if (!isJsonObject(event)) throw new TypeError('an EventBridge event must be a JSON object');
    return matchesObject(compiled, event, [event]);
  };
}

/**
 * Tells whether an EventBridge event matches an event pattern, following the
 * documented semantics: leaf arrays are OR-ed, fields are AND-ed, event arrays
 * match on a non-empty intersection, and absent fields only match `exists: false`.
 *
 * @param pattern - a parsed pattern object, or its JSON text (as in a CloudFormation `EventPattern`)
 * @param event - a full event: version, id, detail-type, source, account, time, region, resources, detail
 * @returns whether the event matches
 * @throws InvalidEventPatternError when the pattern is invalid (it is validated first)
 * @throws TypeError when the event is not a JSON object
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return compileEventPattern(pattern)(event);
}
