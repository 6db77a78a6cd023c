import { afterEach, describe, expect, it } from 'vitest';
import {
  GetMembershipCommand,
  InternalServerException,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
} from '../../shared/adapters/security-ir';
import { startCaptureServer, type CaptureServer, type Reply } from './support/capture-server';
import { testClient } from './support/client';
import { MEMBERSHIP_ID } from './support/inputs';

const OK: Reply = { status: 200, body: { membershipId: MEMBERSHIP_ID, membershipStatus: 'Active' } };
const throttled = (retryAfter?: string): Reply => ({
  status: 429,
  headers: { 'x-amzn-errortype': 'ThrottlingException', ...(retryAfter ? { 'retry-after': retryAfter } : {}) },
  body: { message: 'Rate exceeded', serviceCode: 'security-ir', quotaCode: 'L-1' },
});
const get = new GetMembershipCommand({ membershipId: MEMBERSHIP_ID });

describe('Security IR retries (standard retry strategy)', () => {
  let server: CaptureServer | undefined;
  const serve = async (replies: Reply[]) => {
    server = await startCaptureServer((_req, i) => replies[Math.min(i, replies.length - 1)]!);
    return server;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('retries a throttled call until it succeeds', async () => {
    // Prepare
    const s = await serve([throttled(), throttled(), OK]);
    const client = testClient(s.endpoint);

    // Act
    const out = await client.send(get);

    // Assess
    expect(out.membershipStatus).toBe('Active');
    expect(out.$metadata.attempts).toBe(3);
    expect(s.requests.map((r) => r.headers['amz-sdk-request'])).toEqual([
      'attempt=1; max=3',
      'attempt=2; max=3',
      'attempt=3; max=3',
    ]);
  });

  it('waits as long as Retry-After (retryAfterSeconds) says before retrying', async () => {
    // Prepare
    const s = await serve([throttled('2'), OK]);
    const client = testClient(s.endpoint);

    // Act
    const out = await client.send(get);

    // Assess: the first throttling backoff alone is at most 1 s, so a 2 s wait can only come from the header.
    expect(out.$metadata.attempts).toBe(2);
    expect(s.requests[1]!.at - s.requests[0]!.at).toBeGreaterThanOrEqual(1900);
    expect(out.$metadata.totalRetryDelay).toBeGreaterThanOrEqual(1900);
  });

  it('gives up after maxAttempts with a typed ThrottlingException carrying retryAfterSeconds', async () => {
    // Prepare
    const s = await serve([throttled('1')]);
    const client = testClient(s.endpoint, { maxAttempts: 2 });

    // Act
    const error = await client.send(get).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error).toMatchObject({
      retryAfterSeconds: 1,
      serviceCode: 'security-ir',
      quotaCode: 'L-1',
      $metadata: { httpStatusCode: 429, attempts: 2 },
    });
    expect(s.requests).toHaveLength(2);
  });

  it('retries a 5xx InternalServerException', async () => {
    // Prepare
    const s = await serve([
      { status: 500, headers: { 'x-amzn-errortype': 'InternalServerException' }, body: { message: 'oops' } },
      OK,
    ]);
    const client = testClient(s.endpoint);

    // Act
    const out = await client.send(get);

    // Assess
    expect(out.$metadata.attempts).toBe(2);
    expect(s.requests).toHaveLength(2);
  });

  it('retries an unmodeled 503', async () => {
    // Prepare
    const s = await serve([{ status: 503, body: 'Service Unavailable' }, OK]);
    const client = testClient(s.endpoint);

    // Act
    const out = await client.send(get);

    // Assess
    expect(out.$metadata.attempts).toBe(2);
  });

  it('surfaces a 5xx typed once the attempts are spent', async () => {
    // Prepare
    const s = await serve([
      { status: 500, headers: { 'x-amzn-errortype': 'InternalServerException' }, body: { message: 'oops' } },
    ]);
    const client = testClient(s.endpoint, { maxAttempts: 2 });

    // Act
    const error = await client.send(get).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(InternalServerException);
    expect(s.requests).toHaveLength(2);
  });

  it('does not retry a ValidationException (400)', async () => {
    // Prepare
    const s = await serve([
      {
        status: 400,
        headers: { 'x-amzn-errortype': 'ValidationException' },
        body: {
          message: 'bad',
          reason: 'FIELD_VALIDATION_FAILED',
          fieldList: [{ name: 'membershipId', message: 'unknown' }],
        },
      },
    ]);
    const client = testClient(s.endpoint);

    // Act
    const error = await client.send(get).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ValidationException);
    expect(error).toMatchObject({
      reason: 'FIELD_VALIDATION_FAILED',
      fieldList: [{ name: 'membershipId', message: 'unknown' }],
      $metadata: { httpStatusCode: 400, attempts: 1 },
    });
    expect(s.requests).toHaveLength(1);
  });

  it('does not retry a ResourceNotFoundException (404)', async () => {
    // Prepare
    const s = await serve([
      {
        status: 404,
        headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
        body: { message: 'no such membership' },
      },
    ]);
    const client = testClient(s.endpoint);

    // Act
    const error = await client.send(get).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ message: 'no such membership', $metadata: { httpStatusCode: 404, attempts: 1 } });
    expect(s.requests).toHaveLength(1);
  });

  it('does not retry at all with maxAttempts 1', async () => {
    // Prepare
    const s = await serve([throttled('1'), OK]);
    const client = testClient(s.endpoint, { maxAttempts: 1 });

    // Act
    const error = await client.send(get).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(s.requests).toHaveLength(1);
  });
});
