import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { DeadLetterSink } from '../../ports/dead-letters';

/**
 * Sends a permanently failed event to the dead-letter queue, shaped like the records Lambda's
 * on-failure destination writes (`requestPayload`, `responseContext`), so one queue holds both.
 */
export class SqsDeadLetters implements DeadLetterSink {
  constructor(
    private readonly queueUrl: string,
    private readonly client: SQSClient = new SQSClient({}),
  ) {}

  async keep(event: unknown, error: Error, functionName: string): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify({
          version: '1.0',
          requestContext: { functionName, condition: 'PermanentError' },
          requestPayload: event,
          responseContext: { error: { name: error.name, message: error.message } },
        }),
        MessageAttributes: { errorName: { DataType: 'String', StringValue: error.name } },
      }),
    );
  }
}
