import type { PlannedEffect } from './ledger';
import type { Snapshot, Transition } from './snapshot';
import type { SubjectType } from './subjects/subject-type';

/** A committed change as the planner sees it. */
export interface Change {
  readonly type: SubjectType;
  readonly snapshot: Snapshot;
  readonly transition: Transition;
  readonly previous?: Snapshot;
}

/** Decides the effects of a change; the policy's reactions come on top of the announcement. */
export type Planner = (change: Change) => PlannedEffect[];
