// HTTP plumbing every local AWS endpoint shares: listening on a free loopback port, reading the body
// and headers, writing a JSON answer with the request id, and reading the caller from the SigV4
// credential. The protocols themselves (JSON 1.1 targets, REST-JSON routes and bindings, error
// bodies) stay with each emulator.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accessKeyIdFromAuthorization, type Caller } from './credentials';
import { EmulatorResponseInvalidError } from './errors';

/** What the HTTP layer passes on besides the operation, its input and its caller. */
export interface RequestMeta {
  userAgent?: string;
  sourceIp?: string;
  requestId: string;
}

/** A running local endpoint. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>`: what an SDK client's `endpoint` is set to. */
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Makes `server` listen on a free port of 127.0.0.1 (never on a public interface).
 *
 * @param server - a server not yet listening
 * @returns the endpoint URL
 */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/**
 * Serves `handle` on a free port of 127.0.0.1. `close` drops open connections first: SDK clients
 * keep theirs alive, and stopping an emulator must not wait for them.
 *
 * @param handle - answers one request; it must answer errors itself (a rejection is ignored)
 */
export async function startLocalServer(
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
): Promise<LocalServer> {
  const server = createServer((request, response) => {
    void handle(request, response);
  });
  const endpoint = await listenOnLoopback(server);
  return {
    endpoint,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The first value of a request header; undefined when absent. */
export function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The whole request body as UTF-8 text. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Parses a JSON request body; a blank body is `{}`.
 *
 * @param body - the body text
 * @param invalid - makes the service's error for a body that is not JSON
 */
export function parseJsonBody(body: string, invalid: () => Error): unknown {
  if (!body.trim()) return {};
  try {
    return JSON.parse(body);
  } catch {
    throw invalid();
  }
}

/**
 * Reads the caller of a request from the access key id of its SigV4 `Authorization` header
 * (signatures are not verified: the local stack has no IAM).
 *
 * @param authenticate - maps an access key id to a caller; undefined when it stands for none
 * @returns undefined when the request names no caller the emulator knows
 */
export function callerOf(
  request: IncomingMessage,
  authenticate: (accessKeyId: string) => Caller | undefined,
): Caller | undefined {
  const accessKeyId = accessKeyIdFromAuthorization(header(request, 'authorization'));
  return accessKeyId ? authenticate(accessKeyId) : undefined;
}

/** The user agent, source IP and request id of a request, for records and CloudTrail events. */
export function requestMeta(request: IncomingMessage, requestId: string): RequestMeta {
  return { userAgent: header(request, 'user-agent'), sourceIp: request.socket.remoteAddress, requestId };
}

/**
 * Writes a JSON answer with its length and request id.
 *
 * @param headers - further headers (error type, header members of the output), written last
 */
export function sendJson(
  response: ServerResponse,
  status: number,
  contentType: string,
  requestId: string,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': requestId,
    ...headers,
  });
  response.end(payload);
}

/**
 * What an endpoint answers, with status 500, for an error that is not a service error: an invalid
 * response is an emulator bug and says so (`EmulatorResponseInvalid`); anything else is reported as
 * the service's internal error.
 *
 * @param internalCode - the service's internal error code, e.g. `ServiceException`
 */
export function emulatorFault(error: unknown, internalCode: string): { code: string; message: string } {
  if (error instanceof EmulatorResponseInvalidError) return { code: 'EmulatorResponseInvalid', message: error.message };
  return { code: internalCode, message: `Emulator failure: ${(error as Error).message}` };
}
