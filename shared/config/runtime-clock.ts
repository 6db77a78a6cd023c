import { systemClock, type Clock } from '../ports/clock';

let override: Clock | undefined;

/**
 * The clock the composition root hands to the use cases: the system clock in Lambda. The local
 * stack replaces it with the scenario clock so that snapshots and history carry scenario time.
 */
export const runtimeClock: Clock = { now: () => (override ?? systemClock).now() };

/** For the local stack only. */
export const useLocalClock = (clock: Clock | undefined): void => {
  override = clock;
};
