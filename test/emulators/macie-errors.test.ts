import {
  CreateMemberCommand,
  GetMemberCommand,
  InternalServerException,
  ListFindingsCommand,
  ListMembersCommand,
  TagResourceCommand,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-macie2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, HOME, ORG_MEMBER, startMacie, type MacieHarness } from './macie-harness';

/** A request as a caller would sign it; the emulator reads only the key id and the Region of the credential. */
const raw = (
  endpoint: string,
  method: string,
  path: string,
  body?: unknown,
  options: { accessKeyId?: string; region?: string } = {},
) =>
  fetch(`${endpoint}${path}`, {
    method,
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=${options.accessKeyId ?? `SCENARIO${ADMIN}`}/20260612/${options.region ?? HOME}/macie2/aws4_request, SignedHeaders=host, Signature=0`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

const read = async (response: Response) => ({
  status: response.status,
  type: response.headers.get('x-amzn-errortype'),
  body: (await response.json()) as Record<string, unknown>,
});

describe('Macie emulator: requests the model rejects', () => {
  let h: MacieHarness;

  beforeEach(async () => {
    h = await startMacie();
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it.each([
    ['a structure given as a string', { account: 'x' }],
    ['a string given as a number', { account: { accountId: 222222222222, email: 'm@example.com' } }],
    ['a required member missing', { account: { accountId: ORG_MEMBER } }],
    ['a member the shape lacks', { account: { accountId: ORG_MEMBER, email: 'm@example.com' }, colour: 'blue' }],
    ['tags given as a list', { account: { accountId: ORG_MEMBER, email: 'm@example.com' }, tags: ['a'] }],
  ])('CreateMember with %s is a 400 ValidationException, never a 500', async (_what, body) => {
    // Act
    const answer = await read(await raw(h.endpoint, 'POST', '/members', body));

    // Assess
    expect(answer).toMatchObject({
      status: 400,
      type: 'ValidationException',
      body: { message: expect.stringContaining('validation error') },
    });
    expect(Object.keys(answer.body)).toEqual(['message']);
  });

  it.each([
    ['maxResults not a number', '/members?maxResults=ten'],
    ['maxResults above the model’s 25', '/members?maxResults=26'],
    ['onlyAssociated neither true nor false', '/members?onlyAssociated=maybe'],
    ['a forged nextToken', '/members?nextToken=forged'],
  ])('ListMembers with %s is a ValidationException', async (_what, path) => {
    expect(await read(await raw(h.endpoint, 'GET', path))).toMatchObject({ status: 400, type: 'ValidationException' });
  });

  it('a body that is not JSON, or not an object, is a ValidationException', async () => {
    expect(await read(await raw(h.endpoint, 'POST', '/members', '{"account":'))).toMatchObject({
      status: 400,
      type: 'ValidationException',
    });
    expect(await read(await raw(h.endpoint, 'POST', '/members', '[1]'))).toMatchObject({
      status: 400,
      type: 'ValidationException',
    });
  });

  it('an account id that is not 12 digits is a ValidationException (the model has no pattern, the service checks it)', async () => {
    const error = await h
      .client()
      .send(new CreateMemberCommand({ account: { accountId: '12', email: 'm@example.com' } }))
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(ValidationException);
  });

  it('more than 50 tags is a ValidationException; nothing is tagged', async () => {
    // Prepare
    const { arn } = await h
      .client()
      .send(new CreateMemberCommand({ account: { accountId: ORG_MEMBER, email: 'm@example.com' } }));
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));

    // Act
    const error = await h
      .client()
      .send(new TagResourceCommand({ resourceArn: arn, tags }))
      .catch((e: Error) => e);

    // Assess
    expect(error).toBeInstanceOf(ValidationException);
    expect((await h.client().send(new GetMemberCommand({ id: ORG_MEMBER }))).tags).toEqual({});
  });

  it('an operation of the model the emulator does not implement answers a ValidationException that says so', async () => {
    const error = await h
      .client()
      .send(new ListFindingsCommand({}))
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as Error).message).toBe('The Macie emulator does not implement ListFindings.');
  });

  it('a path no operation has is a ValidationException', async () => {
    expect(await read(await raw(h.endpoint, 'GET', '/nowhere'))).toMatchObject({
      status: 400,
      type: 'ValidationException',
    });
  });

  it('a credential outside the convention, or a Region the emulator does not serve, is UnrecognizedClientException', async () => {
    expect(await read(await raw(h.endpoint, 'GET', '/macie', undefined, { accessKeyId: 'AKIAEXAMPLE' }))).toMatchObject(
      { status: 403, type: 'UnrecognizedClientException' },
    );
    const unserved = await read(await raw(h.endpoint, 'GET', '/macie', undefined, { region: 'ap-south-2' }));
    expect(unserved).toMatchObject({
      status: 403,
      type: 'UnrecognizedClientException',
      body: { message: expect.stringContaining('ap-south-2') },
    });
  });
});

describe('Macie emulator: injected failures', () => {
  let h: MacieHarness;

  beforeEach(async () => {
    h = await startMacie();
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('throttling is retried by the client and then succeeds', async () => {
    // Prepare
    h.emulator.injectFailures([{ operation: 'ListMembers', error: 'ThrottlingException', times: 2 }]);

    // Act
    const out = await h.client(ADMIN, HOME, { maxAttempts: 3 }).send(new ListMembersCommand({}));

    // Assess
    expect(out.$metadata.attempts).toBe(3);
    expect(h.emulator.calls.filter((c) => c.operation === 'ListMembers').map((c) => c.error?.name ?? 'ok')).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      'ok',
    ]);
  });

  it('failures surface typed, with the model’s status, and only in the Region named', async () => {
    // Prepare
    h.emulator.injectFailures([
      { operation: 'GetMember', region: 'us-west-2', error: 'InternalServerException' },
      { operation: 'ListMembers', error: 'ThrottlingException', skip: 1, times: 1 },
    ]);

    // Act
    const internal = await h
      .client(ADMIN, 'us-west-2')
      .send(new GetMemberCommand({ id: ORG_MEMBER }))
      .catch((e: Error) => e);
    const elsewhere = await h
      .client()
      .send(new GetMemberCommand({ id: ORG_MEMBER }))
      .catch((e: Error) => e);
    const first = await h.client().send(new ListMembersCommand({}));
    const second = await h
      .client()
      .send(new ListMembersCommand({}))
      .catch((e: Error) => e);
    h.emulator.clearFailures();
    const cleared = await h
      .client(ADMIN, 'us-west-2')
      .send(new GetMemberCommand({ id: ORG_MEMBER }))
      .catch((e: Error) => e);

    // Assess
    expect(internal).toBeInstanceOf(InternalServerException);
    expect(internal).toMatchObject({ $metadata: { httpStatusCode: 500 } });
    expect(elsewhere).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(first.$metadata.httpStatusCode).toBe(200);
    expect(second).toBeInstanceOf(ThrottlingException);
    expect(second).toMatchObject({ $metadata: { httpStatusCode: 429 } });
    expect(cleared).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
