import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { SqsDeadLetters } from '../../shared/adapters/sqs/sqs-dead-letters';
import { MalformedEventError } from '../../shared/domain/errors';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import { startJsonEndpoint } from '../../shared/local/stack/aws-json-endpoint';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { readEvent } from '../support/stack';

/** Stable error codes (shared/domain/errors.ts) where a failure is looked at: the dead letter and the log line. */
describe('a malformed event dead-lettered by the real handler', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    // Errors logged (and only those): the test reads the handler's error line.
    stack = await LocalStack.start({
      start: new Date('2026-11-02T09:00:00Z'),
      managementAccountId: '111111111111',
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'ERROR',
    });
  });
  afterAll(() => stack.stop());
  afterEach(() => vi.restoreAllMocks());

  it('carries ORGWARDEN_MALFORMED_EVENT in its dead letter and in its error log line', async () => {
    // Prepare
    const event = { ...(await readEvent('organizations/cancel-handshake.json')), detail: undefined };
    // The function's log lines, kept instead of written (Powertools writes them to the process's streams).
    const written: string[] = [];
    for (const stream of [process.stdout, process.stderr])
      vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => written.push(String(chunk)) > 0);

    // Act
    const result = await stack.runtime.invoke('handshake-changed', event);
    vi.restoreAllMocks();

    // Assess
    expect(result).toMatchObject({ outcome: 'dead-lettered', error: { name: 'MalformedEventError' } });
    expect(stack.deadLetters.map((letter) => letter.error)).toEqual([
      { name: 'MalformedEventError', message: expect.any(String) as string, code: 'ORGWARDEN_MALFORMED_EVENT' },
    ]);
    const lines = written
      .flatMap((text) => text.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const failure = lines.find((line) => line.message === 'permanent failure: event kept in the dead-letter queue');
    expect(failure).toMatchObject({
      level: 'ERROR',
      function: 'handshake-changed',
      code: 'ORGWARDEN_MALFORMED_EVENT',
      error: { name: 'MalformedEventError' },
    });
  });
});

describe('the SQS dead-letter message', () => {
  let sqs: { endpoint: string; server: Server };
  const sent: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    sqs = await startJsonEndpoint('AmazonSQS', 'application/x-amz-json-1.0', {
      SendMessage: (input) => {
        sent.push(input);
        return {
          MessageId: '00000000-0000-4000-8000-000000000001',
          MD5OfMessageBody: createHash('md5').update(String(input.MessageBody)).digest('hex'),
        };
      },
    });
  });
  afterAll(() => new Promise<void>((done) => sqs.server.close(() => done())));

  it('carries the code in the record (beside the name and message) and as a message attribute', async () => {
    // Prepare
    const client = new SQSClient({
      region: 'us-east-1',
      endpoint: sqs.endpoint,
      credentials: credentialsFor('999999999999', 'orgwarden'),
    });
    const deadLetters = new SqsDeadLetters(`${sqs.endpoint}/999999999999/orgwarden-dlq`, client);

    // Act
    await deadLetters.keep({ id: 'e-1' }, new MalformedEventError('detail: required'), 'handshake-changed');

    // Assess
    const [message] = sent;
    expect(JSON.parse(String(message!.MessageBody))).toMatchObject({
      requestContext: { functionName: 'handshake-changed', condition: 'PermanentError' },
      requestPayload: { id: 'e-1' },
      responseContext: {
        error: { name: 'MalformedEventError', message: 'detail: required', code: 'ORGWARDEN_MALFORMED_EVENT' },
      },
    });
    expect(message!.MessageAttributes).toEqual({
      errorName: { DataType: 'String', StringValue: 'MalformedEventError' },
      errorCode: { DataType: 'String', StringValue: 'ORGWARDEN_MALFORMED_EVENT' },
    });
  });
});
