import * as z from 'zod/mini';
import { coverageGapSchema } from './coverage-events';
import { detailTypes, type DetailType } from './detail-types';
import {
  changeDetailSchema,
  expiringSchema,
  reactionOutcomeSchema,
  untrustedPartyDetectedSchema,
} from './published-events';
import { accountType } from './subjects/account';
import { auditRunType } from './subjects/audit-run';
import { delegatedAdminType } from './subjects/delegated-admin';
import { handshakeType } from './subjects/handshake';
import { macieMemberType } from './subjects/macie-member';
import { membershipType } from './subjects/membership';
import { transferType } from './subjects/transfer';
import { unrecognizedDetectedSchema } from './unrecognized-events';

/**
 * A reaction's outcome under each of its two detail-types: `reactionEvent` parses it with
 * `reactionOutcomeSchema` and announces `failed` as `Reaction Failed`, any other as `Reaction Executed`.
 * (Here rather than beside it: no function needs them, and each bundle would carry them.)
 */
export const reactionExecutedSchema = z.object({
  ...reactionOutcomeSchema.shape,
  outcome: z.enum(['executed', 'already-done']),
});
export const reactionFailedSchema = z.object({ ...reactionOutcomeSchema.shape, outcome: z.literal('failed') });

/**
 * The published contract: per detail-type, the very zod schema its `detail` is parsed with before it is
 * published (a subject's announcement by `transitionEvent`, the others by their builders; a reaction's
 * narrowed to its outcomes, above), so that the code cannot publish what the schema does not say. The JSON
 * Schemas shipped in events/schemas/published/ and registered in the stack's schema registry are generated
 * from these (shared/local/cli/write-schemas.ts); typed over every detail-type, so a new one cannot go without.
 */
export const publishedDetailSchemas: Readonly<Record<DetailType, z.ZodMiniType>> = {
  [detailTypes.handshakeStateChanged]: changeDetailSchema(handshakeType),
  [detailTypes.accountMembershipChanged]: changeDetailSchema(accountType),
  [detailTypes.transferStateChanged]: changeDetailSchema(transferType),
  [detailTypes.membershipStateChanged]: changeDetailSchema(membershipType),
  [detailTypes.macieMemberStateChanged]: changeDetailSchema(macieMemberType),
  [detailTypes.delegatedAdministratorChanged]: changeDetailSchema(delegatedAdminType),
  [detailTypes.auditCompleted]: changeDetailSchema(auditRunType),
  [detailTypes.handshakeExpiring]: expiringSchema,
  [detailTypes.transferExpiring]: expiringSchema,
  [detailTypes.untrustedPartyDetected]: untrustedPartyDetectedSchema,
  [detailTypes.coverageGapDetected]: coverageGapSchema,
  [detailTypes.reactionExecuted]: reactionExecutedSchema,
  [detailTypes.reactionFailed]: reactionFailedSchema,
  [detailTypes.unrecognizedValueDetected]: unrecognizedDetectedSchema,
};

/** What each detail-type announces, for the shipped schemas' descriptions and the registry. */
export const publishedDescriptions: Readonly<Record<DetailType, string>> = {
  [detailTypes.handshakeStateChanged]:
    'an AWS Organizations handshake moved (invitation, all features, billing transfer)',
  [detailTypes.accountMembershipChanged]: 'an account joined or departed the organization, or its state changed',
  [detailTypes.transferStateChanged]: 'a responsibility (billing) transfer moved',
  [detailTypes.membershipStateChanged]: 'the Security Incident Response membership moved',
  [detailTypes.macieMemberStateChanged]: "a Macie member's relationship with the administrator account moved",
  [detailTypes.delegatedAdministratorChanged]: "a service's delegated administrator accounts changed",
  [detailTypes.auditCompleted]: "an audit run finished: each source's counts, its findings, its duration",
  [detailTypes.handshakeExpiring]: "a handshake's expiry is within a warning lead time",
  [detailTypes.transferExpiring]: "a transfer's acceptance deadline, start or end is within a warning lead time",
  [detailTypes.untrustedPartyDetected]: 'a party the policy does not trust, with the reaction and its mode',
  [detailTypes.coverageGapDetected]: 'an account the Security Incident Response membership does not cover',
  [detailTypes.reactionExecuted]: 'a reaction was carried out (or found already done)',
  [detailTypes.reactionFailed]: 'a reaction failed for good, or was refused; `reason` says why',
  [detailTypes.unrecognizedValueDetected]: 'a value outside the service model was read (once per field and value)',
};
