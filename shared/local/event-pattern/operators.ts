import { InvalidEventPatternError, type PatternPathSegment } from './errors';
import { cidrContains, parseCidr } from './ip-address';
import { compileNumeric, inNumericRange } from './numeric';
import { isJsonObject, type LeafCondition, type LeafValue } from './types';
import { matchesWildcard, parseWildcard } from './wildcard';

type Path = readonly PatternPathSegment[];
type StringTest = (value: string) => boolean;

/** Every operator EventBridge documents; field names inside `$or` may not reuse them. */
export const OPERATOR_NAMES: ReadonlySet<string> = new Set([
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
]);

const ANYTHING_BUT_STRING_OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'wildcard']);

function sameIgnoringCase(left: string, right: string): boolean {
  // Comparing both foldings catches letters whose lower and upper forms are not one-to-one (ſ, K).
  return left.toLowerCase() === right.toLowerCase() || left.toUpperCase() === right.toUpperCase();
}

function onStrings(test: StringTest): (value: LeafValue) => boolean {
  return (value) => typeof value === 'string' && test(value);
}

function singleEntry(value: Record<string, unknown>, path: Path, what: string): [string, unknown] {
  const entries = Object.entries(value);
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) {
    throw new InvalidEventPatternError(path, `${what} must have exactly one key, got ${entries.length}`);
  }
  return entry;
}

function requireString(value: unknown, path: Path, what: string): string {
  if (typeof value !== 'string') throw new InvalidEventPatternError(path, `${what} value must be a string`);
  return value;
}

/** `prefix` and `suffix` take a string or `{ "equals-ignore-case": string }`. */
function affixTest(kind: 'prefix' | 'suffix', operand: unknown, path: Path): StringTest {
  const has =
    kind === 'prefix'
      ? (text: string, affix: string) => text.startsWith(affix)
      : (text: string, affix: string) => text.endsWith(affix);
  if (typeof operand === 'string') return (text) => has(text, operand);
  if (!isJsonObject(operand))
    throw new InvalidEventPatternError(path, `${kind} value must be a string or {"equals-ignore-case": string}`);
  const [key, inner] = singleEntry(operand, path, kind);
  if (key !== 'equals-ignore-case')
    throw new InvalidEventPatternError([...path, key], `${kind} only accepts "equals-ignore-case" as a modifier`);
  const affix = requireString(inner, [...path, key], `${kind} equals-ignore-case`).toLowerCase();
  return (text) => has(text.toLowerCase(), affix);
}

function wildcardTest(operand: string, path: Path): StringTest {
  try {
    const parsed = parseWildcard(operand);
    return (text) => matchesWildcard(parsed, text);
  } catch (error) {
    throw new InvalidEventPatternError(path, `invalid wildcard ${JSON.stringify(operand)}`, { cause: error });
  }
}

/** The string side of `anything-but`: `{prefix|suffix|equals-ignore-case|wildcard: string | string[]}`. */
function anythingButStringTest(operand: Record<string, unknown>, path: Path): StringTest {
  const [key, inner] = singleEntry(operand, path, 'anything-but');
  const innerPath = [...path, key];
  if (!ANYTHING_BUT_STRING_OPERATORS.has(key)) {
    throw new InvalidEventPatternError(
      innerPath,
      `anything-but cannot contain "${key}"; use prefix, suffix, equals-ignore-case or wildcard`,
    );
  }
  const list: readonly unknown[] = Array.isArray(inner) ? inner : [inner];
  if (list.length === 0) throw new InvalidEventPatternError(innerPath, `anything-but ${key} list must not be empty`);
  const tests = list.map((item, index): StringTest => {
    const itemPath = Array.isArray(inner) ? [...innerPath, index] : innerPath;
    const text = requireString(item, itemPath, `anything-but ${key}`);
    switch (key) {
      case 'prefix':
      case 'suffix':
        // An empty affix would exclude every string, which EventBridge refuses.
        if (text === '') throw new InvalidEventPatternError(itemPath, `anything-but ${key} must not be empty`);
        return affixTest(key, text, itemPath);
      case 'equals-ignore-case':
        return (value) => sameIgnoringCase(value, text);
      default:
        return wildcardTest(text, itemPath);
    }
  });
  return (value) => tests.some((test) => test(value));
}

function anythingButCondition(operand: unknown, path: Path): LeafCondition {
  if (isJsonObject(operand)) {
    const excluded = onStrings(anythingButStringTest(operand, path));
    return { kind: 'value', test: (value) => !excluded(value) };
  }
  const list: readonly unknown[] = Array.isArray(operand) ? operand : [operand];
  if (list.length === 0) throw new InvalidEventPatternError(path, 'anything-but list must not be empty');
  list.forEach((item, index) => {
    const itemPath = Array.isArray(operand) ? [...path, index] : path;
    if (typeof item !== 'string' && (typeof item !== 'number' || !Number.isFinite(item))) {
      throw new InvalidEventPatternError(itemPath, 'anything-but values must be strings or numbers');
    }
  });
  if (new Set(list.map((item) => typeof item)).size > 1) {
    throw new InvalidEventPatternError(path, 'anything-but list must hold only strings or only numbers');
  }
  return { kind: 'value', test: (value) => !list.includes(value) };
}

/**
 * Compiles one operator object from a leaf array, e.g. `{ "prefix": "us-" }`.
 *
 * @param operatorObject - the object found in the leaf array
 * @param path - location of the object, for error messages
 * @returns the condition the object stands for
 * @throws InvalidEventPatternError when the operator is unknown or its operand malformed
 */
export function compileOperator(operatorObject: Record<string, unknown>, path: Path): LeafCondition {
  const [name, operand] = singleEntry(operatorObject, path, 'an operator object');
  const operandPath = [...path, name];
  switch (name) {
    case 'prefix':
    case 'suffix':
      return { kind: 'value', test: onStrings(affixTest(name, operand, operandPath)) };
    case 'equals-ignore-case': {
      const expected = requireString(operand, operandPath, name);
      return { kind: 'value', test: onStrings((value) => sameIgnoringCase(value, expected)) };
    }
    case 'wildcard':
      return { kind: 'value', test: onStrings(wildcardTest(requireString(operand, operandPath, name), operandPath)) };
    case 'anything-but':
      return anythingButCondition(operand, operandPath);
    case 'numeric': {
      const range = compileNumeric(operand, operandPath);
      return { kind: 'value', test: (value) => inNumericRange(range, value) };
    }
    case 'exists':
      if (typeof operand !== 'boolean')
        throw new InvalidEventPatternError(operandPath, 'exists value must be true or false');
      return { kind: 'exists', present: operand };
    case 'cidr': {
      const text = requireString(operand, operandPath, name);
      try {
        const block = parseCidr(text);
        return { kind: 'value', test: onStrings((value) => cidrContains(block, value)) };
      } catch (error) {
        throw new InvalidEventPatternError(operandPath, `invalid cidr ${JSON.stringify(text)}`, { cause: error });
      }
    }
    default:
      throw new InvalidEventPatternError(path, `unknown operator "${name}"`);
  }
}
