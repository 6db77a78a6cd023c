import * as z from 'zod/mini';
import type { Cause } from './snapshot';
import { causeSchema, detailTypes, publishedSource, type PublishedEvent } from './published-events';
import { unrecognizedSubject, type UnrecognizedValue } from './unrecognized';

/** `Unrecognized Value Detected`: orgwarden read a value the service model does not list (see ./unrecognized.ts). */
export const unrecognizedDetectedSchema = z.object({
  schemaVersion: z.literal(1),
  /** Deduplication key: `unrecognized:<field>:<value>`, one alert per value, whatever subject showed it. */
  key: z.string(),
  field: z.string(),
  value: z.string(),
  /** The subject it was first read from, and that reading's version. */
  subject: z.string(),
  version: z.number(),
  observedAt: z.string(),
  cause: causeSchema,
});

export interface UnrecognizedAlertInput {
  readonly note: UnrecognizedValue;
  readonly subject: string;
  readonly version: number;
  readonly observedAt: string;
  readonly cause: Cause;
}

/** The alert that orgwarden read a value it does not know (`Unrecognized Value Detected`). */
export const unrecognizedEvent = (input: UnrecognizedAlertInput): PublishedEvent => {
  const detail = unrecognizedDetectedSchema.parse({
    schemaVersion: 1,
    key: unrecognizedSubject(input.note),
    field: input.note.field,
    value: input.note.value,
    subject: input.subject,
    version: input.version,
    observedAt: input.observedAt,
    cause: input.cause,
  }) as Record<string, unknown>;
  return {
    source: publishedSource,
    detailType: detailTypes.unrecognizedValueDetected,
    detail,
    time: input.observedAt,
    resources: [],
  };
};
