import type { Policy } from '../../domain/policy/policy';
import type { Planner } from '../pipeline/commit-changes';
import { policyPlanner } from './policy-planner';
import type { ReactionTable } from './reaction';
import { reactionTable } from './reaction-table';

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
