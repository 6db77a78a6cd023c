import type { PlannedEffect } from '../../domain/ledger';
import { transitionEvent } from '../../domain/published-events';
import type { Snapshot, Transition } from '../../domain/snapshot';
import type { SubjectType } from '../../domain/subjects/subject-type';
import { alertsOf } from '../effects/alert-unrecognized';

/** A committed change as the planner sees it. */
export interface Change {
  readonly type: SubjectType;
  readonly snapshot: Snapshot;
  readonly transition: Transition;
  readonly previous?: Snapshot;
}

/** Decides the effects of a change; the policy's reactions come on top of the announcement. */
export type Planner = (change: Change) => PlannedEffect[];

/** Every change is announced on orgwarden's bus. */
export const announce = (change: Change): PlannedEffect => ({ action: 'publish', payload: transitionEvent(change.type, change.snapshot, change.transition) });

/**
 * The announcement of a change, unless its subject type is silent (orgwarden's own bookkeeping), and
 * the alert for values it carries that orgwarden does not know (silent or not: its model is behind).
 */
export const announcements = (change: Change): PlannedEffect[] => [...(change.type.silent ? [] : [announce(change)]), ...alertsOf(change.snapshot, change.previous, change.transition.cause)];

/** The default planner: the announcement only. */
export const planChange: Planner = (change) => announcements(change);
