/**
 * Scenario inputs read through the official service models: JSON has no dates, so the timestamp
 * members of any service's input are written as ISO 8601 strings (or epoch seconds) and become the
 * `Date`s the SDK clients take; the operation and the timestamps are checked before anything runs.
 */
import { loadServiceModel, validateShape, type ServiceModel, type ShapeViolation } from '../emulators/model';
import { MAX_JSON_DEPTH } from './json-depth';
import { ScenarioError } from './scenario-error';

/** A problem found in a step's input, with the path below the input. */
export interface InputProblem {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const toDate = (value: unknown): Date | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000);
  if (typeof value === 'string' && isoDateTime.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
};

/** A value as a message shows it: its JSON, cut (a problem is one line, whatever the file holds). */
const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** The model of a scenario service, or undefined when orgwarden ships none for it. */
const modelOf = (service: string): ServiceModel | undefined => {
  try {
    return loadServiceModel(service);
  } catch {
    return undefined;
  }
};

/**
 * Walks `value` along the model's shape `shapeName`, calling `onTimestamp` for every timestamp
 * member; the returned copy has what `onTimestamp` returned in their place. The walk follows the
 * value, which is never deeper than {@link MAX_JSON_DEPTH} (enforced here as well), so it is bounded.
 */
const walk = (
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  path: Array<string | number>,
  onTimestamp: (value: unknown, path: Array<string | number>) => unknown,
): unknown => {
  if (path.length > MAX_JSON_DEPTH)
    throw new ScenarioError(`${path.join('.')}: nested deeper than ${MAX_JSON_DEPTH} levels`);
  const shape = model.shapes[shapeName];
  if (value === undefined || value === null || !shape) return value;
  switch (shape.type) {
    case 'timestamp':
      return onTimestamp(value, path);
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const members = shape.members ?? {};
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          members[key] ? walk(model, members[key].shape, item, [...path, key], onTimestamp) : item,
        ]),
      );
    }
    case 'list':
      return Array.isArray(value) && shape.member
        ? value.map((item, index) => walk(model, shape.member!.shape, item, [...path, index], onTimestamp))
        : value;
    case 'map':
      return typeof value === 'object' && !Array.isArray(value) && shape.value
        ? Object.fromEntries(
            Object.entries(value).map(([key, item]) => [
              key,
              walk(model, shape.value!.shape, item, [...path, key], onTimestamp),
            ]),
          )
        : value;
    default:
      return value;
  }
};

/**
 * The input with its timestamp members as `Date`s, for the service's SDK client.
 *
 * @param service - the model folder, e.g. `organizations`, `security-ir`
 * @param operation - e.g. `InviteOrganizationToTransferResponsibility`
 * @param input - the step's input, references already resolved
 */
export const reviveTimestamps = (
  service: string,
  operation: string,
  input: Record<string, unknown>,
): Record<string, unknown> => {
  const model = modelOf(service);
  const shape = model?.operations[operation]?.input?.shape;
  if (!model || !shape) return input;
  return walk(model, shape, input, [], (value) => toDate(value) ?? value) as Record<string, unknown>;
};

/** The segments of a validator's path: `Target.Id`, `Tags[0].Key`, `Map["k"]`, `Map{key}`. */
const segmentsOf = (path: string): Array<string | number> =>
  [...path.matchAll(/\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\{key\}|([^.[\]{}]+)/g)].map(([whole, index, quoted, name]) =>
    index !== undefined ? Number(index) : quoted !== undefined ? (JSON.parse(quoted) as string) : (name ?? whole),
  );

const valueAt = (value: unknown, path: ReadonlyArray<string | number>): unknown =>
  path.reduce<unknown>(
    (current, key) =>
      current !== null && typeof current === 'object' ? (current as Record<string | number, unknown>)[key] : undefined,
    value,
  );

/** Whether a value still holds a `${…}` reference (anywhere inside): it is judged when the step runs. */
const holdsReference = (value: unknown): boolean =>
  typeof value === 'string' ? value.includes('${') : JSON.stringify(value ?? null).includes('${');

/** A member name the structure has, spelled differently (`ID` for `Id`). */
const closeMember = (model: ServiceModel, shapeName: string, name: string): string | undefined =>
  Object.keys(model.shapes[shapeName]?.members ?? {}).find((member) => member.toLowerCase() === name.toLowerCase());

