import { loadServiceModel, shapeOf, type ServiceModel } from '../model';

/**
 * Turns the timestamp members of an operation's input, written in a JSON file as ISO 8601 strings
 * (or epoch seconds), into the `Date`s the client takes. Scenario files are JSON: they cannot hold
 * Dates. Anything else is left as it is, for the client's validation to judge.
 *
 * @param operation - e.g. `CreateCase`
 * @param input - the input as read from JSON
 */
export function reviveTimestamps(operation: string, input: Record<string, unknown>): Record<string, unknown> {
  const model = loadServiceModel('security-ir');
  const shape = model.operations[operation]?.input?.shape;
  return shape ? (revive(model, shape, input) as Record<string, unknown>) : input;
}

function revive(model: ServiceModel, shapeName: string, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'timestamp': {
      const date =
        typeof value === 'string' ? new Date(value) : typeof value === 'number' ? new Date(value * 1000) : undefined;
      return date && !Number.isNaN(date.getTime()) ? date : value;
    }
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const members = shape.members ?? {};
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, members[k] ? revive(model, members[k].shape, v) : v]),
      );
    }
    case 'list':
      return Array.isArray(value) ? value.map((item) => revive(model, shape.member!.shape, item)) : value;
    case 'map':
      return typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(model, shape.value!.shape, v)]))
        : value;
    default:
      return value;
  }
}
