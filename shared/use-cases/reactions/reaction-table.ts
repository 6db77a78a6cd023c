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
import { type ReactionTable, reactionsIn, tablePlanner } from './reaction';
import { untrustedPartyInHandshake, untrustedPartyInTransfer } from './untrusted-party';
import type { PlannedEffect } from '../../domain/ledger';
import type { Policy } from '../../domain/policy/policy';
import type { Change, Planner } from '../pipeline/commit-changes';

/**
 * orgwarden's reactions, by the kind of subject whose changes trigger them (the planners below plan
 * with it): one row per kind, each
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

// The policy's planners over orgwarden's table (the table above by default).

/**
 * The reactions of the policy to a change: those of its kind's row, in order, without its announcement.
 */
export const reactionsOf = (policy: Policy, change: Change, table: ReactionTable = reactionTable): PlannedEffect[] =>
  reactionsIn(table, policy, change);

/**
 * The reactions of the policy on top of every change's announcement, as the table lists them by kind
 * (orgwarden's own by default; a kind declared elsewhere brings its row): an untrusted party in a new
 * invitation or billing transfer is reported, and under enforce answered and given a case; a
 * cancelled membership is restored; an account that joins, moves or loses coverage is checked; a Macie
 * member lost is associated again. Each effect is a ledger entry: once, whatever is delivered twice,
 * retried, raced or replayed.
 */
export const policyPlanner = (policy: Policy, table: ReactionTable = reactionTable): Planner =>
  tablePlanner(policy, table);

/** The cause of the audit's first run: every subject it finds new is a baseline. */
export const importEventName = 'AuditImport';

/**
 * On the first import, what a change announces: nothing (one summary, not hundreds of "new"
 * events), unless the policy asks to act on untrusted pending handshakes found at import: then
 * their reactions (and the report of the untrusted party), still without the announcement.
 */
export const importPlanner =
  (policy: Policy, table: ReactionTable = reactionTable): Planner =>
  (change) =>
    policy.actOnImport
      ? policyPlanner(policy, table)(change).filter((effect) => effect.key !== undefined || effect.action !== 'publish')
      : [];

/** On the first import: new subjects are a baseline ({@link importPlanner}), known ones change as usual. */
export const baselinePlanner =
  (policy: Policy, table: ReactionTable = reactionTable): Planner =>
  (change) =>
    change.transition.from === null ? importPlanner(policy, table)(change) : policyPlanner(policy, table)(change);

/**
 * What the policy in force plans for a committed change, whatever committed it: the import's
 * baseline for a change the first import recorded, the policy's reactions for any other. Effects are
 * authorized against it when they are carried out (shared/use-cases/effects/authorize-effects.ts).
 */
export const plannerInForce =
  (policy: Policy, table: ReactionTable = reactionTable): Planner =>
  (change) =>
    change.transition.cause.eventName === importEventName
      ? baselinePlanner(policy, table)(change)
      : policyPlanner(policy, table)(change);
