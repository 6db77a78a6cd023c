import type { PlannedEffect } from '../../domain/ledger';
import { transitionEvent } from '../../domain/published-events';
import type { Change, Planner } from '../../domain/change';
import { alertsOf } from '../effects/alert-unrecognized';

// The change and the planner are the domain's (shared/domain/change.ts): what plans needs no effect.
export type { Change, Planner };

/** Every change is announced on orgwarden's bus. */
export const announce = (change: Change): PlannedEffect => ({
  action: 'publish',
  payload: transitionEvent(change.type, change.snapshot, change.transition),
});

/**
 * The announcement of a change, unless its subject type is silent (orgwarden's own bookkeeping), and
 * the alert for values it carries that orgwarden does not know (silent or not: its model is behind).
 */
export const announcements = (change: Change): PlannedEffect[] => [
  ...(change.type.silent ? [] : [announce(change)]),
  ...alertsOf(change.snapshot, change.previous, change.transition.cause),
];

/** The default planner: the announcement only. */
export const planChange: Planner = (change) => announcements(change);
