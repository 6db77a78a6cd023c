import type { BusEvent } from '../../shared/local/stack/event-bus';

/** ISO 8601 in whole seconds, as EventBridge's `time` is. */
const wholeSeconds = (time: string | Date): string =>
  (typeof time === 'string' ? time : time.toISOString()).replace(/\.\d+Z$/, 'Z');

/**
 * The event a schedule rule of the local stack delivers at `time`: the rule `orgwarden-local-<rule>`
 * in `account` (default the management account), with `id` unless given.
 */
export const scheduledEvent = (
  rule: string,
  time: string | Date,
  options: { readonly id?: string; readonly account?: string } = {},
): BusEvent => {
  const account = options.account ?? '111111111111';
  const at = wholeSeconds(time);
  return {
    version: '0',
    id: options.id ?? `${rule}-${at}`,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: at,
    region: 'us-east-1',
    resources: [`arn:aws:events:us-east-1:${account}:rule/orgwarden-local-${rule}`],
    detail: {},
  };
};

/**
 * The event the audit's schedule rule delivers at `time` (ISO 8601, whole seconds), as the local stack's rule names it.
 */
export const scheduledAudit = (time: string): BusEvent => scheduledEvent('audit', time, { id: `audit-${time}` });
