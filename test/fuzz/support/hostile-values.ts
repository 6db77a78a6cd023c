import fc from 'fast-check';

/**
 * Every injected string carries this token, so that a test can look for it where it must never
 * arrive (a stored subject's key, an AWS call's input, a published event).
 */
export const canary = 'zq7canary';

/**
 * What attackers put in ids: path traversal, quotes and SQL, DynamoDB key separators and subject
 * prefixes, line breaks, NUL, bidirectional overrides and other unicode, template and format
 * strings. Each holds a character no AWS id has (outside `[A-Za-z0-9._:-]`), so that no id pattern
 * can take it.
 */
export const injectionPayloads = [
  '../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '" OR "1"="1',
  "' OR '1'='1' --",
  '"; DROP TABLE state; --',
  '#',
  'handshake:h-examplehandshakeid1#history#0001',
  'subject#ledger#',
  'a|b',
  '\n',
  '\r\nX-Injected: 1',
  '\u0000',
  '\u2028\u2029',
  '\u202eevil',
  '\ud83d\ude00',
  '\ud800',
  'e\u0301',
  'İstanbul',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '%s%n%x',
  '<script>alert(1)</script>',
  ' ',
  '\t',
  '*',
  '?',
  '$',
  '\\',
  '/',
] as const;

/** An injected string: a payload, the canary, and some random text around them. */
export const injection: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ maxLength: 6 }),
    fc.constantFrom(...injectionPayloads),
    fc.string({ unit: 'binary', maxLength: 6 }),
  )
  .map(([before, payload, after]) => `${before}${payload}${canary}${after}`);

/** JSON values of the wrong type for a string field (JSON has no undefined, NaN or Infinity). */
export const notAString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 3 }),
);

/** Keys that mean something to JavaScript or are hostile themselves. */
const trickyKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
  '\u0000',
  'then',
];

/** Keys the schemas or the use cases read: a noise key must never be one (it would change the event's meaning). */
const meaningful = new Set([
  'version',
  'id',
  'detail-type',
  'source',
  'account',
  'time',
  'region',
  'resources',
  'detail',
  'replay-name',
  'eventversion',
  'eventsource',
  'eventname',
  'eventtime',
  'eventtype',
  'eventid',
  'awsregion',
  'recipientaccountid',
  'useridentity',
  'requestparameters',
  'responseelements',
  'serviceeventdetails',
  'additionaleventdata',
  'errorcode',
  'errormessage',
  'accountid',
  'membershipid',
  'handshakeid',
  'handshake',
  'transferid',
  'createaccountstatus',
  'state',
  'target',
  'runid',
  'import',
  'startedat',
  'sources',
  'kind',
  'account',
  'action',
]);

/** A key for an unknown field: tricky, injected or random (never one the code reads). */
export const unknownKey: fc.Arbitrary<string> = fc
  .oneof(fc.constantFrom(...trickyKeys), injection, fc.string({ unit: 'binary', maxLength: 12 }))
  .filter((key) => !meaningful.has(key.toLowerCase()) && key.length <= 256);

/**
 * A value for an unknown field: small JSON whose strings are all injections (so that no noise
 * looks like an id the code would take) and whose keys are unknown ones.
 */
export const noiseValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    injection,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.array(fc.tuple(unknownKey, tie('value')), { maxLength: 3 }).map((entries) => withOwnKeys(entries)),
})).value;

/** An object with these keys as own data properties, as JSON.parse makes them (`__proto__` included). */
export const withOwnKeys = (entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> => {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  return object;
};

/** `{"k":{"k":…leaf…}}`, `depth` levels, built iteratively (JSON.stringify overflows near 10,000). */
export const nested = (depth: number, leaf: unknown = canary, key = 'nested'): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = depth % 2 === 0 && i % 2 === 0 ? [value] : { [key]: value };
  return value;
};

/** Real Regions (an event from one of them, unless it is the function's own, is foreign). */
export const regions = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
  'sa-east-1',
  'us-gov-west-1',
  'cn-north-1',
];
