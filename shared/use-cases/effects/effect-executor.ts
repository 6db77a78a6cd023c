import { PermanentError } from '../../domain/errors';
import type { LedgerEntry, PlannedEffect } from '../../domain/ledger';

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
 * "already in the target state" as done. Each is built from an effect's declaration (./effect.ts),
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

/** Any failure of the executor itself counts as `retry` for each of its entries. */
export const runSafely = async (
  executor: EffectExecutor,
  entries: readonly LedgerEntry[],
): Promise<EffectOutcome[]> => {
  try {
    const outcomes = await executor.run(entries);
    if (outcomes.length !== entries.length)
      throw new Error(`${executor.action} answered ${outcomes.length} outcomes for ${entries.length} entries`);
    return outcomes;
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return entries.map(() => ({ status: 'retry', error: failure }));
  }
};
