import fc from 'fast-check';
import { handshakeIdPattern } from '../../../shared/domain/subjects/handshake';
import { transferIdPattern } from '../../../shared/domain/subjects/transfer';
import { macieMemberCallNames } from '../../../shared/schemas/macie-event';
import { organizationsEventNames } from '../../../shared/schemas/organizations-event';
import { membershipCallNames } from '../../../shared/schemas/security-ir-event';
import { canary, injection, nested, noiseValue, notAString, regions, unknownKey } from './hostile-values';
import { editAt, objectPaths, remove, stringPaths, valueAt, type JsonPath } from './json-edit';
import type { JsonObject, Sample } from './samples';

/** One change to an event; `apply` answers undefined when it has nothing to change in this event. */
export interface Mutation {
  readonly label: string;
  readonly apply: (event: JsonObject) => JsonObject | undefined;
  readonly [fc.toStringMethod]: () => string;
}

const shown = (value: unknown): string => {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…(${value.length})` : value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

const mutation = (label: string, apply: (event: JsonObject) => unknown): Mutation => ({
  label,
  apply: (event) => apply(event) as JsonObject | undefined,
  [fc.toStringMethod]: () => label,
});

const set = (path: JsonPath, value: unknown): Mutation =>
  mutation(`${path.join('.')} := ${value === remove ? '(removed)' : shown(value)}`, (event) =>
    editAt(event, path, () => value),
  );

/** A new key in the `pick`-th object of the event (the envelope, the detail, a record inside it). */
const addAt = (pick: number, key: string, value: unknown, what: string): Mutation =>
  mutation(`${what} under a key ${shown(key)}`, (event) => {
    const paths = objectPaths(event);
    return editAt(event, [...paths[pick % paths.length]!, key], () => value);
  });

// ---------------------------------------------------------------------------------------------
// Fatal: each makes the event one the function must refuse, before anything is read or written.
// ---------------------------------------------------------------------------------------------

/** Another account, or another Region than the function's own and those it takes forwarded events from. */
export const originMutations = (
  own: { account: string; region: string },
  forwardedRegions: readonly string[],
): Array<fc.Arbitrary<Mutation>> => [
  fc
    .oneof(fc.stringMatching(/^\d{12}$/), injection, fc.constant(''), fc.constant(` ${own.account}`))
    .filter((account) => account !== own.account)
    .map((account) => set(['account'], account)),
  fc
    .oneof(
      fc.constantFrom(...regions),
      injection,
      fc.constantFrom(own.region.toUpperCase(), `${own.region}\n`, `${own.region} `, 'global', 'aws-global', ''),
    )
    .filter((region) => region !== own.region && !forwardedRegions.includes(region))
    .map((region) => set(['region'], region)),
  fc
    .tuple(fc.constantFrom('account', 'region'), fc.oneof(notAString, fc.constant(remove)))
    .map(([field, value]) => set([field], value)),
];

/** Envelope fields of the wrong type, missing, or holding what no AWS envelope holds. */
export const envelopeMutations: Array<fc.Arbitrary<Mutation>> = [
  fc
    .tuple(fc.constantFrom('version', 'id', 'detail-type', 'source', 'time'), fc.oneof(notAString, fc.constant(remove)))
    .map(([field, value]) => set([field], value)),
  fc
    .oneof(injection, fc.integer(), fc.constant(null), fc.constant({}), fc.constant(remove))
    .map((value) => set(['resources'], value)),
  fc
    .oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.constant(remove))
    .map((value) => set(['detail'], value)),
  fc
    .tuple(fc.constantFrom('id', 'replay-name', 'time', 'detail-type', 'source', 'version'), injection)
    .map(([field, value]) => set([field], value)),
  fc
    .tuple(fc.constantFrom('id', 'replay-name'), fc.integer({ min: 129, max: 400 }))
    .map(([field, length]) => set([field], 'a'.repeat(length))),
  fc
    .array(fc.string({ minLength: 2049, maxLength: 2100 }), { minLength: 1, maxLength: 2 })
    .map((items) => set(['resources'], items)),
];

/** Breaking the limits checked before parsing: size, depth, string and key lengths, number of values. */
export const limitMutations: Array<fc.Arbitrary<Mutation>> = [
  fc
    .tuple(fc.nat(), unknownKey, fc.integer({ min: 65_537, max: 70_000 }))
    .map(([pick, key, length]) =>
      addAt(pick, key, `${'x'.repeat(length)}${canary}`, `a string of ${length} characters`),
    ),
  fc
    .tuple(
      fc.nat(),
      unknownKey,
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 33, max: 300 }) },
        { weight: 1, arbitrary: fc.integer({ min: 5_000, max: 10_000 }) },
      ),
    )
    .map(([pick, key, depth]) => addAt(pick, key, nested(depth), `nesting ${depth} levels deep`)),
  fc
    .tuple(fc.nat(), fc.integer({ min: 257, max: 2_000 }))
    .map(([pick, length]) =>
      addAt(pick, `${'k'.repeat(length)}${canary}`, 1, `a key of ${length + canary.length} characters`),
    ),
  fc
    .tuple(fc.nat(), unknownKey)
    .map(([pick, key]) => addAt(pick, key, new Array<number>(20_001).fill(0), '20,001 values')),
  fc.tuple(fc.nat(), fc.integer({ min: 5, max: 8 })).map(([pick, count]) =>
    mutation(`${count} strings of 60,000 characters (over 256 KiB)`, (event) => {
      let edited: unknown = event;
      for (let i = 0; i < count; i++) {
        const paths = objectPaths(edited);
        edited = editAt(edited, [...paths[(pick + i) % paths.length]!, `big-${i}-${canary}`], () => 'y'.repeat(60_000));
      }
      return edited;
    }),
  ),
];

const supportedNames = new Set<string>([...organizationsEventNames, ...membershipCallNames, ...macieMemberCallNames]);
const unsupportedNames = [
  'TagResource',
  'DeleteOrganization',
  'ListAccounts',
  'GetMember',
  'CreateCase',
  'DescribeHandshake',
  'AttachPolicy',
  'LeaveOrganization',
  'AssumeRole',
].filter((name) => !supportedNames.has(name));

/** CloudTrail fields with a bound, and a length that breaks it (an empty errorCode included). */
const boundedFields: ReadonlyArray<readonly [string, number]> = [
  ['eventVersion', 17],
  ['eventType', 65],
  ['eventID', 129],
  ['awsRegion', 33],
  ['errorCode', 257],
  ['errorMessage', 8_193],
  ['errorCode', 0],
];

const accountIdLike = /^\d{12}$/;
const anyOf = (...patterns: RegExp[]): RegExp => new RegExp(patterns.map((pattern) => pattern.source).join('|'));

/**
 * The ids a record's reaction depends on, for the records where replacing them leaves nothing to
 * react to (a call whose handshake, account, membership or member is named nowhere else). Where a
 * record without ids is looked up by listing (invitations, transfers), replacing them is not fatal:
 * {@link tolerantMutations} covers those.
 */
const decisiveIdPaths = (event: JsonObject): JsonPath[] => {
  const detail = event.detail as JsonObject;
  const parts = ['requestParameters', 'responseElements', 'serviceEventDetails'];
  const inRecord = (pattern: RegExp): JsonPath[] =>
    parts.flatMap((part) => stringPaths(detail[part], pattern).map((path) => ['detail', part, ...path]));
  switch (detail.eventName) {
    case 'AcceptHandshake':
    case 'DeclineHandshake':
    case 'CancelHandshake':
      return inRecord(anyOf(handshakeIdPattern, transferIdPattern));
    case 'MoveAccount':
      return [['detail', 'requestParameters', 'accountId']];
    case 'AccountJoinedOrganization':
    case 'AccountDepartedOrganization':
    case 'CreateAccountResult':
      return stringPaths(detail.serviceEventDetails, accountIdLike).map((path) => [
        'detail',
        'serviceEventDetails',
        ...path,
      ]);
    case 'CancelMembership':
    case 'UpdateMembership':
      return [['detail', 'requestParameters', 'membershipId']];
    case 'CreateMember':
      return [['detail', 'requestParameters', 'account', 'accountId']];
    case 'DeleteMember':
    case 'DisassociateMember':
    case 'UpdateMemberSession':
      return [['detail', 'requestParameters', 'id']];
    case 'DisassociateFromAdministratorAccount':
    case 'DisassociateFromMasterAccount':
      return [['detail', 'recipientAccountId']];
    default:
      return [];
  }
};

const replaceAll = (paths: readonly JsonPath[], value: string): Mutation =>
  mutation(`${paths.map((path) => path.join('.')).join(', ')} := ${shown(value)}`, (event) =>
    paths.reduce<unknown>(
      (edited, path) => (edited === undefined ? undefined : editAt(edited, path, () => value)),
      event,
    ),
  );

/** Fatal changes of a sample's body, by what kind of event it is. */
export const bodyMutations = (sample: Sample): Array<fc.Arbitrary<Mutation>> => {
  switch (sample.kind) {
    case 'cloudtrail': {
      const ids = decisiveIdPaths(sample.event);
      return [
        fc
          .tuple(fc.constantFrom('eventName', 'eventTime', 'eventSource', 'recipientAccountId'), injection)
          .map(([field, value]) => set(['detail', field], value)),
        fc.constantFrom(...unsupportedNames).map((name) => set(['detail', 'eventName'], name)),
        fc
          .tuple(fc.constantFrom('eventName', 'eventSource'), fc.oneof(notAString, fc.constant(remove)))
          .map(([field, value]) => set(['detail', field], value)),
        fc
          .tuple(
            fc.constantFrom(
              'requestParameters',
              'responseElements',
              'serviceEventDetails',
              'additionalEventData',
              'userIdentity',
            ),
            fc.oneof(injection, fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 })),
          )
          .map(([field, value]) => set(['detail', field], value)),
        fc.constantFrom(...boundedFields).map(([field, length]) => set(['detail', field], 'z'.repeat(length))),
        ...(ids.length > 0 ? [injection.map((value) => replaceAll(ids, value))] : []),
      ];
    }
    case 'security-ir-native':
      return [
        fc
          .oneof(injection, notAString, fc.constant(remove), fc.constant(''), fc.constant('m-'.padEnd(65, 'a')))
          .map((value) => set(['detail', 'membershipId'], value)),
      ];
    case 'scheduled':
      return [
        fc
          .integer({ min: 8_193, max: 9_000 })
          .map((length) => set(['detail'], `{${'"k":1,'.repeat(length / 6)}}`.padEnd(length, ' '))),
      ];
    case 'audit-continuation':
      return [
        fc.oneof(injection, notAString, fc.constant(remove)).map((value) => set(['detail', 'runId'], value)),
        // zod counts a string's length in code points: the padding is ASCII so that 65 is over 64 whatever came before.
        fc.integer({ min: 65, max: 200 }).map((length) => set(['detail', 'runId'], canary.padEnd(length, '!'))),
        fc
          .oneof(injection, fc.constant(remove), fc.constant(null), fc.constantFrom(0, -1, 51, 1.5, '1'))
          .map((value) => set(['detail', 'step'], value)),
        // What earlier continuations carried is the run record's to say, never an event's: refused whatever its value.
        fc
          .tuple(
            fc.constantFrom('import', 'startedAt', 'sources'),
            fc.oneof(fc.boolean(), injection, fc.constant([]), fc.constant(null)),
          )
          .map(([field, value]) => set(['detail', field], value)),
      ];
  }
};

// ---------------------------------------------------------------------------------------------
// Noise: changes a real event may carry, which must not change what the function does with it.
// ---------------------------------------------------------------------------------------------

const freeTextPaths: JsonPath[] = [
  ['detail', 'userAgent'],
  ['detail', 'sourceIPAddress'],
  ['detail', 'requestID'],
  ['detail', 'eventCategory'],
  ['detail', 'userIdentity', 'arn'],
  ['detail', 'userIdentity', 'principalId'],
  ['detail', 'userIdentity', 'invokedBy'],
];

export const noiseMutations: Array<fc.Arbitrary<Mutation>> = [
  fc
    .tuple(fc.nat(), unknownKey, noiseValue)
    .map(([pick, key, value]) => addAt(pick, key, value, `an unknown field ${shown(value)}`)),
  fc
    .tuple(fc.constantFrom(...freeTextPaths), injection)
    .map(([path, value]) =>
      mutation(`${path.join('.')} := ${shown(value)}`, (event) =>
        typeof valueAt(event, path) === 'string' ? editAt(event, path, () => value) : event,
      ),
    ),
  fc
    .tuple(fc.nat(), unknownKey, fc.integer({ min: 1_000, max: 30_000 }))
    .map(([pick, key, length]) =>
      addAt(pick, key, `${'b'.repeat(length)}${canary}`, `a string of ${length} characters (allowed)`),
    ),
  fc.array(injection, { minLength: 1, maxLength: 5 }).map((items) => set(['resources'], items)),
];

// ---------------------------------------------------------------------------------------------
// Tolerant: hostile or odd, but an event the function may process (its ids are looked up by listing,
// its call failed, its Region is not watched, its subject does not exist).
// ---------------------------------------------------------------------------------------------

const idLike = anyOf(handshakeIdPattern, transferIdPattern, accountIdLike, /^m-[a-z0-9]{10,32}$/);

export const tolerantMutations: Array<fc.Arbitrary<Mutation>> = [
  fc.tuple(fc.nat(), injection).map(([pick, value]) =>
    mutation(`one id in the detail := ${shown(value)}`, (event) => {
      const paths = stringPaths(event.detail, idLike);
      return paths.length === 0 ? event : editAt(event, ['detail', ...paths[pick % paths.length]!], () => value);
    }),
  ),
  injection.map((value) =>
    mutation(`every id in the detail := ${shown(value)}`, (event) =>
      stringPaths(event.detail, idLike).reduce<unknown>(
        (edited, path) => editAt(edited, ['detail', ...path], () => value),
        event,
      ),
    ),
  ),
  fc
    .stringMatching(/^h-[0-9a-z]{8,12}$/)
    .map((id) =>
      mutation(
        `handshake ids := ${id} (exists nowhere)`,
        (event) => JSON.parse(JSON.stringify(event).replace(/h-[0-9a-z]{8,32}/g, id)) as JsonObject,
      ),
    ),
  fc
    .stringMatching(/^m-[0-9a-z]{10,12}$/)
    .map((id) =>
      mutation(
        `membership ids := ${id} (exists nowhere)`,
        (event) => JSON.parse(JSON.stringify(event).replace(/m-[0-9a-z]{10,32}/g, id)) as JsonObject,
      ),
    ),
  fc
    .constantFrom('AccessDenied', 'ThrottlingException', `Denied${canary}`)
    .map((code) => set(['detail', 'errorCode'], code)),
  fc.constantFrom(...regions).map((region) => set(['detail', 'awsRegion'], region)),
];
