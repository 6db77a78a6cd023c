// Macie's REST-JSON bodies carry timestamps as ISO 8601 strings (the model's `__timestampIso8601`
// and `Timestamp` shapes say `timestampFormat: iso8601`), unlike the epoch seconds that
// `../common/wire.ts` writes for JSON 1.1 and Security IR. The output is therefore converted by
// walking its model shape, so each timestamp takes the format its own shape declares.
import { shapeOf, type ServiceModel } from '../model';

/**
 * Turns a handler's output into its JSON body: Dates in the format of their shape (ISO 8601 in UTC,
 * or epoch seconds for `__timestampUnix`), undefined members left out.
 *
 * @param model - the macie2 model
 * @param shapeName - the shape of `value`, e.g. `GetMemberResponse`
 * @param value - the handler's output
 */
export function toMacieWire(model: ServiceModel, shapeName: string, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'timestamp':
      if (!(value instanceof Date)) return value;
      return shape.timestampFormat === 'unixTimestamp' ? value.getTime() / 1000 : value.toISOString();
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
        const ref = shape.members?.[name];
        const wire = ref ? toMacieWire(model, ref.shape, item) : item;
        if (wire !== undefined) out[name] = wire;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((item) => toMacieWire(model, shape.member!.shape, item)) : value;
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          toMacieWire(model, shape.value!.shape, v),
        ]),
      );
    default:
      return value;
  }
}