/** A violation as the scenario's author reads it: the member's path, what is expected, and the value found. */
const describeViolation = (
  model: ServiceModel,
  violation: ShapeViolation,
  input: Record<string, unknown>,
): InputProblem | undefined => {
  const segments = segmentsOf(violation.path);
  const value = valueAt(input, segments);
  if (holdsReference(value)) return undefined;
  const path = ['input', ...segments];
  const key = String(segments.at(-1));
  // A problem is one line, whatever the file holds: a 2,000-character key is cut (the path is cut by formatPath).
  const name = key.length > 60 ? `${key.slice(0, 57)}…` : key;
  switch (violation.kind) {
    case 'unknown-member': {
      const close = closeMember(model, violation.shape, key);
      const members = Object.keys(model.shapes[violation.shape]?.members ?? {});
      const listed = members.length > 12 ? `${members.slice(0, 12).join(', ')}, …` : members.join(', ');
      const hint = close ? `did you mean ${close}?` : `expected one of ${listed}`;
      return { path, message: `${violation.shape} has no member ${name} (${hint}), got ${shown(value)}` };
    }
    case 'required':
      return { path, message: `required: ${violation.shape} needs ${name}` };
    default:
      // The model's own words (expected one of …, expected a string…), and the value that broke them.
      return { path, message: `${violation.message.replace(/^[^:]*: /, '')}, got ${shown(value)}` };
  }
};

/** Longer strings are cut to this length before the model's checks: a pattern can take seconds on 100,000 chars. */
const CHECKED_LENGTH = 1024;

/** The value with every string longer than {@link CHECKED_LENGTH} cut just past it (still too long for a shorter max). */
const capStrings = (value: unknown): unknown => {
  if (typeof value === 'string') return value.length > CHECKED_LENGTH ? value.slice(0, CHECKED_LENGTH + 1) : value;
  if (Array.isArray(value)) return value.map(capStrings);
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, capStrings(item)]));
  return value;
};

/**
 * The model's violations of a revived input. The validator follows the model's references; a value of the wrong
 * shape where a map or list is expected can lead it to one the model lacks: that value is then judged when the step
 * runs, by the emulator, rather than here.
 */
const violationsOf = (model: ServiceModel, shapeName: string, input: unknown): ShapeViolation[] => {
  try {
    return validateShape(model, shapeName, capStrings(input), '', { timestampFormat: 'date' });
  } catch {
    return [];
  }
};

/**
 * What is wrong with a step's operation and input before it runs: an operation the service does not
 * have, a timestamp that is neither ISO 8601 nor epoch seconds, and every way the input breaks the
 * service model (members it does not have, types, enums, patterns, lengths, required members), each
 * with the value found. Values still holding a `${…}` reference are judged when the step runs.
 */
export const checkApiInput = (service: string, operation: string, input: Record<string, unknown>): InputProblem[] => {
  const model = modelOf(service);
  if (!model) return [];
  const inputShape = model.operations[operation];
  if (!inputShape) {
    const names = Object.keys(model.operations);
    const lower = operation.toLowerCase();
    const extending = names.filter((name) => name.toLowerCase().startsWith(lower));
    const close =
      extending.length > 0 ? extending : names.filter((name) => name.toLowerCase().startsWith(lower.slice(0, 6)));
    const hint = close.length > 0 ? ` (did you mean ${close.slice(0, 3).join(', ')}?)` : '';
    return [{ path: ['operation'], message: `${service} has no operation ${operation}${hint}` }];
  }
  const problems: InputProblem[] = [];
  const shapeName = inputShape.input?.shape;
  if (!shapeName) return problems;
  let badTimestamps = false;
  const revived = walk(model, shapeName, input, ['input'], (value, path) => {
    const date = toDate(value);
    if (date === undefined && !(typeof value === 'string' && value.includes('${'))) {
      badTimestamps = true;
      problems.push({
        path,
        message: `expected a timestamp: an ISO 8601 date-time such as 2026-12-01T00:00:00Z (or epoch seconds), got ${shown(value)}`,
      });
    }
    return date ?? new Date(0);
  });
  const violations = violationsOf(model, shapeName, revived);
  // `ID` for `Id` is one mistake: the misspelled member says so, the "required Id" it causes would repeat it.
  const misspelled = new Set(
    violations.flatMap((violation) => {
      if (violation.kind !== 'unknown-member') return [];
      const segments = segmentsOf(violation.path);
      const close = closeMember(model, violation.shape, String(segments.at(-1)));
      return close ? [JSON.stringify([...segments.slice(0, -1), close])] : [];
    }),
  );
  for (const violation of violations) {
    // A timestamp already said so above; a reference is judged when the step runs.
    if (badTimestamps && violation.message.includes('expected a valid Date')) continue;
    if (violation.kind === 'required' && misspelled.has(JSON.stringify(segmentsOf(violation.path)))) continue;
    const problem = describeViolation(model, violation, input);
    if (problem) problems.push(problem);
  }
  return problems;
};
