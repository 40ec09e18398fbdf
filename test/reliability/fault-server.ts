/**
 * A bare HTTP(S) server for the faults the protocol simulators do not script: a wrong content type, a malformed
 * stream line, a `retry-after` header, a self-signed certificate. Each request is handed to `handler` as it is;
 * the server records when each connection closed, so a test can tell a client that hung up from one that did not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface FaultServer {
  url: string;
  /** performance.now() of each request's arrival and of its connection closing (null while open). */
  exchanges: { path: string; headers: IncomingMessage['headers']; at: number; closedAt: number | null; finished: boolean }[];
  close(): Promise<void>;
}

export type FaultHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export async function startFaultServer(handler: FaultHandler, options: { tls?: boolean } = {}): Promise<FaultServer> {
  const exchanges: FaultServer['exchanges'] = [];
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const record = { path: req.url ?? '/', headers: req.headers, at: performance.now(), closedAt: null as number | null, finished: false };
    exchanges.push(record);
    res.on('finish', () => (record.finished = true));
    res.on('close', () => (record.closedAt = performance.now()));
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, res, body));
  };
  const server: Server = options.tls ? createHttps(selfSignedCertificate(), onRequest) : createHttp(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    exchanges,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A throw-away self-signed certificate for 127.0.0.1, made with openssl for this run only (never committed). */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'llmc-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A port nothing listens on (bound once, then released). */
export async function closedPort(): Promise<number> {
  const s = createHttp();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** One OpenAI-style SSE chunk carrying `text`. */
export function sseDelta(text: string): string {
  return `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;
}

/** One Ollama /api/chat NDJSON line carrying `text`. */
export function ollamaLine(text: string): string {
  return JSON.stringify({ model: 'm', created_at: '2025-01-01T00:00:00Z', message: { role: 'assistant', content: text }, done: false }) + '\n';
}
