import { javaPatternToRegExp } from './java-regex';
import { shapeOf, type ServiceModel, type Shape } from './service-model';

/** What a value breaks in its model shape. */
export type ViolationKind =
  'required' | 'type' | 'enum' | 'pattern' | 'min-length' | 'max-length' | 'min-value' | 'max-value' | 'unknown-member';

/** One way a value breaks its model shape, located by a dotted path (`Target.Id`, `Tags[0].Key`). */
export interface ShapeViolation {
  path: string;
  kind: ViolationKind;
  shape: string;
  message: string;
}

/**
 * How timestamps appear in the value being validated. The wire format is a protocol matter (JSON 1.1
 * and rest-json bodies carry epoch seconds unless a shape says otherwise), so the caller states it;
 * a shape's own `timestampFormat` trait always wins. `date` means in-memory `Date` objects.
 */
export type TimestampFormat = 'unixTimestamp' | 'iso8601' | 'rfc822' | 'date';

/** Options of {@link validateShape}. */
export interface ValidateOptions {
  /** Timestamp format for shapes without a `timestampFormat` trait; default `unixTimestamp`. */
  timestampFormat?: TimestampFormat;
  /** Accept members the shape does not declare; default false (they are reported). */
  allowUnknownMembers?: boolean;
  /**
   * Values accepted beyond an enum shape's list, by shape name: only those a test shows on purpose
   * (common/unmodeled-values.ts: a value AWS added after the model); default none.
   */
  unmodeledEnumValues?: ReadonlyMap<string, ReadonlySet<string>>;
}

// Messages never quote the offending value: many members are `sensitive` (emails, names, notes).
/**
 * Validates a value against a shape of a botocore model and returns every violation (empty: valid).
 * Protocol-independent: it knows shapes, not HTTP; the caller decides what a violation means (a
 * validation error for a request, an emulator bug for a response).
 *
 * Checks: required members, types (string, integer, long, float, double, boolean, blob, timestamp,
 * list, map, structure), enums, `min`/`max` (lengths of strings, lists and maps; ranges of numbers),
 * `pattern` (Java regex, search semantics) and members the structure does not declare.
 *
 * @param model - the service model
 * @param shapeName - the shape to validate against, e.g. `DescribeHandshakeRequest`
 * @param value - the value, as parsed from JSON (absent optional members may be undefined or null)
 * @param path - the path of the value itself; '' for a top-level request or response
 * @param options - timestamp format and unknown-member policy
 */
export function validateShape(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  path = '',
  options: ValidateOptions = {},
): ShapeViolation[] {
  const violations: ShapeViolation[] = [];
  visit(model, shapeName, value, path, options, violations);
  return violations;
}

function visit(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  path: string,
  options: ValidateOptions,
  out: ShapeViolation[],
): void {
  const shape = shapeOf(model, shapeName);
  const report = (kind: ViolationKind, message: string): void => {
    out.push({ path, kind, shape: shapeName, message: `${path || '(root)'}: ${message}` });
  };
  switch (shape.type) {
    case 'structure':
      return visitStructure(model, shapeName, shape, value, path, options, out, report);
    case 'list':
      if (!Array.isArray(value)) return report('type', 'expected a list');
      checkSize(shape, value.length, 'items', report);
      value.forEach((item, index) => visit(model, shape.member!.shape, item, `${path}[${index}]`, options, out));
      return;
    case 'map':
      if (!isPlainObject(value)) return report('type', 'expected a map');
      checkSize(shape, Object.keys(value).length, 'entries', report);
      for (const [key, entry] of Object.entries(value)) {
        visit(model, shape.key!.shape, key, `${path}{key}`, options, out);
        visit(model, shape.value!.shape, entry, `${path}[${JSON.stringify(key)}]`, options, out);
      }
      return;
    case 'string':
      return visitString(shape, value, report, options.unmodeledEnumValues?.get(shapeName));
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return report('type', `expected an ${shape.type}`);
      return checkRange(shape, value, report);
    case 'float':
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) return report('type', `expected a ${shape.type}`);
      return checkRange(shape, value, report);
    case 'boolean':
      if (typeof value !== 'boolean') report('type', 'expected a boolean');
      return;
    case 'blob':
      if (typeof value !== 'string' && !(value instanceof Uint8Array))
        report('type', 'expected a blob (base64 string)');
      return;
    case 'timestamp':
      return visitTimestamp(shape, value, options, report);
    default:
      return report('type', `unsupported shape type ${String(shape.type)}`);
  }
}

