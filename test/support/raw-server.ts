/** An HTTP server whose every answer a test writes by hand (status, headers, pieces, pauses): odd servers on demand. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawServer {
  readonly url: string;
  readonly requests: Array<{ method: string; path: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
}

export async function startRawServer(handle: (res: ServerResponse, req: IncomingMessage) => Promise<void> | void): Promise<RawServer> {
  const requests: RawServer['requests'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
      res.socket?.setNoDelay(true);
      void Promise.resolve(handle(res, req)).catch(() => res.destroy());
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

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One OpenAI stream chunk. */
export function chunk(content: string | null, extra: Record<string, unknown> = {}, delta: Record<string, unknown> = {}): string {
  const d = content === null ? delta : { content, ...delta };
  const { finish_reason = null, ...rest } = extra;
  return `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta: d, finish_reason }], ...rest })}\n\n`;
}
