import type { LedgerEntry } from '../../domain/ledger';
import type { EffectExecutor, EffectOutcome, Executors } from './effect-executor';
import type { Intersection } from './intersection';

/**
 * An effect, declared once in its own module (as Cloud Custodian's actions are): the action the
 * planners name, the IAM actions its calls need, how it runs, and its ledger flags. A function lists
 * the effects it carries out (shared/config/capabilities); its executor table and its role's actions
 * are both derived from that list, so that neither names an action a second time.
 *
 * `D` is what it runs with (its ports), given once when the function is composed.
 */
export interface Effect<D = never, P = unknown> {
  readonly action: string;
  /** The IAM actions its calls need (shared/adapters/permission-scopes.ts says on what). */
  readonly permissions: readonly string[];
  /** See {@link EffectExecutor.followUpOf}. */
  readonly followUpOf?: EffectExecutor<P>['followUpOf'];
  /** See {@link EffectExecutor.announcesOnly}. */
  readonly announcesOnly?: true;
  /** One outcome per entry, in the same order; never throws for an entry's own failure. */
  run(deps: D, entries: readonly LedgerEntry<P>[]): Promise<EffectOutcome[]>;
}

/** Any effect, whatever it runs with and on. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEffect = Effect<any, any>;

type DepsOf<E> = E extends Effect<infer D, infer _P> ? D : never;
/** What a list of effects runs with: every port any of them needs. */
export type EffectDeps<L extends readonly AnyEffect[]> = Intersection<DepsOf<L[number]>>;

/** An effect's executor over its ports. */
export const executorOf = <D, P>(effect: Effect<D, P>, deps: D): EffectExecutor<P> => ({
  action: effect.action,
  ...(effect.followUpOf ? { followUpOf: effect.followUpOf } : {}),
  ...(effect.announcesOnly ? { announcesOnly: effect.announcesOnly } : {}),
  run: (entries) => effect.run(deps, entries),
});

/**
 * The executor table of a list of effects, keyed by each one's own action (a static route table, as
 * middy's cloudformation-router). Two effects of one action are a wiring mistake: refused.
 */
export const executorsOf = <const L extends readonly AnyEffect[]>(effects: L, deps: EffectDeps<L>): Executors => {
  const table: Record<string, EffectExecutor> = {};
  for (const effect of effects) {
    if (Object.hasOwn(table, effect.action)) throw new Error(`two effects declare the action ${effect.action}`);
    table[effect.action] = executorOf<unknown, unknown>(effect as Effect<unknown, unknown>, deps);
  }
  return table;
};
