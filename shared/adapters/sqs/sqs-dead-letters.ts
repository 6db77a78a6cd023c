import type { SQSClient } from '@aws-sdk/client-sqs';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { errorCodeOf } from '../../domain/errors';
import type { DeadLetterSink } from '../../ports/dead-letters';
import { boundedCopy } from '../../schemas/bounded-copy';
import { classifyAwsError } from '../aws-errors';

/** SQS takes up to 1 MiB per message; a dead letter stays well under it. */
const maxBodyBytes = 240_000;

/**
 * Sends a permanently failed event to the dead-letter queue, shaped like the records Lambda's
 * on-failure destination writes (`requestPayload`, `responseContext`), so one queue holds both.
 * An event too large or too deep to send whole is kept as a bounded copy marked `truncated`.
 */
export class SqsDeadLetters implements DeadLetterSink {
  constructor(
    private readonly queueUrl: string,
    private readonly client: SQSClient,
  ) {}

  async keep(event: unknown, error: Error, functionName: string): Promise<void> {
    const code = errorCodeOf(error);
    const record = (payload: unknown, truncated: boolean): string =>
      JSON.stringify({
        version: '1.0',
        requestContext: { functionName, condition: 'PermanentError', ...(truncated ? { truncated: true } : {}) },
        requestPayload: payload,
        responseContext: {
          error: { name: error.name, message: error.message.slice(0, 4_096), ...(code ? { code } : {}) },
        },
      });
    const kept = boundedCopy(event);
    let body = record(kept.copy, kept.truncated);
    if (Buffer.byteLength(body) > maxBodyBytes)
      body = record(boundedCopy(event, { maxDepth: 8, maxString: 512, maxNodes: 500 }).copy, true);
    try {
      // The code as an attribute too: a consumer can route or count dead letters without parsing the body.
      const attributes = {
        errorName: { DataType: 'String', StringValue: error.name },
        ...(code ? { errorCode: { DataType: 'String', StringValue: code } } : {}),
      };
      await this.client.send(
        new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: body, MessageAttributes: attributes }),
      );
    } catch (sendError) {
      throw classifyAwsError(sendError, 'SendMessage to the dead-letter queue');
    }
  }
}
