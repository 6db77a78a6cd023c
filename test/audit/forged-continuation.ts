import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { createHandler } from '../../functions/audit/function';
import { loadConfig } from '../../shared/config/config';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { auditContinuationDetailType, auditContinuationSource } from '../../shared/schemas/audit-event';

/**
 * A continuation of the audit as anyone with `events:PutEvents` on orgwarden's bus can put it (a
 * principal of the account, a compromised role): any detail, the shape of today's (`{ runId, step }`)
 * or of earlier versions (`{ runId, import, startedAt, sources }`). Put through the local EventBridge
 * endpoint (the functions' one: a chaos run's faults apply to it), delivered by the template's rule;
 * waits for every reaction. The scenario's credentials: the local endpoint checks no IAM, the bus
 * policy of serverless.yml is what refuses this in AWS.
 */
export const forgeContinuation = async (
  stack: LocalStack,
  detail: Readonly<Record<string, unknown>>,
): Promise<void> => {
  const endpoint = stack.functionRuntime.endpoints?.eventbridge;
  if (!endpoint) throw new Error('the local stack has no EventBridge endpoint');
  const client = new EventBridgeClient({
    region: 'us-east-1',
    endpoint,
    credentials: credentialsFor(stack.orgwardenAccountId, 'scenario'),
    maxAttempts: 1,
  });
  await client.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: stack.environmentOf('audit').EVENT_BUS_NAME,
          Source: auditContinuationSource,
          DetailType: auditContinuationDetailType,
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
  await stack.bus.settle();
};

/** The same forgery as an event, to invoke a handler with directly (`stack.runtime.invoke('audit', …)`). */
export const forgedContinuationEvent = (
  stack: LocalStack,
  detail: Readonly<Record<string, unknown>>,
  options: { readonly id?: string; readonly time?: string } = {},
): BusEvent => ({
  version: '0',
  id: options.id ?? `forged-${crypto.randomUUID()}`,
  'detail-type': auditContinuationDetailType,
  source: auditContinuationSource,
  account: stack.orgwardenAccountId,
  time:
    options.time ??
    stack.clock
      .now()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z'),
  region: 'us-east-1',
  resources: [],
  detail,
});

/**
 * Makes every audit invocation of the stack short of time after its first source, as the invocations
 * of an organization too big for one are: each does one source and hands the run on (a continuation
 * on the bus). The real handler, built as the local runtime builds it; only its context's remaining
 * time differs (just under the audit's 60 s reserve). Lambda's retries and the rules stay the bus's.
 */
export const shortAuditInvocations = (stack: LocalStack): void => {
  const handler = createHandler(loadConfig(stack.environmentOf('audit')), stack.functionRuntime);
  const invoke = stack.runtime.invoke.bind(stack.runtime);
  let requests = 0;
  stack.runtime.invoke = (name: string, event: unknown): Promise<unknown> => {
    if (name !== 'audit') return invoke(name, event);
    const requestId = `short-${++requests}`;
    return handler(event as never, {
      functionName: 'orgwarden-local-audit',
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:us-east-1:${stack.orgwardenAccountId}:function:orgwarden-local-audit`,
      memoryLimitInMB: '512',
      awsRequestId: requestId,
      logGroupName: '/aws/lambda/orgwarden-local-audit',
      logStreamName: requestId,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => 59_000,
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    });
  };
};
