/**
 * The `fetch` handed to the real @huggingface/inference client for one generation. The client still builds every
 * URL, header and body itself; this only
 *  - moves its fixed `https://router.huggingface.co` / `https://huggingface.co` bases to configured ones (a proxy,
 *    a test simulator) — the client has no option for that;
 *  - adds our abort signal to every request, including the Hub mapping lookup the client makes without one, so a
 *    cancel closes whatever is in flight;
 *  - watches the SSE body for `data: [DONE]`, because the client ends silently when a stream is cut short and a
 *    truncated answer must not pass for a complete one.
 */

import { rejectHtml } from './response-checks';

export const HF_ROUTER_URL = 'https://router.huggingface.co';
export const HF_HUB_URL = 'https://huggingface.co';

export interface HfFetchOptions {
  base: typeof fetch;
  routerUrl: string;
  hubUrl: string;
  signal: AbortSignal;
  /** Called with each URL actually requested (for the log). */
  onRequest?: (method: string, url: string) => void;
}

export interface HfFetch {
  fetch: typeof fetch;
  /** True once an SSE body of this generation carried `data: [DONE]`. */
  sawDone(): boolean;
  /** Forget `sawDone` (before a retry). */
  resetDone(): void;
  /** The `retry-after` of the last response (seconds or an HTTP date), in ms; null when it had none. */
  retryAfterMs(): number | null;
}

export function makeHfFetch(opts: HfFetchOptions): HfFetch {
  let done = false;
  let lastRetryAfterMs: number | null = null;
  const hfFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const original = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = rebase(rebase(original, HF_ROUTER_URL, opts.routerUrl), HF_HUB_URL, opts.hubUrl);
    const signal = init?.signal ? AbortSignal.any([init.signal, opts.signal]) : opts.signal;
    opts.onRequest?.(init?.method ?? 'GET', url);
    const target = typeof input === 'string' || input instanceof URL ? url : new Request(url, input);
    const response = await opts.base(target, { ...init, signal });
    const retryAfter = response.headers.get('retry-after');
    lastRetryAfterMs = retryAfter === null ? null : retryAfterMs(retryAfter);
    rejectHtml(response, new URL(url).origin, 'an OpenAI-compatible JSON or event stream');
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return response;
    return new Response(response.body.pipeThrough(doneWatcher(() => (done = true))), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return { fetch: hfFetch as typeof fetch, sawDone: () => done, resetDone: () => void (done = false), retryAfterMs: () => lastRetryAfterMs };
}

function retryAfterMs(value: string): number | null {
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** Replaces `from` by `to` when `url` is exactly `from` or continues with `/` or `?` (not `huggingface.company`). */
export function rebase(url: string, from: string, to: string): string {
  if (from === to || !url.startsWith(from)) return url;
  const rest = url.slice(from.length);
  return rest === '' || rest.startsWith('/') || rest.startsWith('?') ? to.replace(/\/+$/, '') + rest : url;
}

/** Passes bytes through unchanged; calls `onDone` when a `data: [DONE]` line goes by (even split across chunks). */
function doneWatcher(onDone: () => void): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  let tail = '\n'; // the body starts at a line start
  return new TransformStream({
    transform(chunk, controller) {
      const text = tail + decoder.decode(chunk, { stream: true });
      if (/\ndata: ?\[DONE\]/.test(text)) onDone();
      // Keep the unfinished last line (with its newline) so a marker split across chunks is still seen; a long
      // line cannot be the marker.
      const nl = text.lastIndexOf('\n');
      tail = nl >= 0 && text.length - nl <= 16 ? text.slice(nl) : '';
      controller.enqueue(chunk);
    },
  });
}
