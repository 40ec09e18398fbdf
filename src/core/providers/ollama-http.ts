/**
 * The HTTP edge of the Ollama provider: how a host setting reads to a user, and the `fetch` handed to the ollama
 * client. That fetch exists because the client cannot cancel one request before its response headers arrive (a
 * model load can take a minute) and `client.abort()` would stop every column: so each request gets its own fetch
 * that links the caller's signal (and ours) into the request's own.
 */
import type { Logger } from '../log';
import { registerSecret } from '../redact';
import { guardNdjson, isNdjson, rejectHtml } from './response-checks';
import { sendMarked } from './sent-mark';
import type { SentMoment } from './types';

const DEFAULT_PORT = '11434';

/**
 * The URL the ollama client will use for a host setting (same rules: `:11434` → 127.0.0.1, no scheme → http,
 * no port → 11434), without credentials, for messages and logs.
 */
export function displayHost(host: string): string {
  let h = host.trim() || `http://127.0.0.1:${DEFAULT_PORT}`;
  if (h.startsWith(':')) h = `http://127.0.0.1${h}`;
  const explicit = h.includes('://');
  if (!explicit) h = `http://${h}`;
  try {
    const url = new URL(h);
    const port = url.port || (explicit ? (url.protocol === 'https:' ? '443' : '80') : DEFAULT_PORT);
    const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
    return `${url.protocol}//${url.hostname}:${port}${path}`;
  } catch {
    return host;
  }
}

/** `localhost`, `127.0.0.1`, `[::1]`... of a host setting. */
export function hostName(host: string): string {
  try {
    return new URL(displayHost(host)).hostname;
  } catch {
    return '';
  }
}

function linkSignals(signals: Array<AbortSignal | null | undefined>): AbortSignal | undefined {
  const live = signals.filter((s): s is AbortSignal => s != null);
  if (live.length <= 1) return live[0];
  return AbortSignal.any(live);
}

/**
 * Node's fetch refuses URLs with credentials (`http://user:pass@host`, common behind a reverse proxy): move them
 * into a Basic Authorization header, and remember the password as a secret so no message can show it.
 */
function moveCredentials(url: URL, headers: Headers): void {
  if (!url.username && !url.password) return;
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  registerSecret(pass);
  const token = Buffer.from(`${user}:${pass}`).toString('base64');
  registerSecret(token);
  if (!headers.has('authorization')) headers.set('authorization', `Basic ${token}`);
  url.username = '';
  url.password = '';
}

/**
 * A fetch for one logical operation: every request it makes is aborted as soon as any of `signals` is, and carries
 * the bearer token `bearer` picks for its URL (none when it returns undefined). `onSent` is told as each request
 * goes to `base` and when it has left (GenerateRequest.onSent, sent-mark.ts). With `takeBody`, the body of an NDJSON answer goes to it (the caller
 * reads it: ndjson-items.ts) and the client gets the status and headers with an empty body; otherwise the body
 * passes the NDJSON guard.
 */
export function linkedFetch(
  base: typeof fetch,
  signals: Array<AbortSignal | undefined>,
  log: Logger,
  bearer?: (url: string) => string | undefined,
  onSent?: (moment: SentMoment) => void,
  takeBody?: (body: ReadableStream<Uint8Array>) => void,
): typeof fetch {
  return (input, init = {}) => {
    const signal = linkSignals([init.signal, ...signals]);
    const headers = new Headers(init.headers);
    let target: RequestInfo | URL = input;
    if (typeof input === 'string' || input instanceof URL) {
      const url = new URL(input);
      moveCredentials(url, headers);
      target = url.toString();
      const token = bearer?.(target);
      if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    }
    log.debug(`ollama: ${init.method ?? 'GET'} ${typeof target === 'string' ? target : 'request'}`);
    const what = `The server at ${typeof target === 'string' ? displayHost(new URL(target).origin) : 'the Ollama host'}`;
    return sendMarked(() => base(target, { ...init, headers, signal }), onSent).then((response) => {
      rejectHtml(response, what, "Ollama's JSON");
      if (takeBody && response.ok && response.body && isNdjson(response)) {
        takeBody(response.body);
        return new Response('', { status: response.status, statusText: response.statusText, headers: response.headers });
      }
      return guardNdjson(response, what);
    });
  };
}
