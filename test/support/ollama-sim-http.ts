/**
 * HTTP plumbing of the Ollama simulator: replies shaped like Ollama's (gin) and `Exchange`, which writes one NDJSON
 * stream and records whether the client hung up first. Recording the hang-up is the point: it is how tests prove
 * that a cancel in the extension stopped the server's work.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { SimStreamRecord } from './ollama-sim-types';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, { error });
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Gin's answer to an unknown route (and to a known route with the wrong method). */
export function sendNotFoundRoute(res: ServerResponse): void {
  sendText(res, 404, '404 page not found');
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** One recorded exchange on a streaming endpoint. */
export class Exchange {
  readonly record: SimStreamRecord;
  private clientGone = false;
  /** We are dropping the connection ourselves: its close is not a client hang-up. */
  private dropping = false;
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly res: ServerResponse,
    init: { requestId: number; path: string; model: string; streaming: boolean; plannedChunks: number },
  ) {
    let resolveEnded!: () => void;
    const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
    this.record = {
      ...init,
      startedAt: performance.now(),
      headersAt: null,
      chunksWritten: 0,
      final: null,
      completed: false,
      clientClosed: false,
      closedAt: null,
      ended,
    };
    // 'close' fires both after our own end() and when the peer goes away; only the second is a client hang-up.
    res.on('close', () => {
      if (!res.writableEnded && !this.dropping) this.record.clientClosed = true;
      this.clientGone = true;
      this.record.closedAt ??= performance.now();
      for (const wake of this.wakers) wake();
      this.wakers.clear();
      resolveEnded();
    });
  }

  /** True once the connection is over (client hang-up or our own end). */
  get gone(): boolean {
    return this.clientGone || this.res.writableEnded;
  }

  /** Writes one NDJSON line; headers go out with the first one, as Ollama flushes them. */
  writeLine(obj: Record<string, unknown>): boolean {
    if (this.gone) return false;
    if (!this.res.headersSent) {
      this.res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
      this.record.headersAt = performance.now();
    }
    this.res.write(`${JSON.stringify(obj)}\n`);
    return true;
  }

  /** Counts a content/progress line (not the final or error line). */
  writeChunk(obj: Record<string, unknown>): boolean {
    const ok = this.writeLine(obj);
    if (ok) this.record.chunksWritten++;
    return ok;
  }

  /** Ends the response normally. */
  end(final?: Record<string, unknown>): void {
    if (final && this.writeLine(final)) this.record.final = final;
    if (this.gone) return;
    this.record.completed = true;
    this.record.closedAt = performance.now();
    this.res.end();
  }

  /** Error reply before any line (HTTP status): the exchange is over and completed from the server's side. */
  fail(status: number, error: string, text?: string): void {
    this.record.completed = true;
    this.record.closedAt = performance.now();
    if (text !== undefined) sendText(this.res, status, text);
    else sendError(this.res, status, error);
  }

  /**
   * Drops the TCP connection without a proper end of the chunked body, once what was written has reached the
   * client (as when Ollama crashes after streaming for a while; destroying at once would discard the buffer).
   */
  async destroy(): Promise<void> {
    if (this.res.headersSent && !this.gone) await new Promise<void>((resolve) => this.res.write('', () => resolve()));
    if (!(await this.sleep(20))) return;
    this.dropping = true;
    this.record.closedAt = performance.now();
    this.res.socket?.destroy();
  }

  /** Waits `ms`, waking early when the client goes away. Resolves false when it did. */
  sleep(ms: number): Promise<boolean> {
    if (this.gone) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.wakers.delete(wake);
        resolve(!this.gone);
      }, ms);
      this.wakers.add(wake);
    });
  }

  /** Keeps the connection open, silent, until the client leaves (or the simulator closes). */
  async hold(): Promise<void> {
    await this.record.ended;
  }
}
