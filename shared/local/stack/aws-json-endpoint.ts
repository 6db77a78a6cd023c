import { createServer, type Server } from 'node:http';
import { accessKeyIdFromAuthorization } from '../emulators/common/credentials';
import { header, listenOnLoopback, readBody } from '../emulators/common/http';

/** An operation of a local AWS JSON-protocol endpoint: input in, output out, or a typed error. */
export type JsonOperation = (input: Record<string, unknown>, request: { accessKeyId: string }) => unknown;

/** A service error of a local JSON endpoint: sent as `x-amzn-errortype` and `__type`, with its HTTP status. */
export class JsonServiceError extends Error {
  /**
   * @param code - the error code, e.g. `ValidationException`
   * @param message - the message the endpoint returns
   * @param status - the HTTP status; 400 for client errors
   */
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * A minimal AWS JSON 1.0/1.1 endpoint (POST /, `X-Amz-Target: <prefix>.<Operation>`), enough for the
 * real SDK clients of EventBridge and SQS to talk to the local stack unchanged.
 */
export const startJsonEndpoint = async (
  targetPrefix: string,
  contentType: string,
  operations: Record<string, JsonOperation>,
): Promise<{ endpoint: string; server: Server }> => {
  const server = createServer((request, response) => {
    void (async () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(`${targetPrefix}.`)
        ? operations[target.slice(targetPrefix.length + 1)]
        : undefined;
      const body = await readBody(request);
      // Deliberately not the emulators' sendJson/parseJsonBody: these endpoints answer without
      // content-length and report an unparsable body as InternalFailure, as they always have.
      try {
        if (!operation) throw new JsonServiceError('UnknownOperationException', `unknown operation ${target}`);
        const output = await operation(body ? (JSON.parse(body) as Record<string, unknown>) : {}, {
          accessKeyId: accessKeyIdFromAuthorization(header(request, 'authorization')) ?? '',
        });
        response.writeHead(200, { 'content-type': contentType, 'x-amzn-requestid': crypto.randomUUID() });
        response.end(JSON.stringify(output ?? {}));
      } catch (error) {
        const known =
          error instanceof JsonServiceError ? error : new JsonServiceError('InternalFailure', String(error), 500);
        response.writeHead(known.status, {
          'content-type': contentType,
          'x-amzn-errortype': known.code,
          'x-amzn-requestid': crypto.randomUUID(),
        });
        response.end(JSON.stringify({ __type: known.code, message: known.message }));
      }
    })();
  });
  return { endpoint: await listenOnLoopback(server), server };
};
