import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { listenOnLoopback } from '../emulators/common/http';

/** One request that went through the proxy. */
export interface CountedRequest {
  /** The operation named by `X-Amz-Target` (`GetItem`, `TransactWriteItems`, …). */
  readonly operation: string;
}

/** A request as a fault hook sees it (its body read whole). */
export interface ProxiedRequest {
  /** `X-Amz-Target`'s operation, or `<METHOD> <path>` for REST protocols. */
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /**
   * The SDK's attempt of this request and its maximum (`amz-sdk-request: attempt=2; max=3`); 1 of 1 without the header.
   */
  readonly attempt: number;
  readonly maxAttempts: number;
}

/**
 * What the proxy does with a request instead of passing it through:
 * - `fail`: answer this AWS error; with `after`, the request is forwarded first, so the service did
 *   the work and only its answer is lost (a crash or a timeout after the write went through);
 * - `rewrite`: change the request before it is forwarded, the answer before it is returned (e.g. a
 *   PutEvents entry left out and answered as failed);
 * - `answered`: told the service's status whenever the request reached it.
 */
export interface ProxyFault {
  readonly fail?: {
    readonly status: number;
    readonly code: string;
    readonly message: string;
    readonly fields?: Readonly<Record<string, unknown>>;
  };
  readonly after?: boolean;
  readonly rewrite?: { readonly request?: (body: string) => string; readonly response?: (body: string) => string };
  readonly answered?: (status: number) => void;
}

/** Decides, request by request, whether a fault answers (the chaos harness); undefined: passed through. */
export type ProxyFaults = (request: ProxiedRequest) => ProxyFault | undefined;

const operationOf = (incoming: IncomingMessage): string => {
  const targetHeader = String(incoming.headers['x-amz-target'] ?? '');
  return targetHeader.slice(targetHeader.lastIndexOf('.') + 1) || `${incoming.method ?? ''} ${incoming.url ?? ''}`;
};

const attemptOf = (headers: IncomingHttpHeaders): { attempt: number; maxAttempts: number } => {
  const match = /attempt=(\d+);\s*max=(\d+)/.exec(String(headers['amz-sdk-request'] ?? ''));
  return match ? { attempt: Number(match[1]), maxAttempts: Number(match[2]) } : { attempt: 1, maxAttempts: 1 };
};

const readBody = (stream: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

/** An AWS error answer both JSON protocols read: the code in `x-amzn-errortype` and in the body's `__type`. */
const answerError = (outgoing: ServerResponse, fail: NonNullable<ProxyFault['fail']>): void => {
  const body = JSON.stringify({ __type: fail.code, message: fail.message, Message: fail.message, ...fail.fields });
  outgoing.writeHead(fail.status, {
    'content-type': 'application/json',
    'x-amzn-errortype': fail.code,
    'content-length': Buffer.byteLength(body),
  });
  outgoing.end(body);
};

/**
 * A loopback HTTP proxy in front of a local endpoint (DynamoDB Local, an emulator) that counts the
 * requests the functions send through it, by operation: how many round trips an event really costs.
 * With `faults`, each request is read whole and the hook may fail it, before or after forwarding it,
 * or rewrite it: faults injected from outside the functions, so that no test hook lives in their code.
 */
export const startCountingProxy = async (
  target: string,
  faults?: ProxyFaults,
): Promise<{ endpoint: string; requests: CountedRequest[]; close(): Promise<void> }> => {
  const requests: CountedRequest[] = [];
  const upstream = new URL(target);
  const forward = (
    incoming: IncomingMessage,
    body: Buffer | undefined,
    answer: (status: number, headers: IncomingHttpHeaders, response: IncomingMessage) => void,
    failed: (error: Error) => void,
  ): void => {
    const headers = {
      ...incoming.headers,
      host: upstream.host,
      ...(body ? { 'content-length': String(body.length) } : {}),
    };
    const call = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers },
      (response) => answer(response.statusCode ?? 502, response.headers, response),
    );
    call.on('error', failed);
    if (body) call.end(body);
    else incoming.pipe(call);
  };
  const badGateway = (outgoing: ServerResponse) => (error: Error) => {
    outgoing.writeHead(502, { 'content-type': 'text/plain' });
    outgoing.end(String(error));
  };
  const server: Server = createServer((incoming, outgoing) => {
    const operation = operationOf(incoming);
    requests.push({ operation });
    if (!faults) {
      forward(
        incoming,
        undefined,
        (status, headers, response) => {
          outgoing.writeHead(status, headers);
          response.pipe(outgoing);
        },
        badGateway(outgoing),
      );
      return;
    }
    void (async () => {
      const raw = await readBody(incoming);
      const fault = faults({
        operation,
        method: incoming.method ?? 'GET',
        path: incoming.url ?? '/',
        headers: incoming.headers,
        body: raw.toString('utf8'),
        ...attemptOf(incoming.headers),
      });
      if (fault?.fail && !fault.after) return answerError(outgoing, fault.fail);
      const rewrite = fault?.rewrite;
      const body = rewrite?.request ? Buffer.from(rewrite.request(raw.toString('utf8'))) : raw;
      forward(
        incoming,
        body,
        (status, headers, response) => {
          void readBody(response).then((answer) => {
            fault?.answered?.(status);
            if (fault?.fail) return answerError(outgoing, fault.fail);
            if (!rewrite?.response) {
              outgoing.writeHead(status, headers);
              return outgoing.end(answer);
            }
            const text = Buffer.from(rewrite.response(answer.toString('utf8')));
            // The answer's length changed and a checksum of the original would no longer hold.
            const { 'transfer-encoding': _chunked, 'x-amz-crc32': _crc, ...kept } = headers;
            outgoing.writeHead(status, { ...kept, 'content-length': String(text.length) });
            outgoing.end(text);
          });
        },
        badGateway(outgoing),
      );
    })().catch(badGateway(outgoing));
  });
  const endpoint = await listenOnLoopback(server);
  return {
    endpoint,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
