/**
 * A tiny HTTP server answering fixed JSON (or raw) per "METHOD path", recording each request's headers: enough to
 * stand in for the model-list endpoints of vLLM, LM Studio and friends, whose exact shapes the tests spell out.
 */
import { startRawServer, type RawServer } from './raw-server';

export interface Reply {
  status?: number;
  json?: unknown;
  /** Raw body (with `type`), instead of `json`. */
  body?: string;
  type?: string;
}

export type JsonServer = RawServer;

export function startJsonServer(routes: Record<string, Reply>): Promise<JsonServer> {
  return startRawServer((res, req) => {
    const reply = routes[`${req.method} ${(req.url ?? '/').split('?')[0]}`];
    if (!reply) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const text = reply.body ?? JSON.stringify(reply.json ?? {});
    res.writeHead(reply.status ?? 200, { 'content-type': reply.type ?? 'application/json' }).end(text);
  });
}
