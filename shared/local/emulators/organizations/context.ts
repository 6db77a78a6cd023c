import type { IdGenerator } from './ids';
import type { DelegatedAdministratorChange, ServiceEventDraft } from './types';
import type { World } from './world';

/** What an operation handler gets besides its (already validated) input. */
export interface OperationContext {
  world: World;
  ids: IdGenerator;
  /** The 12-digit account id of the caller. */
  caller: string;
  /** The scenario clock's time for this request. */
  now: Date;
  /** Queues a CloudTrail service event for the management account's bus, delivered after the call. */
  emit(draft: ServiceEventDraft): void;
  /** Queues a delegated-administrator change for the emulator's listeners, told after the call succeeds. */
  delegationChanged(change: DelegatedAdministratorChange): void;
}

/**
 * An operation handler: takes the input as validated against the operation's input shape (so casts
 * to the input's shape are safe) and returns the output with timestamps as `Date`s.
 */
export type OperationHandler = (input: Record<string, unknown>, context: OperationContext) => Record<string, unknown>;
