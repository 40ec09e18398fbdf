/**
 * A tiny HTTP server answering fixed JSON (or raw) per "METHOD path", recording each request's headers: enough to
 * stand in for the model-list endpoints of vLLM, LM Studio and friends, whose exact shapes the tests spell out.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status?: number;
  json?: unknown;
  /** Raw body (with `type`), instead of `json`. */
  body?: string;
  type?: string;
}

export interface JsonServer {
  readonly url: string;
  readonly requests: Array<{ method: string; path: string; headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

export async function startJsonServer(routes: Record<string, Reply>): Promise<JsonServer> {
  const requests: JsonServer['requests'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
      const reply = routes[`${req.method} ${path}`];
      if (!reply) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      const text = reply.body ?? JSON.stringify(reply.json ?? {});
      res.writeHead(reply.status ?? 200, { 'content-type': reply.type ?? 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
