/**
 * The `fetch` handed to the real @huggingface/inference client when it looks a named provider's model up on the
 * Hub. The client builds every URL itself; this only
 *  - moves its fixed `https://router.huggingface.co` / `https://huggingface.co` bases to configured ones (a proxy,
 *    a test simulator) — the client has no option for that;
 *  - adds our abort signal to every request, including the Hub lookup the client makes without one, so a cancel
 *    closes whatever is in flight.
 * The chat request itself is sent and read by chat-completions.ts.
 */

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
}

export function makeHfFetch(opts: HfFetchOptions): HfFetch {
  const hfFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const original = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = rebase(rebase(original, HF_ROUTER_URL, opts.routerUrl), HF_HUB_URL, opts.hubUrl);
    const signal = init?.signal ? AbortSignal.any([init.signal, opts.signal]) : opts.signal;
    opts.onRequest?.(init?.method ?? 'GET', url);
    const target = typeof input === 'string' || input instanceof URL ? url : new Request(url, input);
    return opts.base(target, { ...init, signal });
  };
  return { fetch: hfFetch as typeof fetch };
}

/** Replaces `from` by `to` when `url` is exactly `from` or continues with `/` or `?` (not `huggingface.company`). */
export function rebase(url: string, from: string, to: string): string {
  if (from === to || !url.startsWith(from)) return url;
  const rest = url.slice(from.length);
  return rest === '' || rest.startsWith('/') || rest.startsWith('?') ? to.replace(/\/+$/, '') + rest : url;
}
