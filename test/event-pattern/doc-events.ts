// Sample events copied from the Amazon EventBridge User Guide so the matcher is
// exercised against real-shaped envelopes rather than hand-rolled fragments.

/** "Amazon EventBridge event patterns": the EC2 instance state-change event. */
export const ec2StateChange = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

/** "Matching events on null values and empty strings in Amazon EventBridge". */
export const autoScalingLaunch = {
  version: '0',
  id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
  'detail-type': 'EC2 Instance Launch Successful',
  source: 'aws.autoscaling',
  account: '123456789012',
  time: '2015-11-11T21:31:47Z',
  region: 'us-east-1',
  resources: [],
  detail: { eventVersion: '', responseElements: null },
};

/** "Amazon EventBridge event patterns" (value matching): the truncated Macie alert. */
export const macieAlert = {
  version: '0',
  id: '3e355723-fca9-4de3-9fd7-154c289d6b59',
  'detail-type': 'Macie Alert',
  source: 'aws.macie',
  account: '123456789012',
  time: '2017-04-24T22:28:49Z',
  region: 'us-east-1',
  resources: [
    'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id/alert/alert_id',
    'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id',
  ],
  detail: {
    'notification-type': 'ALERT_CREATED',
    name: 'Scanning bucket policies',
    tags: ['Custom_Alert', 'Insider'],
    'risk-score': 80,
    trigger: { 'rule-arn': 'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id', 'alert-type': 'basic', risk: 8 },
  },
};

/**
 * "Content filtering in Amazon EventBridge event patterns" uses c-count, d-count,
 * x-limit, state and an IP field; this is the event those examples are written for.
 */
export const contentFilteringEvent = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

/** The same event with `detail` fields replaced, for the numeric and state variants. */
export function contentFilteringWith(detail: Record<string, unknown>): typeof contentFilteringEvent {
  return { ...contentFilteringEvent, detail: { ...contentFilteringEvent.detail, ...detail } };
}

/** "Content filtering" (exists matching): the two events the docs show, with their array-valued fields. */
export const existsDocEventWithoutCount = {
  'detail-type': ['EC2 Instance State-change Notification'],
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
  detail: { state: ['initializing', 'running'] },
};
export const existsDocEventWithObjectCount = {
  ...existsDocEventWithoutCount,
  detail: { state: ['initializing', 'running'], 'c-count': { c1: 100 } },
};

/**
 * A custom-application envelope for the one-line examples of "Comparison
 * operators for use in event patterns", which name only the detail fields.
 */
export function customEvent(detail: Record<string, unknown>): Record<string, unknown> {
  return {
    version: '0',
    id: '0d079340-135a-c8c6-95c2-41fb8f496c53',
    'detail-type': 'Custom Event',
    source: 'com.example.app',
    account: '123456789012',
    time: '2023-10-02T18:43:48Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
}
