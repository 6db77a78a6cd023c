import type { BusEvent } from '../../shared/local/stack/event-bus';

/** The event the audit's schedule rule delivers at `time` (ISO 8601, whole seconds), as the local stack's rule names it. */
export const scheduledAudit = (time: string): BusEvent => ({
  version: '0',
  id: `audit-${time}`,
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '111111111111',
  time,
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:111111111111:rule/orgwarden-local-audit'],
  detail: {},
});
