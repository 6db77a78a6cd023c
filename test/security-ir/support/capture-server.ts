import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it arrived on the socket. */
export interface CapturedRequest {
  method: string;
  /** Raw path, still percent-encoded, without the query string. */
  path: string;
  query: [string, string][];
  headers: IncomingHttpHeaders;
  body: string;
  /** When the request was complete (ms since epoch). */
  at: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Responder = (request: CapturedRequest, index: number) => Reply;

export interface CaptureServer {
  endpoint: string;
  requests: CapturedRequest[];
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 that records every request and answers with the responder's reply. */
export const startCaptureServer = async (
  responder: Responder = () => ({ status: 200, body: {} }),
): Promise<CaptureServer> => {
  const requests: CapturedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const captured: CapturedRequest = {
        method: req.method ?? '',
        path: (req.url ?? '/').split('?')[0]!,
        query: [...url.searchParams.entries()],
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(captured);
      const reply = responder(captured, requests.length - 1);
      const body =
        reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        'x-amzn-requestid': `req-${requests.length}`,
        ...reply.headers,
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
};
