/**
 * zod issues as a person reads them: the field's path, then what was expected and what was found
 * (zod's defaults say "Invalid input"; a user needs "expected an ISO 8601 date-time, got …").
 */
import { z } from 'zod';
import { formatPath, showKeys } from './json-depth';

type Issue = z.core.$ZodIssue;

const zodDefault = /^(Invalid|Too (small|big)|Unrecognized key)/;

const shown = (value: unknown): string => {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

const typeName = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`;

const expectedType = (expected: string): string =>
  ({
    object: 'an object',
    array: 'an array',
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
    record: 'an object',
  })[expected] ?? expected;

/** The object schema reached by following `path` from `schema`, if any (to list its keys). */
export const objectSchemaAt = (schema: z.ZodType, path: ReadonlyArray<PropertyKey>): z.ZodObject | undefined => {
  let current: z.ZodType | undefined = schema;
  for (let i = 0; current && i <= path.length;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
      continue;
    }
    if (i === path.length) return current instanceof z.ZodObject ? current : undefined;
    const key = path[i++];
    if (current instanceof z.ZodObject && typeof key === 'string')
      current = current.shape[key] as z.ZodType | undefined;
    else if (current instanceof z.ZodArray && typeof key === 'number') current = current.element as z.ZodType;
    else return undefined;
  }
  return undefined;
};

const explain = (issue: Issue, schema: z.ZodType | undefined): string => {
  const input = 'input' in issue ? issue.input : undefined;
  if (!zodDefault.test(issue.message))
    return input === undefined ? issue.message : `${issue.message}, got ${shown(input)}`;
  switch (issue.code) {
    case 'invalid_type':
      // JSON has no undefined: an undefined input is a missing field.
      return input === undefined
        ? `required: expected ${expectedType(issue.expected)}`
        : `expected ${expectedType(issue.expected)}, got ${typeName(input)}`;
    case 'invalid_format':
      if (issue.format === 'datetime')
        return `expected an ISO 8601 date-time with its zone, such as 2026-11-02T09:00:00Z, got ${shown(input)}`;
      if (issue.format === 'email') return `expected an email address, got ${shown(input)}`;
      return `expected ${issue.format}${issue.pattern ? ` (${issue.pattern})` : ''}, got ${shown(input)}`;
    case 'invalid_value':
      return `expected ${issue.values.length === 1 ? shown(issue.values[0]) : `one of ${issue.values.map(shown).join(', ')}`}, got ${shown(input)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `expected at least ${String(issue.minimum)} item(s)`
        : `expected ${issue.origin === 'string' ? 'a length of ' : ''}at least ${String(issue.minimum)}, got ${shown(input)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `expected at most ${String(issue.maximum)} item(s)`
        : `expected at most ${String(issue.maximum)}, got ${shown(input)}`;
    case 'unrecognized_keys': {
      const known = schema ? objectSchemaAt(schema, issue.path) : undefined;
      const allowed = known ? `; expected only ${Object.keys(known.shape).join(', ')}` : '';
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${showKeys(issue.keys)}${allowed}`;
    }
    default:
      // The value that broke the rule, quoted when it is one value: never the whole object (a policy) around it.
      return input === undefined || (typeof input === 'object' && input !== null)
        ? issue.message
        : `${issue.message}, got ${shown(input)}`;
  }
};

/**
 * One line per issue: `steps.0.api.caller: an account id has 12 digits, got "12"`.
 *
 * @param issues - from `safeParse(…, { reportInput: true })`
 * @param schema - the schema that was parsed, to list the keys an object takes
 * @param base - a path prefix when `schema` was applied below the document's root
 */
export const describeIssues = (
  issues: readonly Issue[],
  schema?: z.ZodType,
  base: ReadonlyArray<string | number> = [],
): string[] =>
  issues.map((issue) => {
    const path = [...base, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))];
    return `${formatPath(path)}: ${explain(issue, schema)}`;
  });
