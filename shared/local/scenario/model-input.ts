/**
 * Scenario inputs read through the official service models: JSON has no dates, so the timestamp
 * members of any service's input are written as ISO 8601 strings (or epoch seconds) and become the
 * `Date`s the SDK clients take; the operation and the timestamps are checked before anything runs.
 */
import { loadServiceModel, type ServiceModel } from '../emulators/model';
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

/**
 * What is wrong with a step's operation and input before it runs: an operation the service does not
 * have, a timestamp that is neither ISO 8601 nor epoch seconds. Values still holding a `${…}`
 * reference are judged when the step runs.
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
  if (inputShape.input?.shape) {
    walk(model, inputShape.input.shape, input, ['input'], (value, path) => {
      if (toDate(value) === undefined && !(typeof value === 'string' && value.includes('${'))) {
        problems.push({
          path,
          message: `expected a timestamp: an ISO 8601 date-time such as 2026-12-01T00:00:00Z (or epoch seconds), got ${shown(value)}`,
        });
      }
      return value;
    });
  }
  return problems;
};
