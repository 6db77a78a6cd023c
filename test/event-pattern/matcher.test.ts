import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../shared/local/event-pattern/matcher';
import {
  autoScalingLaunch,
  contentFilteringEvent,
  contentFilteringWith,
  customEvent,
  ec2StateChange,
  existsDocEventWithObjectCount,
  existsDocEventWithoutCount,
  macieAlert,
} from './doc-events';

interface Case {
  name: string;
  pattern: unknown;
  event: unknown;
  expected: boolean;
}

const on = (detail: Record<string, unknown>) => ({ detail });
const c = (name: string, pattern: unknown, event: unknown, expected: boolean): Case => ({
  name,
  pattern,
  event,
  expected,
});

const ec2Pattern = {
  source: ['aws.ec2'],
  'detail-type': ['EC2 Instance State-change Notification'],
  detail: { state: ['terminated'] },
};
const numericDoc = {
  'c-count': [{ numeric: ['>', 0, '<=', 5] }],
  'd-count': [{ numeric: ['<', 10] }],
  'x-limit': [{ numeric: ['=', 3.018e2] }],
};
const orDoc = on({
  $or: [
    { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
    { 'd-count': [{ numeric: ['<', 10] }] },
    { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
  ],
});
const employees = customEvent({
  employees: [
    { firstName: 'John', lastName: 'Doe' },
    { firstName: 'Anna', lastName: 'Smith' },
    { firstName: 'Peter', lastName: 'Jones' },
  ],
});
const metrics = (detail: Record<string, unknown>) => ({ ...customEvent(detail), source: 'aws.cloudwatch' });
const orAndInside = {
  source: ['aws.cloudwatch'],
  detail: {
    $or: [
      { metricName: ['CPUUtilization', 'ReadLatency'] },
      { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'] },
      { scope: ['Service'] },
    ],
  },
};
const orNested = {
  source: ['aws.cloudwatch'],
  detail: {
    $or: [
      { metricName: ['CPUUtilization'] },
      { namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
    ],
  },
};
const orParallel = {
  $or: [{ region: ['us-east-1'] }, { account: ['111122223333'] }],
  detail: { $or: [{ state: ['terminated'] }, { 'instance-id': ['i-0'] }] },
};
const complexDoc = {
  time: [{ prefix: '2017-10-02' }],
  detail: {
    state: [{ 'anything-but': 'initializing' }],
    ...numericDoc,
    'x-limit': [{ 'anything-but': [100, 200, 300] }],
    'source-ip': [{ cidr: '10.0.0.0/8' }],
  },
};

const cases: Case[] = [
  // Amazon EventBridge event patterns (EC2 instance state-change example)
  c('docs EC2 termination pattern matches the state-change event', ec2Pattern, ec2StateChange, true),
  c('a different state does not match', { ...ec2Pattern, detail: { state: ['running'] } }, ec2StateChange, false),
  c('any listed source matches (OR within a leaf)', { source: ['aws.ec2', 'aws.fargate'] }, ec2StateChange, true),
  c('an unlisted source does not match', { source: ['aws.fargate'] }, ec2StateChange, false),
  c('matching is case-sensitive', { 'detail-type': ['EC2 Instance State-change notification'] }, ec2StateChange, false),
  c('fields absent from the pattern are ignored', on({ state: ['terminated'] }), ec2StateChange, true),
  c(
    'a pattern field missing from the event does not match',
    on({ 'availability-zone': ['us-west-1a'] }),
    ec2StateChange,
    false,
  ),
  c('nesting must mirror the event', { state: ['terminated'] }, ec2StateChange, false),
  c(
    'a nested pattern object does not match a string value',
    on({ state: { name: ['terminated'] } }),
    ec2StateChange,
    false,
  ),
  c('version matches as a string', { version: ['0'] }, ec2StateChange, true),
  c('version does not match as a number', { version: [0] }, ec2StateChange, false),
  c('account matches exactly', { account: ['111122223333'] }, ec2StateChange, true),
  c('account given as a number does not match the string', { account: [111122223333] }, ec2StateChange, false),
  c('region matches exactly', { region: ['us-west-1'] }, ec2StateChange, true),
  c('another region does not match', { region: ['us-east-1'] }, ec2StateChange, false),
  c('id matches exactly', { id: ['6a7e8feb-b491-4cf7-a9f1-bf3703467718'] }, ec2StateChange, true),
  c('time matches by prefix', { time: [{ prefix: '2017-12-22' }] }, ec2StateChange, true),
  c(
    'resources match an exact ARN',
    { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'] },
    ec2StateChange,
    true,
  ),
  c('resources match by ARN prefix', { resources: [{ prefix: 'arn:aws:ec2:us-west-1:' }] }, ec2StateChange, true),
  c(
    'resources with another service prefix do not match',
    { resources: [{ prefix: 'arn:aws:s3:' }] },
    ec2StateChange,
    false,
  ),
  c(
    'replay-name exists only on replayed events',
    { 'replay-name': [{ exists: true }] },
    { ...ec2StateChange, 'replay-name': 'nightly' },
    true,
  ),
  c('replay-name is absent from live events', { 'replay-name': [{ exists: true }] }, ec2StateChange, false),

  // Matching events on null values and empty strings in Amazon EventBridge
  c('empty string matches ""', on({ eventVersion: [''] }), autoScalingLaunch, true),
  c('null matches null', on({ responseElements: [null] }), autoScalingLaunch, true),
  c('empty string does not match null', on({ eventVersion: [null] }), autoScalingLaunch, false),
  c('null does not match an empty string', on({ responseElements: [''] }), autoScalingLaunch, false),
  c('a missing field does not match null', on({ requestParameters: [null] }), autoScalingLaunch, false),
  c(
    'docs field-matching pattern with null',
    {
      source: ['aws.autoscaling'],
      'detail-type': ['EC2 Instance Launch Successful'],
      detail: { responseElements: [null] },
    },
    autoScalingLaunch,
    true,
  ),
  c('null is a present value for exists', on({ responseElements: [{ exists: true }] }), autoScalingLaunch, true),

  // Amazon EventBridge event patterns (value matching, Macie alert)
  c(
    'docs Macie risk pattern matches',
    { source: ['aws.macie'], 'detail-type': ['Macie Alert'], detail: { 'risk-score': [80], trigger: { risk: [8] } } },
    macieAlert,
    true,
  ),
  c('another risk score does not match', on({ 'risk-score': [81] }), macieAlert, false),
  c('a numeric value does not match its string form', on({ 'risk-score': ['80'] }), macieAlert, false),
  c('nested trigger risk matches numerically', on({ trigger: { risk: [{ numeric: ['>=', 8] }] } }), macieAlert, true),

  // Arrays in Amazon EventBridge event patterns
  c(
    'docs resources example: non-empty intersection matches',
    {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    },
    {
      ...ec2StateChange,
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    },
    true,
  ),
  c(
    'docs resources example: empty intersection does not match',
    {
      resources: [
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    },
    { ...ec2StateChange, resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] },
    false,
  ),
  c('one tag of the event array matches', on({ tags: ['Insider'] }), macieAlert, true),
  c('a tag missing from the event array does not match', on({ tags: ['Outsider'] }), macieAlert, false),
  c('operators apply to each event array element', on({ tags: [{ prefix: 'Custom_' }] }), macieAlert, true),
  c('an empty event array matches nothing', { resources: [{ prefix: 'arn:' }] }, autoScalingLaunch, false),
  c('array of objects: a field of one element matches', on({ employees: { firstName: ['Anna'] } }), employees, true),
  c(
    'array of objects: fields from different elements do not combine',
    on({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }),
    employees,
    false,
  ),
  c(
    'array of objects: fields of the same element combine',
    on({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }),
    employees,
    true,
  ),
  c(
    'array of objects: nested arrays are crushed',
    on({ employees: { firstName: ['Peter'] } }),
    customEvent({ employees: [[{ firstName: 'John' }], [{ firstName: 'Peter' }]] }),
    true,
  ),

  // Comparison operators for use in event patterns in Amazon EventBridge (summary table)
  c(
    'And: both fields match',
    on({ Location: ['New York'], Day: ['Monday'] }),
    customEvent({ Location: 'New York', Day: 'Monday' }),
    true,
  ),
  c(
    'And: one field differs',
    on({ Location: ['New York'], Day: ['Monday'] }),
    customEvent({ Location: 'New York', Day: 'Tuesday' }),
    false,
  ),
  c('Empty: LastName is ""', on({ LastName: [''] }), customEvent({ LastName: '' }), true),
  c('Empty: a non-empty LastName does not match', on({ LastName: [''] }), customEvent({ LastName: 'Smith' }), false),
  c('Equals: Name is "Alice"', on({ Name: ['Alice'] }), customEvent({ Name: 'Alice' }), true),
  c('Equals: "alice" differs in case', on({ Name: ['Alice'] }), customEvent({ Name: 'alice' }), false),
  c(
    'Equals (ignore case): "alice" matches "Alice"',
    on({ Name: [{ 'equals-ignore-case': 'alice' }] }),
    customEvent({ Name: 'Alice' }),
    true,
  ),
  c(
    'Equals (ignore case): a different name does not match',
    on({ Name: [{ 'equals-ignore-case': 'alice' }] }),
    customEvent({ Name: 'Alicia' }),
    false,
  ),
  c(
    'Equals (ignore case) on a top-level field',
    { source: [{ 'equals-ignore-case': 'AWS.EC2' }] },
    ec2StateChange,
    true,
  ),
  c('Null: UserID is null', on({ UserID: [null] }), customEvent({ UserID: null }), true),
  c('Null: a missing UserID does not match', on({ UserID: [null] }), customEvent({}), false),
  c(
    'Or: PaymentType Debit is listed',
    on({ PaymentType: ['Credit', 'Debit'] }),
    customEvent({ PaymentType: 'Debit' }),
    true,
  ),
  c(
    'Or: PaymentType Cash is not listed',
    on({ PaymentType: ['Credit', 'Debit'] }),
    customEvent({ PaymentType: 'Cash' }),
    false,
  ),
  c(
    'Not: Weather is anything but Raining',
    on({ Weather: [{ 'anything-but': ['Raining'] }] }),
    customEvent({ Weather: 'Sunny' }),
    true,
  ),
  c(
    'Not: Raining is excluded',
    on({ Weather: [{ 'anything-but': ['Raining'] }] }),
    customEvent({ Weather: 'Raining' }),
    false,
  ),
  c(
    'Exists: ProductName present',
    on({ ProductName: [{ exists: true }] }),
    customEvent({ ProductName: 'Widget' }),
    true,
  ),
  c('Exists: ProductName absent', on({ ProductName: [{ exists: true }] }), customEvent({}), false),
  c('Does not exist: ProductName absent', on({ ProductName: [{ exists: false }] }), customEvent({}), true),
  c(
    'Does not exist: ProductName present',
    on({ ProductName: [{ exists: false }] }),
    customEvent({ ProductName: 'Widget' }),
    false,
  ),
  c('Numeric (equals): Price is 100', on({ Price: [{ numeric: ['=', 100] }] }), customEvent({ Price: 100 }), true),
  c(
    'Numeric (equals): the string "100" is not a number',
    on({ Price: [{ numeric: ['=', 100] }] }),
    customEvent({ Price: '100' }),
    false,
  ),
  c(
    'Numeric (range): 20 is within (10, 20]',
    on({ Price: [{ numeric: ['>', 10, '<=', 20] }] }),
    customEvent({ Price: 20 }),
    true,
  ),
  c(
    'Numeric (range): 10 is excluded by ">"',
    on({ Price: [{ numeric: ['>', 10, '<=', 20] }] }),
    customEvent({ Price: 10 }),
    false,
  ),
  c(
    'Numeric (range): 20.5 is above the range',
    on({ Price: [{ numeric: ['>', 10, '<=', 20] }] }),
    customEvent({ Price: 20.5 }),
    false,
  ),
  c(
    'Or (multiple fields): Day matches',
    on({ $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }),
    customEvent({ Location: 'Boston', Day: 'Monday' }),
    true,
  ),
  c(
    'Or (multiple fields): neither matches',
    on({ $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }),
    customEvent({ Location: 'Boston', Day: 'Tuesday' }),
    false,
  ),

  // Content filtering in Amazon EventBridge event patterns: prefix and suffix
  c('prefix on time matches', { time: [{ prefix: '2017-10-02' }] }, contentFilteringEvent, true),
  c('prefix on time does not match another day', { time: [{ prefix: '2017-10-03' }] }, contentFilteringEvent, false),
  c('prefix only applies to strings', on({ 'c-count': [{ prefix: '5' }] }), contentFilteringEvent, false),
  c(
    'prefix ignoring case matches',
    on({ service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] }),
    customEvent({ service: 'eventbridge' }),
    true,
  ),
  c(
    'prefix ignoring case still needs the prefix',
    on({ service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] }),
    customEvent({ service: 'Lambda' }),
    false,
  ),
  c(
    'plain prefix is case-sensitive',
    on({ service: [{ prefix: 'EventB' }] }),
    customEvent({ service: 'eventbridge' }),
    false,
  ),
  c('suffix .png matches', on({ FileName: [{ suffix: '.png' }] }), customEvent({ FileName: 'image.png' }), true),
  c('suffix is case-sensitive', on({ FileName: [{ suffix: '.png' }] }), customEvent({ FileName: 'image.PNG' }), false),
  c(
    'suffix ignoring case matches .PNG',
    on({ FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] }),
    customEvent({ FileName: 'image.PNG' }),
    true,
  ),
  c(
    'suffix ignoring case still needs the suffix',
    on({ FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] }),
    customEvent({ FileName: 'image.jpg' }),
    false,
  ),
  c(
    'suffix ignoring case on a service name',
    on({ service: [{ suffix: { 'equals-ignore-case': 'tbridge' } }] }),
    customEvent({ service: 'EVENTBRIDGE' }),
    true,
  ),

  // Content filtering: anything-but
  c(
    'anything-but string: another state matches',
    on({ state: [{ 'anything-but': 'initializing' }] }),
    contentFilteringEvent,
    true,
  ),
  c(
    'anything-but string: the excluded state does not',
    on({ state: [{ 'anything-but': 'initializing' }] }),
    contentFilteringWith({ state: 'initializing' }),
    false,
  ),
  c(
    'anything-but does not match a missing field',
    on({ status: [{ 'anything-but': 'initializing' }] }),
    contentFilteringEvent,
    false,
  ),
  c(
    'anything-but number: another number matches',
    on({ 'x-limit': [{ 'anything-but': 123 }] }),
    contentFilteringEvent,
    true,
  ),
  c(
    'anything-but number: the excluded number does not',
    on({ 'x-limit': [{ 'anything-but': 301.8 }] }),
    contentFilteringEvent,
    false,
  ),
  c(
    'anything-but string list: running is not listed',
    on({ state: [{ 'anything-but': ['stopped', 'overloaded'] }] }),
    contentFilteringEvent,
    true,
  ),
  c(
    'anything-but string list: stopped is listed',
    on({ state: [{ 'anything-but': ['stopped', 'overloaded'] }] }),
    contentFilteringWith({ state: 'stopped' }),
    false,
  ),
  c(
    'anything-but number list: 301.8 is not listed',
    on({ 'x-limit': [{ 'anything-but': [100, 200, 300] }] }),
    contentFilteringEvent,
    true,
  ),
  c(
    'anything-but number list: 200 is listed',
    on({ 'x-limit': [{ 'anything-but': [100, 200, 300] }] }),
    contentFilteringWith({ 'x-limit': 200 }),
    false,
  ),
  c(
    'anything-but prefix: running lacks "init"',
    on({ state: [{ 'anything-but': { prefix: 'init' } }] }),
    contentFilteringEvent,
    true,
  ),
  c(
    'anything-but prefix: initializing has "init"',
    on({ state: [{ 'anything-but': { prefix: 'init' } }] }),
    contentFilteringWith({ state: 'initializing' }),
    false,
  ),
  c(
    'anything-but prefix: region outside the US',
    on({ Region: [{ 'anything-but': { prefix: 'us-' } }] }),
    customEvent({ Region: 'eu-west-1' }),
    true,
  ),
  c(
    'anything-but prefix: region inside the US',
    on({ Region: [{ 'anything-but': { prefix: 'us-' } }] }),
    customEvent({ Region: 'us-east-1' }),
    false,
  ),
  c(
    'anything-but suffix: not a .txt file',
    on({ FileName: [{ 'anything-but': { suffix: '.txt' } }] }),
    customEvent({ FileName: 'image.png' }),
    true,
  ),
  c(
    'anything-but suffix: a .txt file',
    on({ FileName: [{ 'anything-but': { suffix: '.txt' } }] }),
    customEvent({ FileName: 'notes.txt' }),
    false,
  ),
  c(
    'anything-but ignore case: INITIALIZING is excluded',
    on({ state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }),
    contentFilteringWith({ state: 'INITIALIZING' }),
    false,
  ),
  c(
    'anything-but ignore case: running is not excluded',
    on({ state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }),
    contentFilteringEvent,
    true,
  ),
  c(
    'anything-but ignore case list: overloaded is excluded',
    on({ state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] }),
    contentFilteringWith({ state: 'overloaded' }),
    false,
  ),
  c(
    'anything-but wildcard: a path with /lib/ is excluded',
    on({ FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }),
    customEvent({ FilePath: '/usr/lib/node' }),
    false,
  ),
  c(
    'anything-but wildcard: a path without /lib/ matches',
    on({ FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }),
    customEvent({ FilePath: '/usr/bin/node' }),
    true,
  ),
  c(
    'anything-but wildcard list: /bin/ is excluded too',
    on({ FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] }),
    customEvent({ FilePath: '/usr/bin/node' }),
    false,
  ),
  c(
    'anything-but on an event array: another element matches',
    on({ tags: [{ 'anything-but': 'Insider' }] }),
    macieAlert,
    true,
  ),
  c(
    'anything-but on an event array: only excluded elements',
    on({ tags: [{ 'anything-but': 'Insider' }] }),
    { ...macieAlert, detail: { tags: ['Insider'] } },
    false,
  ),

  // Content filtering: numeric matching
  c('docs numeric pattern matches c-count 5, d-count 3, x-limit 301.8', on(numericDoc), contentFilteringEvent, true),
  c('numeric: c-count 6 is above <= 5', on(numericDoc), contentFilteringWith({ 'c-count': 6 }), false),
  c('numeric: c-count 0 is excluded by > 0', on(numericDoc), contentFilteringWith({ 'c-count': 0 }), false),
  c(
    'numeric: precision stops at six decimals',
    on({ 'c-count': [{ numeric: ['=', 5] }] }),
    contentFilteringWith({ 'c-count': 5.0000001 }),
    true,
  ),
  c(
    'numeric: the sixth decimal still counts',
    on({ 'c-count': [{ numeric: ['=', 5] }] }),
    contentFilteringWith({ 'c-count': 5.000001 }),
    false,
  ),
  c(
    'numeric: values beyond +5.0e9 never match',
    on({ 'c-count': [{ numeric: ['>', 0] }] }),
    contentFilteringWith({ 'c-count': 6e9 }),
    false,
  ),
  c(
    'numeric: +5.0e9 itself is within range',
    on({ 'c-count': [{ numeric: ['<=', 5e9] }] }),
    contentFilteringWith({ 'c-count': 5e9 }),
    true,
  ),
  c(
    'numeric: >= includes its bound',
    on({ 'c-count': [{ numeric: ['>=', -5] }] }),
    contentFilteringWith({ 'c-count': -5 }),
    true,
  ),
  c(
    'numeric: < excludes its bound',
    on({ 'c-count': [{ numeric: ['<', -5] }] }),
    contentFilteringWith({ 'c-count': -5 }),
    false,
  ),

  // Content filtering: IP address matching
  c('cidr: 10.0.0.33 is in 10.0.0.0/24', on({ 'source-ip': [{ cidr: '10.0.0.0/24' }] }), contentFilteringEvent, true),
  c(
    'cidr: 10.0.0.255 is the top of 10.0.0.0/24',
    on({ 'source-ip': [{ cidr: '10.0.0.0/24' }] }),
    contentFilteringWith({ 'source-ip': '10.0.0.255' }),
    true,
  ),
  c(
    'cidr: 10.0.1.1 is outside 10.0.0.0/24',
    on({ 'source-ip': [{ cidr: '10.0.0.0/24' }] }),
    contentFilteringWith({ 'source-ip': '10.0.1.1' }),
    false,
  ),
  c(
    'cidr: a non-address never matches',
    on({ 'source-ip': [{ cidr: '10.0.0.0/24' }] }),
    contentFilteringWith({ 'source-ip': 'localhost' }),
    false,
  ),
  c(
    'cidr: IPv6 address inside 2001:db8::/32',
    on({ sourceIPAddress: [{ cidr: '2001:db8::/32' }] }),
    customEvent({ sourceIPAddress: '2001:db8:85a3::8a2e:370:7334' }),
    true,
  ),
  c(
    'cidr: IPv6 address outside 2001:db8::/32',
    on({ sourceIPAddress: [{ cidr: '2001:db8::/32' }] }),
    customEvent({ sourceIPAddress: '2001:db9::1' }),
    false,
  ),
  c(
    'cidr: an IPv4 address is not in an IPv6 block',
    on({ sourceIPAddress: [{ cidr: '::/0' }] }),
    customEvent({ sourceIPAddress: '10.0.0.1' }),
    false,
  ),

  // Content filtering: exists matching
  c(
    'exists false: the docs event without c-count',
    on({ 'c-count': [{ exists: false }] }),
    existsDocEventWithoutCount,
    true,
  ),
  c(
    'exists false: c-count holding an object is not a leaf',
    on({ 'c-count': [{ exists: false }] }),
    existsDocEventWithObjectCount,
    true,
  ),
  c('exists false: a c-count leaf is present', on({ 'c-count': [{ exists: false }] }), contentFilteringEvent, false),
  c('exists true: a c-count leaf is present', on({ 'c-count': [{ exists: true }] }), contentFilteringEvent, true),
  c(
    'exists true: an object is not a leaf',
    on({ 'c-count': [{ exists: true }] }),
    existsDocEventWithObjectCount,
    false,
  ),
  c(
    'exists false: any array element holding the field counts as present',
    on({ employees: { middleName: [{ exists: false }] } }),
    customEvent({ employees: [{ firstName: 'Anna' }, { firstName: 'Bo', middleName: 'K' }] }),
    false,
  ),

  // Content filtering: wildcard matching
  c(
    'wildcard dir/*.png matches a file in dir',
    on({ FileName: [{ wildcard: 'dir/*.png' }] }),
    customEvent({ FileName: 'dir/image.png' }),
    true,
  ),
  c(
    'wildcard * also spans "/"',
    on({ FileName: [{ wildcard: 'dir/*.png' }] }),
    customEvent({ FileName: 'dir/sub/image.png' }),
    true,
  ),
  c(
    'wildcard keeps its literal prefix',
    on({ FileName: [{ wildcard: 'dir/*.png' }] }),
    customEvent({ FileName: 'other/image.png' }),
    false,
  ),
  c(
    'wildcard keeps its literal suffix',
    on({ FileName: [{ wildcard: 'dir/*.png' }] }),
    customEvent({ FileName: 'dir/image.jpg' }),
    false,
  ),
  c(
    'wildcard \\* is a literal star',
    on({ FileName: [{ wildcard: 'report\\*.csv' }] }),
    customEvent({ FileName: 'report*.csv' }),
    true,
  ),
  c(
    'wildcard \\* does not match other characters',
    on({ FileName: [{ wildcard: 'report\\*.csv' }] }),
    customEvent({ FileName: 'report2024.csv' }),
    false,
  ),
  c(
    'wildcard \\\\ is a literal backslash',
    on({ FilePath: [{ wildcard: 'C:\\\\temp\\\\*' }] }),
    customEvent({ FilePath: 'C:\\temp\\file.txt' }),
    true,
  ),
  c(
    'wildcard * matches zero characters',
    on({ FileName: [{ wildcard: 'image*.png' }] }),
    customEvent({ FileName: 'image.png' }),
    true,
  ),
  c('wildcard only applies to strings', on({ Price: [{ wildcard: '*' }] }), customEvent({ Price: 100 }), false),

  // Content filtering: complex example and $or
  c('docs complex example matches', complexDoc, contentFilteringEvent, true),
  c('docs complex example: excluded state', complexDoc, contentFilteringWith({ state: 'initializing' }), false),
  c('$or: docs numeric alternatives, all match', orDoc, contentFilteringEvent, true),
  c('$or: no alternative matches', orDoc, contentFilteringWith({ 'c-count': 6, 'd-count': 11, 'x-limit': 1 }), false),
  c('$or: only the last alternative matches', orDoc, contentFilteringWith({ 'c-count': 6, 'd-count': 11 }), true),
  c(
    '$or with an AND inside: the two-field branch matches',
    orAndInside,
    metrics({ metricType: 'MetricType', namespace: 'AWS/ES' }),
    true,
  ),
  c(
    '$or with an AND inside: half a branch is not enough',
    orAndInside,
    metrics({ metricType: 'Other', namespace: 'AWS/ES' }),
    false,
  ),
  c('nested $or: inner alternative matches', orNested, metrics({ namespace: 'AWS/EC2', spaceId: 1000 }), true),
  c('nested $or: inner alternatives all fail', orNested, metrics({ namespace: 'AWS/EC2', spaceId: 1 }), false),
  c('parallel $or at two levels: both satisfied', orParallel, ec2StateChange, true),
  c(
    'parallel $or at two levels: the top one fails',
    orParallel,
    { ...ec2StateChange, region: 'eu-west-1', account: '999999999999' },
    false,
  ),
];

describe('matchesPattern: EventBridge documentation examples', () => {
  it.each(cases)('$name', ({ pattern, event, expected }) => {
    // Prepare: the pattern and event come from the table.
    // Act
    const matched = matchesPattern(pattern, event);
    // Assess
    expect(matched).toBe(expected);
  });
});

describe('matchesPattern: pattern forms', () => {
  it('accepts the pattern as a JSON string, as CloudFormation allows', () => {
    // Prepare
    const patternText = JSON.stringify({ detail: { responseElements: [null] } });
    // Act
    const matched = matchesPattern(patternText, autoScalingLaunch);
    // Assess
    expect(matched).toBe(true);
  });

  it('validates the pattern before matching', () => {
    // Prepare
    const invalid = { source: 'aws.ec2' };
    // Act
    const act = () => matchesPattern(invalid, ec2StateChange);
    // Assess
    expect(act).toThrow(/\$\.source/);
  });

  it('refuses an event that is not a JSON object', () => {
    // Prepare
    const event = '{"source":"aws.ec2"}';
    // Act
    const act = () => matchesPattern({ source: ['aws.ec2'] }, event);
    // Assess
    expect(act).toThrow(TypeError);
  });
});
