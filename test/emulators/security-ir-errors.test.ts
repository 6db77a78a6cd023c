import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AccessDeniedException,
  GetMembershipCommand,
  InternalServerException,
  ListMembershipsCommand,
  ThrottlingException,
  UpdateMembershipCommand,
} from '../../shared/adapters/security-ir';
import { MANAGEMENT, startSecurityIr, type SecurityIrHarness } from './security-ir-harness';

/** A request as a caller would sign it; the emulator reads only the key id of the credential. */
const raw = (endpoint: string, method: string, path: string, body?: unknown, accessKeyId = `SCENARIO${MANAGEMENT}`) =>
  fetch(`${endpoint}${path}`, {
    method,
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260310/us-east-1/security-ir/aws4_request, SignedHeaders=host, Signature=0`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

const read = async (response: Response) => ({
  status: response.status,
  type: response.headers.get('x-amzn-errortype'),
  body: (await response.json()) as Record<string, unknown>,
});

describe('Security IR emulator: injected failures', () => {
  let h: SecurityIrHarness;

  beforeEach(async () => {
    h = await startSecurityIr();
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('throttling with retryAfterSeconds is retried by the client, waiting as told, and then succeeds', async () => {
    // Prepare
    const membershipId = await h.createMembership();
    h.emulator.injectFailures([
      { operation: 'GetMembership', error: 'ThrottlingException', times: 2, retryAfterSeconds: 1 },
    ]);
    const client = h.client(MANAGEMENT, { maxAttempts: 3 });

    // Act
    const out = await client.send(new GetMembershipCommand({ membershipId }));

    // Assess
    expect(out.membershipStatus).toBe('Active');
    expect(out.$metadata.attempts).toBe(3);
    expect(out.$metadata.totalRetryDelay).toBeGreaterThanOrEqual(1900);
    expect(h.emulator.calls.filter((c) => c.operation === 'GetMembership').map((c) => c.error?.name ?? 'ok')).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      'ok',
    ]);
  });

  it('gives up after maxAttempts with a typed ThrottlingException carrying retryAfterSeconds', async () => {
    // Prepare
    h.emulator.injectFailures([{ error: 'ThrottlingException', retryAfterSeconds: 1 }]);

    // Act
    const error = await h
      .client(MANAGEMENT, { maxAttempts: 2 })
      .send(new ListMembershipsCommand({}))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error).toMatchObject({
      retryAfterSeconds: 1,
      serviceCode: 'security-ir',
      $metadata: { httpStatusCode: 429, attempts: 2 },
    });
  });

  it('a permanent error surfaces typed at once, without retries', async () => {
    // Prepare
    const membershipId = await h.createMembership();
    h.emulator.injectFailures([{ operation: 'UpdateMembership', error: 'AccessDeniedException', times: 1 }]);

    // Act
    const error = await h
      .client(MANAGEMENT, { maxAttempts: 3 })
      .send(new UpdateMembershipCommand({ membershipId, membershipName: 'x-name' }))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 403, attempts: 1 } });
  });

  it('a rate of 5xx is drawn from a seeded generator: the same calls fail on every run', async () => {
    // Prepare
    const outcomes = async (): Promise<string[]> => {
      const run = await startSecurityIr(undefined, {
        failures: [{ error: 'InternalServerException', rate: 0.5 }],
        failureSeed: 42,
      });
      const client = run.client();
      const seen: string[] = [];
      for (let i = 0; i < 12; i++)
        seen.push(
          await client.send(new ListMembershipsCommand({})).then(
            () => 'ok',
            (e: unknown) => (e instanceof InternalServerException ? '5xx' : 'other'),
          ),
        );
      await run.stop();
      return seen;
    };

    // Act
    const first = await outcomes();
    const second = await outcomes();

    // Assess
    expect(first).toEqual(second);
    expect(first).toContain('ok');
    expect(first).toContain('5xx');
    expect(first).not.toContain('other');
  });
});

describe('Security IR emulator: requests that break the model, sent raw', () => {
  let h: SecurityIrHarness;

  beforeEach(async () => {
    h = await startSecurityIr();
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('refuses six OUs in one update and a malformed membership id, naming both fields', async () => {
    // Prepare
    const ous = Array.from({ length: 6 }, (_, i) => `ou-abcd-0000000${i}`);

    // Act
    const response = await read(
      await raw(h.endpoint, 'PUT', '/v1/membership/M-NOT-A-VALID-ID/update-membership', {
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: ous },
      }),
    );

    // Assess
    expect(response.status).toBe(400);
    expect(response.type).toBe('ValidationException');
    expect(response.body.reason).toBe('FIELD_VALIDATION_FAILED');
    expect((response.body.fieldList as { name: string }[]).map((f) => f.name).sort()).toEqual([
      'membershipAccountsConfigurationsUpdate.organizationalUnitsToAdd',
      'membershipId',
    ]);
  });

  it('refuses a missing required member and a value outside its enum', async () => {
    // Act
    const response = await read(
      await raw(h.endpoint, 'POST', '/v1/create-case', {
        resolverType: 'Somebody',
        description: 'd',
        engagementType: 'Investigation',
        reportedIncidentStartDate: 1773140400,
        impactedAccounts: [],
        watchers: [],
      }),
    );

    // Assess
    expect(response).toMatchObject({
      status: 400,
      type: 'ValidationException',
      body: { reason: 'FIELD_VALIDATION_FAILED' },
    });
    expect((response.body.fieldList as { name: string }[]).map((f) => f.name).sort()).toEqual([
      'resolverType',
      'title',
    ]);
  });

  it('refuses values of the wrong type, unknown members and unreadable JSON as CANNOT_PARSE', async () => {
    // Act
    const wrongType = await read(await raw(h.endpoint, 'POST', '/v1/memberships', { maxResults: 'ten' }));
    const unknown = await read(await raw(h.endpoint, 'POST', '/v1/memberships', { pageSize: 10 }));
    const notJson = await read(await raw(h.endpoint, 'POST', '/v1/memberships', '{"maxResults":'));

    // Assess
    expect(wrongType.body).toMatchObject({ reason: 'CANNOT_PARSE', fieldList: [{ name: 'maxResults' }] });
    expect(unknown.body).toMatchObject({ reason: 'CANNOT_PARSE', fieldList: [{ name: 'pageSize' }] });
    expect(notJson).toMatchObject({ status: 400, type: 'ValidationException', body: { reason: 'CANNOT_PARSE' } });
  });

  it('answers UNKNOWN_OPERATION for a route the model does not have, and refuses unknown credentials', async () => {
    // Act
    const noRoute = await read(await raw(h.endpoint, 'DELETE', '/v1/membership'));
    const stranger = await read(await raw(h.endpoint, 'POST', '/v1/memberships', {}, 'AKIDEXAMPLE'));

    // Assess
    expect(noRoute).toMatchObject({ status: 400, type: 'ValidationException', body: { reason: 'UNKNOWN_OPERATION' } });
    expect(stranger).toMatchObject({ status: 403, type: 'UnrecognizedClientException' });
  });

  it('records every call with its caller and outcome', async () => {
    // Prepare
    await raw(h.endpoint, 'POST', '/v1/memberships', { maxResults: 0 });

    // Act
    await h.client().send(new ListMembershipsCommand({}));

    // Assess
    expect(
      h.emulator.calls.map(({ service, operation, caller, principal, error }) => ({
        service,
        operation,
        caller,
        principal,
        error: error?.name,
      })),
    ).toEqual([
      {
        service: 'security-ir',
        operation: 'ListMemberships',
        caller: MANAGEMENT,
        principal: `SCENARIO${MANAGEMENT}`,
        error: 'ValidationException',
      },
      {
        service: 'security-ir',
        operation: 'ListMemberships',
        caller: MANAGEMENT,
        principal: `SCENARIO${MANAGEMENT}`,
        error: undefined,
      },
    ]);
  });
});
