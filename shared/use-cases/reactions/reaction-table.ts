import { accountType } from '../../domain/subjects/account';
import { coverageType } from '../../domain/subjects/coverage';
import { handshakeType } from '../../domain/subjects/handshake';
import { macieMemberType } from '../../domain/subjects/macie-member';
import { membershipType } from '../../domain/subjects/membership';
import { placementType } from '../../domain/subjects/placement';
import { transferType } from '../../domain/subjects/transfer';
import { accountJoined } from './account-joined';
import { accountMoved } from './account-moved';
import { coverageLost } from './coverage-lost';
import { macieMemberLost } from './macie-member-lost';
import { membershipCancelled } from './membership-cancelled';
import { membershipTerminated } from './membership-terminated';
import type { ReactionTable } from './reaction';
import { untrustedPartyInHandshake, untrustedPartyInTransfer } from './untrusted-party';

/**
 * orgwarden's reactions, by the kind of subject whose changes trigger them: one row per kind, each
 * reaction named after its trigger, in a module of its own (the two untrusted-party reactions, one
 * finding met in two kinds, share untrusted-party.ts). A new kind brings its own row (a planner is
 * given the table: `policyPlanner(policy, { ...reactionTable, [kind]: [...] })`).
 */
export const reactionTable: ReactionTable = {
  [handshakeType.kind]: [untrustedPartyInHandshake],
  [transferType.kind]: [untrustedPartyInTransfer],
  [membershipType.kind]: [membershipCancelled, membershipTerminated],
  [accountType.kind]: [accountJoined],
  [coverageType.kind]: [coverageLost],
  [placementType.kind]: [accountMoved],
  [macieMemberType.kind]: [macieMemberLost],
};
