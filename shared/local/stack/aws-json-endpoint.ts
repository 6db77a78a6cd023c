import { createServer, type IncomingMessage, type Server } from 'node:http';

/** An operation of a local AWS JSON-protocol endpoint: input in, output out, or a typed error. */
export type JsonOperation = (input: Record<string, unknown>, request: { accessKeyId: string }) => unknown;

export class JsonServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const accessKeyOf = (authorization: string | undefined): string => /Credential=([^/]+)\//.exec(authorization ?? '')?.[1] ?? '';

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
      const operation = target.startsWith(`${targetPrefix}.`) ? operations[target.slice(targetPrefix.length + 1)] : undefined;
      const body = await readBody(request);
      try {
        if (!operation) throw new JsonServiceError('UnknownOperationException', `unknown operation ${target}`);
        const output = await operation(body ? (JSON.parse(body) as Record<string, unknown>) : {}, { accessKeyId: accessKeyOf(request.headers.authorization) });
        response.writeHead(200, { 'content-type': contentType, 'x-amzn-requestid': crypto.randomUUID() });
        response.end(JSON.stringify(output ?? {}));
      } catch (error) {
        const known = error instanceof JsonServiceError ? error : new JsonServiceError('InternalFailure', String(error), 500);
        response.writeHead(known.status, { 'content-type': contentType, 'x-amzn-errortype': known.code, 'x-amzn-requestid': crypto.randomUUID() });
        response.end(JSON.stringify({ __type: known.code, message: known.message }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { endpoint: `http://127.0.0.1:${port}`, server };
};
