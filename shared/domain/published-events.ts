import * as z from 'zod/mini';
import { publishedSource, type DetailType, detailTypes } from './detail-types';
import type { Snapshot, Transition, Cause } from './snapshot';
import { dataOf, outsidePartiesIn, type SubjectData, type SubjectType } from './subjects/subject-type';
import { knownOrUnrecognized, unrecognizedOf, unrecognizedValueSchema } from './unrecognized';
import { isMaskable } from './policy/policy';
import type { Relationship } from './policy/trust';

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
   * The account ids and emails of outside parties the event names (shared/domain/policy/policy.ts):
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

/**
 * The announcements that are not a subject's own transition: an untrusted party, the outcome of a
 * reaction, a deadline drawing near. Versioned like every published detail; `key` is what a
 * consumer deduplicates on.
 */
const party = z.object({ id: z.string(), type: z.string() });

export const untrustedPartyDetectedSchema = z.object({
  schemaVersion: z.literal(1),
  key: z.string(),
  subject: z.string(),
  version: z.number(),
  observedAt: z.string(),
  cause: causeSchema,
  relationship: z.enum(['invitation-sent', 'invitation-received', 'billing-payee', 'billing-payer']),
  parties: z.array(party),
  reaction: z.string(),
  mode: z.enum(['notify', 'enforce']),
  state: z.string(),
});

export const reactionOutcomeSchema = z.object({
  schemaVersion: z.literal(1),
  key: z.string(),
  subject: z.string(),
  version: z.number(),
  /** The effect's action, e.g. `cancel-handshake`, `open-case`. */
  action: z.string(),
  /** What it acted on (a handshake id, a membership id) or created (a case id). */
  target: z.optional(z.string()),
  outcome: z.enum(['executed', 'already-done', 'failed']),
  reason: z.optional(z.string()),
  at: z.string(),
  /**
   * `open-case` only (added in schemaVersion 1, optional): the case the finding went to, whether it
   * was opened for it or the finding was commented on the party's open case, and the party
   * (`organization:o-…`, `account:…`, `email:…`) whose one open case it is.
   */
  incidentCase: z.optional(z.object({ caseId: z.string(), use: z.enum(['opened', 'commented']), party: z.string() })),
});

export const expiringSchema = z.object({
  schemaVersion: z.literal(1),
  key: z.string(),
  subject: z.string(),
  /** Which deadline: a handshake's expiry, a transfer's acceptance deadline, start or end. */
  deadline: z.enum(['expiry', 'acceptance', 'start', 'end']),
  dueAt: z.string(),
  leadTime: z.string(),
  state: z.string(),
  summary: z.record(z.string(), z.unknown()),
});

export interface UntrustedInput {
  readonly subject: string;
  readonly version: number;
  readonly observedAt: string;
  readonly cause: Cause;
  readonly relationship: Relationship;
  readonly parties: ReadonlyArray<{ readonly id: string; readonly type: string }>;
  readonly reaction: string;
  readonly mode: 'notify' | 'enforce';
  readonly state: string;
  readonly resources: readonly string[];
}

/** Only what names outside parties, and only when it does (most events name none). */
const outside = (values: readonly string[] | undefined) => {
  const parties = (values ?? []).filter(isMaskable);
  return parties.length > 0 ? { outsideParties: parties } : {};
};

export const untrustedPartyEvent = (input: UntrustedInput): PublishedEvent => {
  const { resources, ...rest } = input;
  const detail = untrustedPartyDetectedSchema.parse({
    schemaVersion: 1,
    key: `${input.subject}@v${input.version}#untrusted`,
    ...rest,
    parties: [...input.parties],
  });
  // The parties of an untrusted finding are outside parties by definition (counterparties no list trusts).
  return {
    source: publishedSource,
    detailType: detailTypes.untrustedPartyDetected,
    detail,
    time: input.observedAt,
    resources,
    ...outside(input.parties.map((party) => party.id)),
  };
};

export interface ReactionOutcomeInput {
  readonly ledgerId: string;
  readonly subject: string;
  readonly version: number;
  readonly action: string;
  readonly target?: string;
  readonly outcome: 'executed' | 'already-done' | 'failed';
  readonly reason?: string;
  readonly at: string;
  readonly incidentCase?: { readonly caseId: string; readonly use: 'opened' | 'commented'; readonly party: string };
  /** The outside parties its reason may name (those of the reaction's finding). */
  readonly outsideParties?: readonly string[];
}

export const reactionEvent = (input: ReactionOutcomeInput): PublishedEvent => {
  const { ledgerId, outsideParties, ...rest } = input;
  const detail = reactionOutcomeSchema.parse({ schemaVersion: 1, key: ledgerId, ...rest });
  return {
    source: publishedSource,
    detailType: input.outcome === 'failed' ? detailTypes.reactionFailed : detailTypes.reactionExecuted,
    detail,
    time: input.at,
    resources: [],
    ...outside(outsideParties),
  };
};

export interface ExpiringInput {
  /** The announcement of the subject's type (`Handshake Expiring`, `Responsibility Transfer Expiring`). */
  readonly detailType: DetailType;
  readonly subject: string;
  readonly deadline: 'expiry' | 'acceptance' | 'start' | 'end';
  readonly dueAt: string;
  readonly leadTime: string;
  readonly state: string;
  readonly summary: Readonly<Record<string, unknown>>;
  readonly at: string;
  readonly resources: readonly string[];
  /** The outside parties its summary names (the subject's). */
  readonly outsideParties?: readonly string[];
}

export const expiringEvent = (input: ExpiringInput): PublishedEvent => {
  const detail = expiringSchema.parse({
    schemaVersion: 1,
    key: `${input.subject}#${input.deadline}@${input.dueAt}#${input.leadTime}`,
    subject: input.subject,
    deadline: input.deadline,
    dueAt: input.dueAt,
    leadTime: input.leadTime,
    state: input.state,
    summary: { ...input.summary },
  });
  const { detailType, at: time, resources } = input;
  return { source: publishedSource, detailType, detail, time, resources, ...outside(input.outsideParties) };
};
