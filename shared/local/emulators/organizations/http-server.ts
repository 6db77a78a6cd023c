import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accessKeyIdFromAuthorization, type Caller } from '../common/credentials';
import { EmulatorResponseInvalidError } from '../common/errors';
import { OrganizationsServiceError } from './errors';

/** What the HTTP layer passes on besides the operation, its input and its caller. */
export interface RequestMeta {
  userAgent?: string;
  sourceIp?: string;
  requestId: string;
}

/** Options of {@link startJsonServer}. */
export interface JsonServerOptions {
  /** The `X-Amz-Target` prefix, e.g. `AWSOrganizationsV20161128`. */
  targetPrefix: string;
  /** Maps an access key id to a caller; undefined answers UnrecognizedClientException. */
  authenticate: (accessKeyId: string) => Caller | undefined;
  /** Answers one operation; throws OrganizationsServiceError for service errors. */
  handle: (operation: string, input: unknown, caller: Caller, meta: RequestMeta) => Promise<unknown>;
}

/** A running JSON 1.1 endpoint. */
export interface JsonServer {
  endpoint: string;
  close(): Promise<void>;
}

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/**
 * Serves an AWS JSON 1.1 API on 127.0.0.1 (a free port): `POST /` with `X-Amz-Target:
 * <prefix>.<Operation>`, the caller read from the SigV4 `Authorization` credential (signatures are
 * not verified), errors as HTTP 4xx/5xx with `{"__type", "Message"}` and `x-amzn-ErrorType`, which is
 * how the SDK picks the typed exception.
 */
export async function startJsonServer(options: JsonServerOptions): Promise<JsonServer> {
  const server = createServer((request, response) => {
    void serve(options, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function serve(options: JsonServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  try {
    const body = await readBody(request);
    if (request.method !== 'POST') throw new OrganizationsServiceError('UnknownOperationException', 'Only POST / is supported.', undefined, 404);
    const target = header(request, 'x-amz-target');
    const prefix = `${options.targetPrefix}.`;
    if (!target?.startsWith(prefix)) throw new OrganizationsServiceError('UnknownOperationException', `Unknown target ${target ?? '(none)'}.`);
    const accessKeyId = accessKeyIdFromAuthorization(header(request, 'authorization'));
    const caller = accessKeyId ? options.authenticate(accessKeyId) : undefined;
    if (!caller) {
      throw new OrganizationsServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    }
    let input: unknown = {};
    if (body.trim()) {
      try {
        input = JSON.parse(body);
      } catch {
        throw new OrganizationsServiceError('SerializationException', 'The request body is not valid JSON.');
      }
    }
    const output = await options.handle(target.slice(prefix.length), input, caller, {
      userAgent: header(request, 'user-agent'),
      sourceIp: request.socket.remoteAddress,
      requestId,
    });
    send(response, 200, requestId, output ?? {});
  } catch (error) {
    if (error instanceof OrganizationsServiceError) {
      send(response, error.status, requestId, error.toBody(), error.code);
    } else if (error instanceof EmulatorResponseInvalidError) {
      send(response, 500, requestId, { __type: 'EmulatorResponseInvalid', Message: error.message }, 'EmulatorResponseInvalid');
    } else {
      send(response, 500, requestId, { __type: 'ServiceException', Message: `Emulator failure: ${(error as Error).message}` }, 'ServiceException');
    }
  }
}

function send(response: ServerResponse, status: number, requestId: string, body: unknown, errorType?: string): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': requestId,
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(payload);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
