/**
 * The names of orgwarden's public events: its bus's source and the detail types it publishes. A leaf
 * module: the subject types name their announcement's detail type, and the published events are
 * built from the subject types, so the names live apart from both (no import cycle).
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
  delegatedAdministratorChanged: 'Delegated Administrator Changed',
  /** A value outside the service model's enums was read (once per field and value; shared/domain/unrecognized.ts). */
  unrecognizedValueDetected: 'Unrecognized Value Detected',
} as const;
export type DetailType = (typeof detailTypes)[keyof typeof detailTypes];
