/** What a route handler gets: the request, the response, and the server's shared pieces. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResultError } from '../compare/types';
import { isLlmError } from '../providers/errors';
import type { ModelRegistry } from '../providers/registry';
import { badRequest, HttpError, statusForProviderError } from './errors';
import type { GenerationGate } from './limits';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The registry for the current settings (VS Code rebuilds it when they change). */
  registry(): Promise<ModelRegistry>;
  gate: GenerationGate;
  /** Aborts when the client goes away or the server stops: the model servers stop generating. */
  signal: AbortSignal;
  /** The server's own base URL, for the OpenAPI document. */
  baseUrl: string;
  version: string;
}

/** Reads the format/stream knobs from the three places a client may put them. */
export function sources(ctx: RouteContext, name: 'format' | 'stream', bodyValue: unknown) {
  return { query: ctx.url.searchParams.get(name), body: bodyValue, accept: ctx.req.headers.accept };
}

/** `registry.get`/`select` with an unknown id is the client's mistake: 400 naming the configured ids. */
export function resolveModels<T>(pick: () => T): T {
  try {
    return pick();
  } catch (e) {
    if (isLlmError(e) && e.kind === 'config') throw badRequest(e.message);
    throw e;
  }
}

/** A failed generation as the HTTP error it answers with, keeping the provider's kind and (redacted) message. */
export function providerFailure(error: ResultError, partialResponse?: string): HttpError {
  if (error.kind === 'cancelled') return new HttpError(503, 'shutting-down', 'The generation was cancelled: the server is stopping.');
  const status = statusForProviderError(error.kind);
  // The upstream's own wait, passed on: a client that honours Retry-After does not hammer a busy model server.
  const retry = status === 503 && error.retryAfterMs !== undefined ? { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) } : undefined;
  return new HttpError(status, error.kind, error.message, retry, partialResponse);
}

export function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
