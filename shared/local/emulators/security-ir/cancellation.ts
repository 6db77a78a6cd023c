// When a cancelled membership ends. AWS documents it two ways (user guide, "Cancel Membership"):
// until the end of the current billing cycle, and, since November 2025, immediately upon
// cancellation. The emulator offers both (and the calendar month it used to apply); the local stack
// picks one per scenario.
import type { CancellationWindow } from './types';

const DAY_MS = 86_400_000;

/**
 * The user guide's example: "Your membership cancellation will take effect on 2025-08-29". With its
 * list of cycle boundaries (Dec 29, Jan 29; Jan 29, Feb 26 in a non-leap year; Feb 26, March 29) it
 * fits one rule: a cycle ends on the third-to-last day of each month (Aug 31 − 2 = 29, Feb 28 − 2 =
 * 26). The rule is derived, not stated: AWS says only that the service "does not follow standard
 * anniversary billing cycle" and that billing "runs month to month".
 */
export const DOCUMENTED_CYCLE_END = new Date('2025-08-29T00:00:00Z');

/** The default: the user guide's billing cycle. */
export const DEFAULT_CANCELLATION: CancellationWindow = { mode: 'billing-cycle' };

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/**
 * The first instant of the next month (UTC): the window the emulator applied before it knew of the
 * billing cycle, and the time of the user guide's `Membership Terminated` example
 * (2023-07-01T00:00:00Z). Kept as `{ mode: 'calendar-month' }`.
 */
export function endOfMembershipMonth(cancelledAt: Date): Date {
  return new Date(Date.UTC(cancelledAt.getUTCFullYear(), cancelledAt.getUTCMonth() + 1, 1));
}

/**
 * The end of the billing cycle `cancelledAt` falls in. A cycle ends on the day that lies as many
 * days before its month's end as `anchor` does before its own (default {@link DOCUMENTED_CYCLE_END}:
 * 2 days, so Jan 29, Feb 26 or 27, Mar 29, Apr 28). The membership stays available through that day
 * ("After 2025-08-29, your membership … will no longer be available") and ends at the next midnight
 * UTC. Both the time of day and the time zone are guesses: AWS names only the date.
 *
 * @param cancelledAt - when CancelMembership was called
 * @param anchor - a day on which a cycle ends (its time of day is ignored)
 */
export function endOfBillingCycle(cancelledAt: Date, anchor: Date = DOCUMENTED_CYCLE_END): Date {
  const daysBeforeMonthEnd = daysIn(anchor.getUTCFullYear(), anchor.getUTCMonth()) - anchor.getUTCDate();
  const cycleEndIn = (year: number, month: number): Date => {
    const lastDay = Math.max(1, daysIn(year, month) - daysBeforeMonthEnd);
    return new Date(Date.UTC(year, month, lastDay) + DAY_MS);
  };
  const year = cancelledAt.getUTCFullYear();
  const month = cancelledAt.getUTCMonth();
  const thisMonth = cycleEndIn(year, month);
  return thisMonth.getTime() > cancelledAt.getTime() ? thisMonth : cycleEndIn(year, month + 1);
}

/**
 * When a membership cancelled at `cancelledAt` ends under `window`: the instant it turns
 * Terminated, shown as `membershipDeactivationTimestamp` from the cancellation on.
 */
export function deactivationOf(window: CancellationWindow, cancelledAt: Date): Date {
  switch (window.mode) {
    case 'immediate':
      return cancelledAt;
    case 'calendar-month':
      return endOfMembershipMonth(cancelledAt);
    case 'billing-cycle':
      return endOfBillingCycle(cancelledAt, window.anchor);
  }
}
