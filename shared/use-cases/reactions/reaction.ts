import type { PlannedEffect } from '../../domain/ledger';
import type { Policy } from '../../domain/policy/policy';
import { dataOf, type SubjectData, type SubjectType } from '../../domain/subjects/subject-type';
import { isDecidable } from '../../domain/unrecognized';
import { announcements, type Change, type Planner } from '../pipeline/commit-changes';

/** A committed change of one kind, with its data as its type's data. */
export interface KindChange<D extends SubjectData> extends Omit<Change, 'type'> {
  readonly type: SubjectType<D>;
  readonly data: D;
}

/**
 * A reaction of the policy to a change of one kind of subject, named after what triggers it
 * (`membership-cancelled`, `account-moved`, …): the effects it plans, on top of the change's
 * announcement. Each effect becomes a ledger entry: once, whatever is delivered twice, retried,
 * raced or replayed.
 */
export interface Reaction {
  /** The kind of subject whose changes it reacts to. */
  readonly kind: string;
  /** What triggers it: its name (and, but for the untrusted-party pair, its module's). */
  readonly trigger: string;
  /**
   * The actions its effects may take: what every function that records this kind (and the sweep, which
   * takes over any entry) must be able to carry out (test/use-cases/executor-coverage.test.ts reads them).
   */
  readonly actions: readonly string[];
  plan(policy: Policy, change: Change): PlannedEffect[];
}

/**
 * The reactions by kind of subject, in the order their effects are planned: a static table, like a
 * route table. Whoever declares a kind declares its rows; the planner is given the table
 * (shared/use-cases/reactions/reaction-table.ts) and knows no kind itself.
 */
export type ReactionTable = Readonly<Record<string, readonly Reaction[]>>;

/** Declares a reaction to the changes of `type`, which it sees with the type's data (no cast where it is written). */
export const reactionTo = <D extends SubjectData>(
  type: SubjectType<D>,
  trigger: string,
  actions: readonly string[],
  plan: (policy: Policy, change: KindChange<D>) => PlannedEffect[],
): Reaction => ({
  kind: type.kind,
  trigger,
  actions,
  plan: (policy, change) => {
    const effects = plan(policy, { ...change, type, data: dataOf(type, change.snapshot) });
    // A reaction that plans what it does not declare is a mistake of the code, caught by its tests: a
    // function wired from the declarations could lack its executor.
    const undeclared = effects.find((effect) => !actions.includes(effect.action));
    if (undeclared) throw new Error(`reaction ${trigger} planned ${undeclared.action}, which it does not declare`);
    return effects;
  },
});

/** Whether anything may be decided on a change: not on a state or value nobody understands (AWS added it since). */
export const isDecidableChange = (change: Pick<Change, 'type' | 'snapshot'>): boolean =>
  isDecidable(change.type.states, change.snapshot.state, change.snapshot.data);

/** The effects the table's reactions plan for a change, in the table's order (none for a kind it does not list). */
export const reactionsIn = (table: ReactionTable, policy: Policy, change: Change): PlannedEffect[] =>
  (Object.hasOwn(table, change.type.kind) ? (table[change.type.kind] ?? []) : []).flatMap((reaction) =>
    reaction.plan(policy, change),
  );

/** Every change's announcement, then the effects the table's reactions plan for it (the policy's planner). */
export const tablePlanner =
  (policy: Policy, table: ReactionTable): Planner =>
  (change) => [...announcements(change), ...reactionsIn(table, policy, change)];
