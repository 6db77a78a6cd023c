import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, validatePattern } from '../../shared/local/event-pattern/matcher';

interface InvalidCase {
  name: string;
  pattern: unknown;
  path: string;
}

const invalid = (name: string, pattern: unknown, path: string): InvalidCase => ({ name, pattern, path });

// Each rule is from "Amazon EventBridge event patterns" / "Comparison operators
// for use in event patterns in Amazon EventBridge"; `path` is where the error must point.
const invalidPatterns: InvalidCase[] = [
  invalid('a pattern that is not an object', ['aws.ec2'], '$'),
  invalid('a leaf given as a bare string', { source: 'aws.ec2' }, '$.source'),
  invalid('an empty value list', { detail: { state: [] } }, '$.detail.state'),
  invalid('an empty nested object', { detail: {} }, '$.detail'),
  invalid('a nested array in a value list', { detail: { state: [['running']] } }, '$.detail.state[0]'),
  invalid('an unknown operator', { detail: { state: [{ 'starts-with': 'run' }] } }, '$.detail.state[0]'),
  invalid('two operators in one object', { detail: { state: [{ prefix: 'r', suffix: 'g' }] } }, '$.detail.state[0]'),
  invalid('a prefix that is not a string', { time: [{ prefix: 2017 }] }, '$.time[0].prefix'),
  invalid(
    'prefix with a modifier other than equals-ignore-case',
    { time: [{ prefix: { wildcard: '2017*' } }] },
    '$.time[0].prefix.wildcard',
  ),
  invalid(
    'suffix ignoring case with a number',
    { detail: { FileName: [{ suffix: { 'equals-ignore-case': 1 } }] } },
    '$.detail.FileName[0].suffix.equals-ignore-case',
  ),
  invalid(
    'equals-ignore-case with a list',
    { detail: { Name: [{ 'equals-ignore-case': ['alice'] }] } },
    '$.detail.Name[0].equals-ignore-case',
  ),
  invalid('numeric operand that is not an array', { detail: { n: [{ numeric: 5 }] } }, '$.detail.n[0].numeric'),
  invalid('numeric with an unknown operator', { detail: { n: [{ numeric: ['!=', 5] }] } }, '$.detail.n[0].numeric[0]'),
  invalid('numeric with a string bound', { detail: { n: [{ numeric: ['>', 'five'] }] } }, '$.detail.n[0].numeric[1]'),
  invalid(
    'numeric range with the upper bound first',
    { detail: { n: [{ numeric: ['<', 5, '>', 0] }] } },
    '$.detail.n[0].numeric[0]',
  ),
  invalid(
    'numeric range with two lower bounds',
    { detail: { n: [{ numeric: ['>', 0, '>=', 5] }] } },
    '$.detail.n[0].numeric[2]',
  ),
  invalid(
    'numeric range with bounds out of order',
    { detail: { n: [{ numeric: ['>', 10, '<', 5] }] } },
    '$.detail.n[0].numeric',
  ),
  invalid('numeric bound beyond 5.0e9', { detail: { n: [{ numeric: ['<', 6e9] }] } }, '$.detail.n[0].numeric[1]'),
  invalid('numeric with a trailing element', { detail: { n: [{ numeric: ['=', 1, '<'] }] } }, '$.detail.n[0].numeric'),
  invalid('exists that is not a boolean', { detail: { n: [{ exists: 'yes' }] } }, '$.detail.n[0].exists'),
  invalid(
    'anything-but nesting anything-but',
    { detail: { state: [{ 'anything-but': { 'anything-but': 'x' } }] } },
    '$.detail.state[0].anything-but.anything-but',
  ),
  invalid(
    'anything-but nesting numeric',
    { detail: { n: [{ 'anything-but': { numeric: ['>', 1] } }] } },
    '$.detail.n[0].anything-but.numeric',
  ),
  invalid(
    'anything-but mixing strings and numbers',
    { detail: { state: [{ 'anything-but': ['stopped', 1] }] } },
    '$.detail.state[0].anything-but',
  ),
  invalid(
    'anything-but with null',
    { detail: { state: [{ 'anything-but': null }] } },
    '$.detail.state[0].anything-but',
  ),
  invalid(
    'anything-but with an empty list',
    { detail: { state: [{ 'anything-but': [] }] } },
    '$.detail.state[0].anything-but',
  ),
  invalid(
    'anything-but with an empty prefix',
    { detail: { state: [{ 'anything-but': { prefix: '' } }] } },
    '$.detail.state[0].anything-but.prefix',
  ),
  invalid(
    'anything-but suffix list with a number',
    { detail: { f: [{ 'anything-but': { suffix: ['.txt', 1] } }] } },
    '$.detail.f[0].anything-but.suffix[1]',
  ),
  invalid('wildcard with consecutive stars', { detail: { f: [{ wildcard: 'dir/**.png' }] } }, '$.detail.f[0].wildcard'),
  invalid('wildcard escaping a plain character', { detail: { f: [{ wildcard: 'dir\\x' }] } }, '$.detail.f[0].wildcard'),
  invalid(
    'anything-but wildcard with consecutive stars',
    { detail: { f: [{ 'anything-but': { wildcard: ['*/lib/*', 'a**'] } }] } },
    '$.detail.f[0].anything-but.wildcard[1]',
  ),
  invalid('cidr without a prefix length', { detail: { ip: [{ cidr: '10.0.0.0' }] } }, '$.detail.ip[0].cidr'),
  invalid('cidr prefix longer than 32 for IPv4', { detail: { ip: [{ cidr: '10.0.0.0/33' }] } }, '$.detail.ip[0].cidr'),
  invalid('cidr with an invalid address', { detail: { ip: [{ cidr: '300.0.0.0/8' }] } }, '$.detail.ip[0].cidr'),
  invalid('$or with a single alternative', { $or: [{ source: ['aws.ec2'] }] }, '$.$or'),
  invalid('$or that is not an array', { detail: { $or: { state: ['running'] } } }, '$.detail.$or'),
  invalid('$or holding a non-object', { $or: [{ source: ['aws.ec2'] }, 'aws.s3'] }, '$.$or[1]'),
  invalid(
    'an operator name used as a field inside $or',
    { $or: [{ prefix: ['abc'] }, { source: ['aws.ec2'] }] },
    '$.$or[0].prefix',
  ),
  invalid(
    'an invalid leaf inside a nested $or',
    { detail: { $or: [{ a: ['x'] }, { $or: [{ b: ['y'] }, { c: [] }] }] } },
    '$.detail.$or[1].$or[1].c',
  ),
];

