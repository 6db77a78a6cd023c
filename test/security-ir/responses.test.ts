import { afterEach, describe, expect, it } from 'vitest';
import * as securityIr from '../../shared/adapters/security-ir';
import { startCaptureServer, type CaptureServer, type Reply } from './support/capture-server';
import { testClient } from './support/client';
import { commandFor, validInputs, type OperationName } from './support/inputs';
import { operation, sampleOf, shape } from './support/model';

type ErrorClass = new (...args: never[]) => securityIr.SecurityIRServiceException;
const errorClass = (name: string): ErrorClass => (securityIr as unknown as Record<string, ErrorClass>)[name]!;

describe('Security IR responses are parsed per the model', () => {
  let server: CaptureServer | undefined;
  const serve = async (reply: Reply) => {
    server = await startCaptureServer(() => reply);
    return testClient(server.endpoint, { maxAttempts: 1 });
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each(Object.keys(validInputs) as OperationName[])('%s: every output member, timestamps as Dates', async (name) => {
    // Prepare
    const op = operation(name);
    const sample = sampleOf(op.output!.shape);
    const client = await serve({ status: op.http.responseCode ?? 200, body: sample.wire });

    // Act
    const { $metadata, ...output } = await client.send(commandFor(name, validInputs[name]));

    // Assess
    expect(output).toEqual(sample.parsed);
    expect($metadata).toMatchObject({ httpStatusCode: op.http.responseCode ?? 200, requestId: 'req-1', attempts: 1 });
  });

  it('parses GetMembership timestamps with fractions of a second', async () => {
    // Prepare
    const client = await serve({
      status: 200,
      body: {
        membershipId: 'm-0123456789abcdef',
        membershipActivationTimestamp: 1767225600.5,
        membershipStatus: 'Cancelled',
      },
    });

    // Act
    const out = await client.send(new securityIr.GetMembershipCommand({ membershipId: 'm-0123456789abcdef' }));

    // Assess
    expect(out.membershipActivationTimestamp).toEqual(new Date('2026-01-01T00:00:00.500Z'));
    expect(out.membershipStatus).toBe(securityIr.MembershipStatus.CANCELLED);
  });

  const errorNames = operation('GetMembership').errors!.map((e) => e.shape);

  it.each(errorNames)('%s: typed exception with its members and $metadata', async (errorName) => {
    // Prepare
    const errorShape = shape(errorName);
    const sample = sampleOf(errorName);
    const client = await serve({
      status: errorShape.error!.httpStatusCode,
      headers: {
        'x-amzn-errortype': `${errorName}:http://internal.amazon.com/coral/com.amazonaws.securityir/`,
        'retry-after': '17',
      },
      body: sample.wire,
    });

    // Act
    const error = await client
      .send(new securityIr.GetMembershipCommand({ membershipId: 'm-0123456789abcdef' }))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(errorClass(errorName));
    expect(error).toBeInstanceOf(securityIr.SecurityIRServiceException);
    const typed = error as securityIr.SecurityIRServiceException & Record<string, unknown>;
    expect(typed.name).toBe(errorName);
    expect(typed.$fault).toBe(errorShape.fault ? 'server' : 'client');
    expect(typed.$metadata).toMatchObject({ httpStatusCode: errorShape.error!.httpStatusCode, requestId: 'req-1' });
    const { message, ...members } = sample.parsed as Record<string, unknown>;
    expect(typed.message).toBe(message);
    expect(typed).toMatchObject(members);
    const headerMembers = Object.entries(errorShape.members ?? {}).filter(([, m]) => m.location === 'header');
    for (const [member] of headerMembers) expect(typed[member]).toBe(17);
  });

  it.each(
    Object.keys(securityIr).filter((name) => name.endsWith('Exception') && name !== 'SecurityIRServiceException'),
  )(
    '%s built directly: named, its fault and retryability as the model says, its members set, no other error',
    (errorName) => {
      // Prepare
      const errorShape = shape(errorName);
      const members = Object.keys(errorShape.members ?? {}).filter((m) => m !== 'message');
      const ErrorClass = errorClass(errorName) as unknown as new (
        opts: Record<string, unknown>,
      ) => securityIr.SecurityIRServiceException;
      // Act
      const error = new ErrorClass({
        message: 'built',
        $metadata: {},
        ...Object.fromEntries(members.map((m) => [m, `value of ${m}`])),
      });
      // Assess
      expect([error.name, error.constructor.name, error.message, error.$fault]).toEqual([
        errorName,
        errorName,
        'built',
        errorShape.fault ? 'server' : 'client',
      ]);
      expect(error.$retryable).toEqual(
        errorShape.retryable ? (errorShape.retryable.throttling ? { throttling: true } : {}) : undefined,
      );
      expect(Object.fromEntries(members.map((m) => [m, (error as unknown as Record<string, unknown>)[m]]))).toEqual(
        Object.fromEntries(members.map((m) => [m, `value of ${m}`])),
      );
      expect(error).toBeInstanceOf(securityIr.SecurityIRServiceException);
      const others = Object.keys(securityIr).filter(
        (name) => name.endsWith('Exception') && name !== errorName && name !== 'SecurityIRServiceException',
      );
      expect(others.filter((name) => error instanceof errorClass(name))).toEqual([]);
    },
  );

  it.each([
    ['__type with a namespace', { __type: 'com.amazonaws.securityir#ConflictException' }, {}],
    ['code in the body', { code: 'ConflictException' }, {}],
    ['the x-amzn-errortype header alone', {}, { 'x-amzn-errortype': 'ConflictException' }],
  ])('finds the error type from %s', async (_how, extraBody, headers) => {
    // Prepare
    const client = await serve({
      status: 409,
      headers,
      body: { message: 'busy', resourceId: 'm-0123456789abcdef', resourceType: 'membership', ...extraBody },
    });

    // Act
    const error = await client
      .send(new securityIr.CancelMembershipCommand({ membershipId: 'm-0123456789abcdef' }))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(securityIr.ConflictException);
    expect(error).toMatchObject({ resourceId: 'm-0123456789abcdef', resourceType: 'membership', message: 'busy' });
  });

  it('turns an unmodeled error into a SecurityIRServiceException named after it', async () => {
    // Prepare
    const client = await serve({
      status: 418,
      headers: { 'x-amzn-errortype': 'TeapotException' },
      body: { message: 'short and stout' },
    });

    // Act
    const error = await client
      .send(new securityIr.GetMembershipCommand({ membershipId: 'm-0123456789abcdef' }))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(securityIr.SecurityIRServiceException);
    expect(error).toMatchObject({
      name: 'TeapotException',
      message: 'short and stout',
      $metadata: { httpStatusCode: 418 },
    });
  });
});
