/**
 * A server's list of models as a result, never a throw: what the models view's health check and "Add model…"'s live
 * address check need (reachable? wants a key? refused the key? which models?). Ollama and OpenAI-compatible servers
 * are asked through `listServerModels`; the Hugging Face Hub's list of models served by inference providers is
 * asked here. The caller decides which token goes where.
 */
import { redact } from '../redact';
import { isLlmError } from './errors';
import { safeUrl } from './huggingface-errors';
import { listServerModels } from './server-models';

export type ServerKind = 'ollama' | 'openai' | 'huggingface-hub';

export type ServerProblem = 'unreachable' | 'unauthorized' | 'not-found' | 'bad-answer';

export type ServerModels =
  | { ok: true; url: string; models: string[]; details: Record<string, string | null> }
  | { ok: false; url: string; problem: ServerProblem; status?: number; reason: string };

export interface CheckOptions {
  /** Bearer token to send; undefined = no Authorization header. */
  token?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Give up after this long (a check must not hang the UI). Default 5 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5000;
/** Enough of the Hub's trending text-generation models to pick from; the user can still type any id. */
const HUB_LIST_LIMIT = 100;

export async function checkServer(kind: ServerKind, base: string, o: CheckOptions = {}): Promise<ServerModels> {
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const shown = safeUrl(base);
  try {
    if (kind === 'huggingface-hub') return await hubModels(base, o, timeoutMs);
    const list = await listServerModels({ kind, endpoint: base, apiKey: o.token, fetch: o.fetch, signal: o.signal, timeoutMs });
    return { ok: true, url: shown, models: list.map((m) => m.id), details: Object.fromEntries(list.map((m) => [m.id, m.detail])) };
  } catch (e) {
    if (o.signal?.aborted) throw e; // the caller cancelled: not a fact about the server
    if (!isLlmError(e)) return { ok: false, url: shown, problem: 'bad-answer', reason: redact(e instanceof Error ? e.message : String(e)) };
    const status = e.details.status;
    switch (e.kind) {
      case 'unauthorized':
      case 'forbidden':
        return { ok: false, url: shown, problem: 'unauthorized', status, reason: o.token ? `${hostOf(base)} rejected the key (HTTP ${status ?? 401}).` : `${hostOf(base)} wants a key (HTTP ${status ?? 401}) and none is set.` };
      case 'timeout':
        return { ok: false, url: shown, problem: 'unreachable', reason: `Cannot reach ${hostOf(base)}: no answer within ${timeoutMs / 1000} s.` };
      case 'connection-refused':
        return { ok: false, url: shown, problem: 'unreachable', reason: redact(`Cannot reach ${hostOf(base)}: ${networkReason(e.details.cause)}.`) };
      default:
        return { ok: false, url: shown, problem: status === 404 ? 'not-found' : 'bad-answer', status, reason: e.message };
    }
  }
}

/** The Hub's model search: text-generation models that some inference provider serves, trending first. */
async function hubModels(hub: string, o: CheckOptions, timeoutMs: number): Promise<ServerModels> {
  const url = `${hub.replace(/\/+$/, '')}/api/models?inference_provider=all&pipeline_tag=text-generation&sort=trending&limit=${HUB_LIST_LIMIT}`;
  const timeout = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(url, { headers: o.token ? { Authorization: `Bearer ${o.token}` } : {}, signal: o.signal ? AbortSignal.any([o.signal, timeout]) : timeout });
  } catch (e) {
    if (o.signal?.aborted) throw e;
    const why = timeout.aborted ? `no answer within ${timeoutMs / 1000} s` : networkReason((e as { cause?: unknown }).cause);
    return { ok: false, url: safeUrl(hub), problem: 'unreachable', reason: `Cannot reach the Hugging Face Hub (${hostOf(hub)}): ${why}.` };
  }
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, url: safeUrl(hub), problem: 'unauthorized', status: res.status, reason: `The Hugging Face Hub rejected the key (HTTP ${res.status}).` };
  }
  const body: unknown = res.ok ? await res.json().catch(() => null) : (await res.body?.cancel().catch(() => undefined), null);
  if (!Array.isArray(body)) return { ok: false, url: safeUrl(hub), problem: 'bad-answer', status: res.status, reason: `The Hugging Face Hub answered HTTP ${res.status} without a list of models.` };
  const models = [...new Set(body.map((m) => (typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'string' ? (m as { id: string }).id : null)).filter((id): id is string => !!id))];
  return { ok: true, url: safeUrl(hub), models, details: {} };
}

function hostOf(url: string): string {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`).host;
  } catch {
    return safeUrl(url);
  }
}

/** undici's `fetch failed` says nothing; its cause has the code a user can act on. */
function networkReason(cause: unknown): string {
  const c = typeof cause === 'object' && cause !== null ? (cause as { cause?: unknown; code?: unknown; errors?: unknown[] }) : undefined;
  const inner = typeof c?.cause === 'object' && c.cause !== null ? (c.cause as { code?: unknown; errors?: unknown[] }) : undefined;
  const codes = [c?.code, inner?.code, ...[...(c?.errors ?? []), ...(inner?.errors ?? [])].map((x) => (x as { code?: unknown })?.code)];
  const code = codes.find((x): x is string => typeof x === 'string');
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the server running?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name was not found';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
    case 'ECONNRESET':
      return 'the connection was reset';
    default:
      return code ?? 'the connection failed';
  }
}
