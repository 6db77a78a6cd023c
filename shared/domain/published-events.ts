import * as z from 'zod/mini';
import { publishedSource, type DetailType } from './detail-types';
import type { Snapshot, Transition } from './snapshot';
import { dataOf, outsidePartiesIn, type SubjectData, type SubjectType } from './subjects/subject-type';
import { knownOrUnrecognized, unrecognizedOf, unrecognizedValueSchema } from './unrecognized';

/**
 * orgwarden's public interface: the events it publishes on its own bus. Names are stable and every
 * detail carries `schemaVersion`; changes are additive only. Delivery is at least once: every
 * detail carries a stable `key` (the subject and its version, or the subject and the deadline) that
 * consumers deduplicate on.
 */
export { detailTypes, publishedSource, type DetailType } from './detail-types';

export const causeSchema = z.object({
  eventId: z.string(),
  eventName: z.string(),
  source: z.string(),
  eventTime: z.optional(z.string()),
  replayName: z.optional(z.string()),
});

/** The fields every change announcement carries. */
export const changeFields = {
  schemaVersion: z.literal(1),
  /** Deduplication key: `<subject>@v<version>`. */
  key: z.string(),
  subject: z.string(),
  version: z.number().check(z.int(), z.positive()),
  observedAt: z.string(),
  cause: causeSchema,
  /**
   * Values of this reading that orgwarden does not know (outside the service model's enums), as
   * read: a `before` or `after` outside the subject's states is such a value. Absent when none.
   */
  unrecognized: z.optional(z.array(unrecognizedValueSchema)),
};

export { knownOrUnrecognized } from './unrecognized';

/** An entry for orgwarden's bus, ready for PutEvents. */
export interface PublishedEvent {
  readonly source: typeof publishedSource;
  readonly detailType: DetailType;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly time: string;
  readonly resources: readonly string[];
  /**
   * The account ids and emails of outside parties the event names (shared/domain/policy/privacy.ts):
   * the publisher masks them where the policy says so. Never published itself.
   */
  readonly outsideParties?: readonly string[];
}

/** The key a consumer deduplicates a change announcement on. */
export const changeKey = (subject: string, version: number): string => `${subject}@v${version}`;

const detailSchemas = new WeakMap<SubjectType, z.ZodMiniType>();

/** The full detail schema of a subject type's change announcement (built once per type). */
export const changeDetailSchema = (type: SubjectType): z.ZodMiniType => {
  let schema = detailSchemas.get(type);
  if (!schema) {
    const state =
      type.states instanceof RegExp ? z.string().check(z.regex(type.states)) : knownOrUnrecognized(type.states);
    schema = z.object({
      ...changeFields,
      before: z.nullable(state),
      after: state,
      [type.published.field]: type.published.schema,
    });
    detailSchemas.set(type, schema);
  }
  return schema;
};

/** The event that announces a stored transition of a subject, validated against its public schema. */
export const transitionEvent = <D extends SubjectData>(
  type: SubjectType<D>,
  snapshot: Snapshot,
  transition: Transition,
): PublishedEvent => {
  const data = dataOf(type, snapshot);
  const unrecognized = unrecognizedOf(snapshot.data);
  const detail = changeDetailSchema(type).parse({
    schemaVersion: 1,
    key: changeKey(snapshot.subject, snapshot.version),
    subject: snapshot.subject,
    version: snapshot.version,
    observedAt: snapshot.observedAt,
    cause: transition.cause,
    before: transition.from,
    after: transition.to,
    [type.published.field]: type.published.describe(data),
    ...(unrecognized.length > 0 ? { unrecognized: unrecognized.map((note) => ({ ...note })) } : {}),
  }) as Record<string, unknown>;
  const outsideParties = outsidePartiesIn(type, snapshot);
  return {
    source: publishedSource,
    detailType: type.published.detailType,
    detail,
    time: transition.at,
    resources: type.published.resources(data),
    ...(outsideParties.length > 0 ? { outsideParties } : {}),
  };
};
