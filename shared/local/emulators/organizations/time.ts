const DAY_MS = 24 * 60 * 60 * 1000;

/** Adds whole days to a date. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** Adds hours to a date. */
export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + (hours * DAY_MS) / 24);
}

/** Reads an epoch-seconds wire timestamp. */
export function fromEpochSeconds(seconds: number): Date {
  return new Date(Math.round(seconds * 1000));
}

/** True when the date is 00:00:00.000 UTC. */
export function isStartOfDayUtc(date: Date): boolean {
  return (
    date.getUTCHours() === 0 &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0 &&
    date.getUTCMilliseconds() === 0
  );
}

/** 23:59:59 UTC on the last day of the month of `date`. */
export function endOfMonthUtc(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0, 23, 59, 59, 0));
}

/** True when the date is within the last second of a month (23:59:59.000 to 23:59:59.999 UTC). */
export function isEndOfMonthUtc(date: Date): boolean {
  const end = endOfMonthUtc(date);
  return date.getTime() >= end.getTime() && date.getTime() < end.getTime() + 1000;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A timestamp as CloudTrail writes it inside Organizations' `responseElements` and
 * `serviceEventDetails`: Java's US medium format in UTC, e.g. `Jan 18, 2017 9:41:16 PM` (see the
 * InviteAccountToOrganization and CreateAccountResult examples of "Logging AWS Organizations API
 * calls with AWS CloudTrail").
 */
export function cloudTrailDate(date: Date): string {
  const hours = date.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${hour12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}
