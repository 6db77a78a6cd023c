import { z } from 'zod';
import { accountStates } from './subjects/account';
import { handshakeActions, handshakeStates } from './subjects/handshake';
import type { Snapshot, Transition } from './snapshot';

/**
 * orgwarden's public interface: the events it publishes on its own bus. Names are stable and every
 * detail carries `schemaVersion`; changes are additive only.
 */
export const publishedSource = 'orgwarden';

export const detailTypes = {
  handshakeStateChanged: 'Handshake State Changed',
  accountMembershipChanged: 'Account Membership Changed',
  transferStateChanged: 'Responsibility Transfer State Changed',
  handshakeExpiring: 'Handshake Expiring',
  transferExpiring: 'Responsibility Transfer Expiring',
  untrustedPartyDetected: 'Untrusted Party Detected',
  membershipStateChanged: 'Membership State Changed',
  coverageGapDetected: 'Coverage Gap Detected',
  macieMemberStateChanged: 'Macie Member State Changed',
  reactionExecuted: 'Reaction Executed',
  reactionFailed: 'Reaction Failed',
  auditCompleted: 'Audit Completed',
} as const;
export type DetailType = (typeof detailTypes)[keyof typeof detailTypes];

const causeSchema = z.object({
  eventId: z.string(),
  eventName: z.string(),
  source: z.string(),
  eventTime: z.string().optional(),
  replayName: z.string().optional(),
});

const changeFields = {
  schemaVersion: z.literal(1),
  subject: z.string(),
  version: z.number().int().positive(),
  observedAt: z.string(),
  cause: causeSchema,
};

export const handshakeStateChangedSchema = z.object({
  ...changeFields,
  before: z.enum(handshakeStates).nullable(),
  after: z.enum(handshakeStates),
  handshake: z.object({
    id: z.string(),
    arn: z.string().optional(),
    action: z.enum(handshakeActions),
    parties: z.array(z.object({ id: z.string(), type: z.string() })),
    requestedAt: z.string().optional(),
    expiresAt: z.string().optional(),
  }),
});
export type HandshakeStateChanged = z.infer<typeof handshakeStateChangedSchema>;

export const accountMembershipChangedSchema = z.object({
  ...changeFields,
  before: z.enum(accountStates).nullable(),
  after: z.enum(accountStates),
  account: z.object({
    id: z.string(),
    name: z.string().optional(),
    status: z.string().optional(),
    joinedMethod: z.string().optional(),
    joinedAt: z.string().optional(),
  }),
});
export type AccountMembershipChanged = z.infer<typeof accountMembershipChangedSchema>;

/** An entry for orgwarden's bus, ready for PutEvents. */
export interface PublishedEvent {
  readonly source: typeof publishedSource;
  readonly detailType: DetailType;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly time: string;
  readonly resources: readonly string[];
}

/** The event that announces a stored transition of a handshake or an account. */
export const transitionEvent = (snapshot: Snapshot, transition: Transition): PublishedEvent => {
  const common = {
    schemaVersion: 1 as const,
    subject: snapshot.subject,
    version: snapshot.version,
    observedAt: snapshot.observedAt,
    cause: transition.cause,
  };
  if (snapshot.kind === 'handshake') {
    const { state: _state, ...handshake } = snapshot.data;
    const detail = handshakeStateChangedSchema.parse({ ...common, before: transition.from, after: transition.to, handshake });
    return { source: publishedSource, detailType: detailTypes.handshakeStateChanged, detail, time: transition.at, resources: arnsOf(handshake) };
  }
  const { state: _state, email: _email, ...account } = snapshot.data;
  const detail = accountMembershipChangedSchema.parse({ ...common, before: transition.from, after: transition.to, account });
  return { source: publishedSource, detailType: detailTypes.accountMembershipChanged, detail, time: transition.at, resources: [] };
};

const arnsOf = (data: Readonly<Record<string, unknown>>): string[] => (typeof data.arn === 'string' ? [data.arn] : []);
