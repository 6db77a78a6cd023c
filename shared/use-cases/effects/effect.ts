import type { LedgerEntry, PlannedEffect } from '../../domain/ledger';
import type { Intersection } from './intersection';
import { PermanentError } from '../../domain/errors';

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
  // Bound, not wrapped: the executor is the effect's own `run` with its ports given once.
  run: effect.run.bind(effect, deps),
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

/**
 * How one effect ended.
 * - `done`: carried out (or found already in the target state);
 * - `failed`: refused by AWS for good; recorded with its reason, never retried;
 * - `retry`: failed in a way a later attempt may cure (throttling, 5xx, a refused PutEvents entry).
 * `followUps` are further effects the outcome calls for (e.g. announcing a reaction).
 */
export type EffectOutcome =
  | { readonly status: 'done'; readonly followUps?: readonly PlannedEffect[] }
  | {
      readonly status: 'failed';
      readonly failure: { readonly name: string; readonly message: string };
      readonly followUps?: readonly PlannedEffect[];
    }
  | { readonly status: 'retry'; readonly error: Error };

/**
 * Carries out the ledger entries of one action. The rules for exactly once: where the API takes an
 * idempotency token, pass one derived from the entry's id; otherwise re-read before acting and count
 * "already in the target state" as done. Each is built from an effect's declaration (above, {@link executorOf}),
 * which also declares the IAM actions its calls need.
 */
export interface EffectExecutor<P = unknown> {
  readonly action: string;
  /**
   * Set when this action is never planned itself but created by another's executor as a follow-up
   * (a coverage check's `cover-account`): the entry is authorized by that planned parent, done, naming
   * the same target (shared/use-cases/effects/authorize-effects.ts).
   */
  readonly followUpOf?: { readonly action: string; sameTarget(parent: unknown, payload: P): boolean };
  /**
   * Set when the action only announces on orgwarden's own bus (and records what it announced in its
   * table): nothing outside orgwarden changes, and any of its roles may publish there anyway, so its
   * entries are not checked against the history (a refresh that brings an unknown value has none).
   */
  readonly announcesOnly?: true;
  /** One outcome per entry, in the same order; never throws for an entry's own failure. */
  run(entries: readonly LedgerEntry<P>[]): Promise<EffectOutcome[]>;
}

/**
 * How an entry's own error ends it: a refusal a retry cannot change (`PermanentError`) fails it for
 * good, with the announcements `announce` gives for it; anything else is given back for a later attempt.
 */
export const outcomeOfError = (
  error: unknown,
  announce: (refusal: PermanentError) => readonly PlannedEffect[],
): EffectOutcome =>
  error instanceof PermanentError
    ? { status: 'failed', failure: { name: error.name, message: error.message }, followUps: announce(error) }
    : { status: 'retry', error: error instanceof Error ? error : new Error(String(error)) };

/** The executors a function is wired with, by action (a static route table, as middy's cloudformation-router). */
export type Executors = Readonly<Record<string, EffectExecutor>>;
