import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../common/credentials';
import {
  callerOf,
  emulatorFault,
  header,
  parseJsonBody,
  readBody,
  requestMeta,
  sendJson,
  startLocalServer,
  type LocalServer,
  type RequestMeta,
} from '../common/http';
import { OrganizationsServiceError } from './errors';

/** Options of {@link startJsonServer}. */
export interface JsonServerOptions {
  /** The `X-Amz-Target` prefix, e.g. `AWSOrganizationsV20161128`. */
  targetPrefix: string;
  /** Maps an access key id to a caller; undefined answers UnrecognizedClientException. */
  authenticate: (accessKeyId: string) => Caller | undefined;
  /** Draws the request id of each request (the emulator's seeded ids); default a random UUID. */
  requestId?: () => string;
  /** Answers one operation; throws OrganizationsServiceError for service errors. */
  handle: (operation: string, input: unknown, caller: Caller, meta: RequestMeta) => Promise<unknown>;
}

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/**
 * Serves an AWS JSON 1.1 API on 127.0.0.1 (a free port): `POST /` with `X-Amz-Target:
 * <prefix>.<Operation>`, the caller read from the SigV4 `Authorization` credential (signatures are
 * not verified), errors as HTTP 4xx/5xx with `{"__type", "Message"}` and `x-amzn-ErrorType`, which is
 * how the SDK picks the typed exception.
 */
export async function startJsonServer(options: JsonServerOptions): Promise<LocalServer> {
  return startLocalServer((request, response) => serve(options, request, response));
}

async function serve(options: JsonServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requestId = options.requestId?.() ?? randomUUID();
  try {
    const body = await readBody(request);
    if (request.method !== 'POST')
      throw new OrganizationsServiceError('UnknownOperationException', 'Only POST / is supported.', undefined, 404);
    const target = header(request, 'x-amz-target');
    const prefix = `${options.targetPrefix}.`;
    if (!target?.startsWith(prefix))
      throw new OrganizationsServiceError('UnknownOperationException', `Unknown target ${target ?? '(none)'}.`);
    const caller = callerOf(request, options.authenticate);
    if (!caller) {
      throw new OrganizationsServiceError(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    }
    const input = parseJsonBody(
      body,
      () => new OrganizationsServiceError('SerializationException', 'The request body is not valid JSON.'),
    );
    const output = await options.handle(target.slice(prefix.length), input, caller, requestMeta(request, requestId));
    send(response, 200, requestId, output ?? {});
  } catch (error) {
    if (error instanceof OrganizationsServiceError) {
      send(response, error.status, requestId, error.toBody(), error.code);
    } else {
      const fault = emulatorFault(error, 'ServiceException');
      send(response, 500, requestId, { __type: fault.code, Message: fault.message }, fault.code);
    }
  }
}

function send(response: ServerResponse, status: number, requestId: string, body: unknown, errorType?: string): void {
  sendJson(response, status, CONTENT_TYPE, requestId, body, errorType ? { 'x-amzn-errortype': errorType } : {});
}