describe('validatePattern', () => {
  it.each(invalidPatterns)('rejects $name at $path', ({ pattern, path }) => {
    // Prepare: the invalid pattern comes from the table.
    // Act
    const act = () => validatePattern(pattern);
    // Assess
    expect(act).toThrow(InvalidEventPatternError);
    expect(act).toThrow(`Invalid event pattern at ${path}:`);
  });

  it('chains the JSON parse error when a pattern string is malformed', () => {
    // Prepare
    const text = '{"source": ["aws.ec2"'; // truncated
    // Act
    let caught: unknown;
    try {
      validatePattern(text);
    } catch (error) {
      caught = error;
    }
    // Assess
    expect(caught).toBeInstanceOf(InvalidEventPatternError);
    expect((caught as InvalidEventPatternError).path).toBe('$');
    expect((caught as InvalidEventPatternError).cause).toBeInstanceOf(SyntaxError);
  });

  it('chains the CIDR parse error and names the operand path', () => {
    // Prepare
    const pattern = { detail: { sourceIPAddress: [{ cidr: '2001:db8::/129' }] } };
    // Act
    let caught: unknown;
    try {
      validatePattern(pattern);
    } catch (error) {
      caught = error;
    }
    // Assess
    expect(caught).toBeInstanceOf(InvalidEventPatternError);
    expect((caught as InvalidEventPatternError).path).toBe('$.detail.sourceIPAddress[0].cidr');
    expect(((caught as InvalidEventPatternError).cause as Error).message).toMatch(/exceeds 128/);
  });

  it.each([
    [
      'the docs complex example',
      {
        time: [{ prefix: '2017-10-02' }],
        detail: {
          state: [{ 'anything-but': 'initializing' }],
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'source-ip': [{ cidr: '10.0.0.0/8' }],
        },
      },
    ],
    ['a pattern given as JSON text', '{"detail":{"responseElements":[null]}}'],
    [
      '$or at two levels',
      { $or: [{ source: ['a'] }, { account: ['1'] }], detail: { $or: [{ x: [1] }, { y: [{ exists: false }] }] } },
    ],
  ])('accepts %s', (_name, pattern) => {
    // Prepare: the valid pattern comes from the table.
    // Act
    const act = () => validatePattern(pattern);
    // Assess
    expect(act).not.toThrow();
  });
});
