// Both wire protocols (AWS JSON 1.1 and REST-JSON) write timestamps in a body as epoch seconds.

/** The wire form of a timestamp in a JSON body: epoch seconds, milliseconds as the fraction. */
export function toEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

/** Turns a handler's output into its JSON body: Dates become epoch seconds, undefined members go. */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return toEpochSeconds(value);
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toWire(v)]),
    );
  }
  return value;
}
