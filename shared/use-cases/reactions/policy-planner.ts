import type { PlannedEffect } from '../../domain/ledger';
import type { Policy } from '../../domain/policy/policy';
import { announcements, type Change, type Planner } from '../pipeline/commit-changes';
import { reactionsIn, type ReactionTable } from './reaction';
import { reactionTable } from './reaction-table';

/**
 * The reactions of the policy to a change (shared/use-cases/reactions/reaction-table.ts): those of its
 * kind's row, in order, without its announcement.
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
export const policyPlanner =
  (policy: Policy, table: ReactionTable = reactionTable): Planner =>
  (change) => [...announcements(change), ...reactionsIn(table, policy, change)];
