import { createServer, request as httpRequest, type Server } from 'node:http';
import { listenOnLoopback } from '../emulators/common/http';

/** One request that went through the proxy. */
export interface CountedRequest {
  /** The operation named by `X-Amz-Target` (`GetItem`, `TransactWriteItems`, …). */
  readonly operation: string;
}

/**
 * A loopback HTTP proxy in front of a local endpoint (DynamoDB Local) that counts the requests the
 * functions send through it, by operation: how many round trips an event really costs.
 */
export const startCountingProxy = async (target: string): Promise<{ endpoint: string; requests: CountedRequest[]; close(): Promise<void> }> => {
  const requests: CountedRequest[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((incoming, outgoing) => {
    const targetHeader = String(incoming.headers['x-amz-target'] ?? '');
    requests.push({ operation: targetHeader.slice(targetHeader.lastIndexOf('.') + 1) || `${incoming.method ?? ''} ${incoming.url ?? ''}` });
    const forward = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: upstream.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', (error) => {
      outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(String(error));
    });
    incoming.pipe(forward);
  });
  const endpoint = await listenOnLoopback(server);
  return { endpoint, requests, close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
