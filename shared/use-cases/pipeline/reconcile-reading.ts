import type { Cause } from '../../domain/cause';
import type { PlannedEffect } from '../../domain/ledger';
import { reconcile, type Snapshot, type Transition } from '../../domain/snapshot';
import { alertsOf } from '../effects/alert-unrecognized';
import type { PipelineDeps } from './pipeline-model';
import { planChange, type Planner } from './plan';
import type { Reading } from './read-subjects';

/**
 * What a reading means against the stored snapshot:
 * - `changed` or `refreshed`: the next snapshot, the transition (a change only) and the effects planned;
 * - `unchanged`, or `stale` (the state machine rules it out, or it is known to be older);
 * - `older`: stamped earlier than the stored snapshot but not known to be older: to be read again.
 */
export type Reconciled =
  | {
      readonly outcome: 'changed' | 'refreshed';
      readonly snapshot: Snapshot;
      readonly transition?: Transition;
      readonly effects: readonly PlannedEffect[];
    }
  | { readonly outcome: 'unchanged' }
  | { readonly outcome: 'stale' }
  | { readonly outcome: 'older' };

/**
 * Reconcile: one reading against what is stored, and the effects of the change (the planner's; by
 * default the pipeline's). A refresh is not announced, but a value it brings that orgwarden does not
 * know is alerted (an account's `State`). Pure: nothing is read or written.
 */
export const reconcileReading = (
  deps: Pick<PipelineDeps, 'subjects' | 'plan'>,
  plan: Planner | undefined,
  reading: Reading,
  stored: Snapshot | undefined,
  cause: Cause,
): Reconciled => {
  const { observation, readAfterStored } = reading;
  const type = deps.subjects.typeOf(observation.kind);
  const result = reconcile(stored, observation, (from, to) => type.canMove(from, to), cause, { readAfterStored });
  if (result.outcome === 'stale' && result.older) return { outcome: 'older' };
  if (result.outcome === 'unchanged' || result.outcome === 'stale') return { outcome: result.outcome };
  if (result.outcome === 'refreshed')
    return { outcome: 'refreshed', snapshot: result.snapshot, effects: alertsOf(result.snapshot, stored, cause) };
  const { snapshot, transition } = result;
  return {
    outcome: 'changed',
    snapshot,
    transition,
    effects: (plan ?? deps.plan ?? planChange)({ type, snapshot, transition, previous: stored }),
  };
};