function visitStructure(
  model: ServiceModel,
  shapeName: string,
  shape: Shape,
  value: unknown,
  path: string,
  options: ValidateOptions,
  out: ShapeViolation[],
  report: (kind: ViolationKind, message: string) => void,
): void {
  if (!isPlainObject(value)) return report('type', 'expected a structure');
  const members = shape.members ?? {};
  for (const name of shape.required ?? []) {
    if (value[name] === undefined || value[name] === null) {
      out.push({
        path: join(path, name),
        kind: 'required',
        shape: shapeName,
        message: `${join(path, name)}: a value is required`,
      });
    }
  }
  for (const [name, member] of Object.entries(value)) {
    const ref = members[name];
    if (!ref) {
      if (!options.allowUnknownMembers) {
        out.push({
          path: join(path, name),
          kind: 'unknown-member',
          shape: shapeName,
          message: `${join(path, name)}: not a member of ${shapeName}`,
        });
      }
      continue;
    }
    if (member === undefined || member === null) continue;
    visit(model, ref.shape, member, join(path, name), options, out);
  }
}

function visitString(
  shape: Shape,
  value: unknown,
  report: (kind: ViolationKind, message: string) => void,
  unmodeled?: ReadonlySet<string>,
): void {
  if (typeof value !== 'string') return report('type', 'expected a string');
  if (unmodeled?.has(value)) return;
  if (shape.enum && !shape.enum.includes(value)) return report('enum', `expected one of ${shape.enum.join(', ')}`);
  checkSize(shape, value.length, 'characters', report);
  if (shape.pattern !== undefined && !javaPatternToRegExp(shape.pattern).test(value)) {
    report('pattern', `does not match the pattern ${shape.pattern}`);
  }
}

function visitTimestamp(
  shape: Shape,
  value: unknown,
  options: ValidateOptions,
  report: (kind: ViolationKind, message: string) => void,
): void {
  const format: TimestampFormat = shape.timestampFormat ?? options.timestampFormat ?? 'unixTimestamp';
  switch (format) {
    case 'unixTimestamp':
      if (typeof value !== 'number' || !Number.isFinite(value)) report('type', 'expected a timestamp in epoch seconds');
      return;
    case 'iso8601':
      if (
        typeof value !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(value) ||
        Number.isNaN(Date.parse(value))
      ) {
        report('type', 'expected an ISO 8601 timestamp');
      }
      return;
    case 'rfc822':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) report('type', 'expected an RFC 822 timestamp');
      return;
    case 'date':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) report('type', 'expected a valid Date');
      return;
  }
}

function checkSize(
  shape: Shape,
  size: number,
  unit: string,
  report: (kind: ViolationKind, message: string) => void,
): void {
  if (shape.min !== undefined && size < shape.min) report('min-length', `expected at least ${shape.min} ${unit}`);
  if (shape.max !== undefined && size > shape.max) report('max-length', `expected at most ${shape.max} ${unit}`);
}

function checkRange(shape: Shape, value: number, report: (kind: ViolationKind, message: string) => void): void {
  if (shape.min !== undefined && value < shape.min) report('min-value', `expected a value of at least ${shape.min}`);
  if (shape.max !== undefined && value > shape.max) report('max-value', `expected a value of at most ${shape.max}`);
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}
