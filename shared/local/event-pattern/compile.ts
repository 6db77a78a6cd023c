import { InvalidEventPatternError, type PatternPathSegment } from './errors';
import { compileOperator, OPERATOR_NAMES } from './operators';
import { isJsonObject, type FieldNode, type LeafCondition, type ObjectNode } from './types';

type Path = readonly PatternPathSegment[];

const OR_KEY = '$or';

function compileLeafEntry(entry: unknown, path: Path): LeafCondition {
  if (entry === null || typeof entry === 'string' || typeof entry === 'boolean') {
    return { kind: 'value', test: (value) => value === entry };
  }
  if (typeof entry === 'number') {
    if (!Number.isFinite(entry)) throw new InvalidEventPatternError(path, 'numbers must be finite');
    return { kind: 'value', test: (value) => value === entry };
  }
  if (Array.isArray(entry)) throw new InvalidEventPatternError(path, 'arrays cannot be nested inside a value list');
  if (isJsonObject(entry)) return compileOperator(entry, path);
  throw new InvalidEventPatternError(path, `${typeof entry} is not a JSON value`);
}

function compileLeaf(name: string, entries: readonly unknown[], path: Path): FieldNode {
  if (entries.length === 0) throw new InvalidEventPatternError(path, 'a value list must not be empty');
  const conditions = entries.map((entry, index) => compileLeafEntry(entry, [...path, index]));
  const needsScope = conditions.some((condition) => condition.kind === 'exists' && !condition.present);
  return { name, kind: 'leaf', conditions, needsScope };
}

function compileOr(value: unknown, path: Path): ObjectNode[] {
  if (!Array.isArray(value)) throw new InvalidEventPatternError(path, '$or must be an array of objects');
  const branches: readonly unknown[] = value;
  if (branches.length < 2)
    throw new InvalidEventPatternError(path, `$or needs at least 2 objects, got ${branches.length}`);
  return branches.map((branch, index) => {
    if (!isJsonObject(branch)) throw new InvalidEventPatternError([...path, index], '$or may only contain objects');
    return compileObject(branch, [...path, index], true);
  });
}

/**
 * Compiles one pattern object. Inside `$or` (at any depth) operator names are
 * reserved, because a field called "prefix" there would read as an operator.
 */
function compileObject(pattern: Record<string, unknown>, path: Path, insideOr: boolean): ObjectNode {
  const entries = Object.entries(pattern);
  if (entries.length === 0) throw new InvalidEventPatternError(path, 'objects must not be empty');
  const fields: FieldNode[] = [];
  const alternatives: ObjectNode[][] = [];
  for (const [name, value] of entries) {
    const fieldPath = [...path, name];
    if (name === OR_KEY) {
      alternatives.push(compileOr(value, fieldPath));
      continue;
    }
    if (insideOr && OPERATOR_NAMES.has(name)) {
      throw new InvalidEventPatternError(fieldPath, `"${name}" is an operator and cannot be a field name inside $or`);
    }
    if (Array.isArray(value)) {
      fields.push(compileLeaf(name, value, fieldPath));
    } else if (isJsonObject(value)) {
      const node = compileObject(value, fieldPath, insideOr);
      fields.push({ name, kind: 'object', node, needsScope: node.needsScope });
    } else {
      throw new InvalidEventPatternError(fieldPath, 'must be an object or an array of values');
    }
  }
  const needsScope =
    fields.some((field) => field.needsScope) || alternatives.some((group) => group.some((branch) => branch.needsScope));
  return { fields, alternatives, needsScope };
}

/**
 * Parses and validates a pattern into the tree the matcher walks.
 *
 * @param pattern - a parsed pattern object, or its JSON text (as CloudFormation allows)
 * @returns the compiled pattern
 * @throws InvalidEventPatternError naming the path of the first problem found
 */
export function compilePattern(pattern: unknown): ObjectNode {
  let parsed = pattern;
  if (typeof pattern === 'string') {
    try {
      parsed = JSON.parse(pattern) as unknown;
    } catch (error) {
      throw new InvalidEventPatternError([], 'the pattern string is not valid JSON', { cause: error });
    }
  }
  if (!isJsonObject(parsed)) throw new InvalidEventPatternError([], 'an event pattern must be a JSON object');
  return compileObject(parsed, [], false);
}

/**
 * Checks a pattern against the documented EventBridge pattern grammar: leaves
 * are non-empty arrays, operators are known and well formed, `anything-but`
 * only wraps prefix/suffix/equals-ignore-case/wildcard, `$or` holds two or more
 * objects, numeric ranges are ordered and within ±5.0e9.
 *
 * @param pattern - a parsed pattern object, or its JSON text
 * @throws InvalidEventPatternError naming the path of the first problem found
 */
export function validatePattern(pattern: unknown): void {
  compilePattern(pattern);
}
