/**
 * Replays recorded HTTP exchanges (../shared/recordings/hf-chat-completions.json) from a real local HTTP server:
 * the recorded status, content type and body, the body cut into small pieces sent one by one, so a client meets
 * every awkward chunk boundary (inside `data:`, inside a JSON string, inside a multi-byte character). Every request
 * gets the exchange set with `play`, whatever its path, and the request is kept for the test to look at.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface RecordedExchange {
  url: string;
  init: { method?: string; headers?: Record<string, string>; body?: string };
  response: { status: number; statusText?: string; headers: Record<string, string>; body: string };
}

/** `../shared` beside the repository, else /work/shared; null when neither has the recordings. */
export function recordingsFile(): string | null {
  const repoRoot = path.resolve(__dirname, '..', '..');
  for (const shared of [path.resolve(repoRoot, '..', 'shared'), '/work/shared']) {
    const file = path.join(shared, 'recordings', 'hf-chat-completions.json');
    if (existsSync(file)) return file;
  }
  return null;
}

export function loadRecordings(file: string): Array<{ name: string; exchange: RecordedExchange }> {
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, RecordedExchange>;
  return Object.entries(all).map(([hash, exchange]) => ({ name: `${new URL(exchange.url).host} ${hash.slice(0, 8)}`, exchange }));
}

export interface ReplayServer {
  readonly url: string;
  /** What the next requests get. `maxPiece`: largest piece in bytes (pieces are 1..maxPiece, seeded). */
  play(exchange: RecordedExchange, maxPiece?: number): void;
  readonly requests: Array<{ method: string; path: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
}

export async function startReplayServer(): Promise<ReplayServer> {
  let current: RecordedExchange | null = null;
  let maxPiece = 16;
  const requests: ReplayServer['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (!current) return void res.writeHead(500).end('nothing to replay');
      const { status, headers, body } = current.response;
      res.socket?.setNoDelay(true);
      res.writeHead(status, { 'content-type': headers['content-type'] ?? 'application/octet-stream' });
      void writeInPieces(res, Buffer.from(body, 'utf8'), maxPiece);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    play(exchange, piece = 16) {
      current = exchange;
      maxPiece = piece;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function writeInPieces(res: import('node:http').ServerResponse, body: Buffer, maxPiece: number): Promise<void> {
  let seed = body.length % 9973;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < body.length && !res.destroyed; ) {
    const size = 1 + (next() % maxPiece);
    res.write(body.subarray(i, i + size));
    i += size;
    await new Promise((r) => setImmediate(r));
  }
  res.end();
}
