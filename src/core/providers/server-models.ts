/**
 * What a server offers, asked the cheapest way each kind allows: Ollama's `/api/tags`, an OpenAI-compatible
 * `GET …/v1/models`, the Hugging Face Hub's list of models served by inference providers. Used by "Add model…" (pick,
 * don't type) and by the models view's health check (reachable? key accepted? model served?). Never throws: every
 * failure is a typed `problem` with a reason a user can act on. The caller decides which token goes where.
 */
import { redact } from '../redact';
import { safeUrl } from './huggingface-errors';
import { modelsUrl } from './huggingface-describe';
import { displayHost } from './ollama-http';

export type ServerKind = 'ollama' | 'openai' | 'huggingface-hub';

export type ServerProblem = 'unreachable' | 'unauthorized' | 'not-found' | 'bad-answer';

export type ServerModels =
  | { ok: true; url: string; models: string[] }
  | { ok: false; url: string; problem: ServerProblem; status?: number; reason: string };

export interface ListOptions {
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

/** The URL that lists a server's models. `base`: an Ollama host, a `…/v1` base URL, or the Hub's URL. */
export function listUrl(kind: ServerKind, base: string): string {
  switch (kind) {
    case 'ollama':
      return `${displayHost(base)}/api/tags`;
    case 'openai':
      return modelsUrl(base);
    case 'huggingface-hub':
      return `${base.replace(/\/+$/, '')}/api/models?inference_provider=all&pipeline_tag=text-generation&sort=trending&limit=${HUB_LIST_LIMIT}`;
  }
}

export async function listServerModels(kind: ServerKind, base: string, o: ListOptions = {}): Promise<ServerModels> {
  let url: string;
  try {
    url = listUrl(kind, base);
    new URL(url);
  } catch {
    return { ok: false, url: base, problem: 'bad-answer', reason: `"${redact(base)}" is not a valid URL.` };
  }
  const shown = safeUrl(url);
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  let res: Response;
  try {
    const headers: Record<string, string> = o.token ? { Authorization: `Bearer ${o.token}` } : {};
    res = await (o.fetch ?? fetch)(url, { headers, signal });
  } catch (e) {
    if (o.signal?.aborted) throw e; // the caller cancelled: not a fact about the server
    const why = timeout.aborted ? `no answer within ${timeoutMs / 1000} s` : networkReason(e);
    return { ok: false, url: shown, problem: 'unreachable', reason: redact(`Cannot reach ${originOf(url)}: ${why}.`) };
  }
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel().catch(() => undefined);
    const reason = o.token
      ? `${originOf(url)} rejected the key (HTTP ${res.status}).`
      : `${originOf(url)} wants a key (HTTP ${res.status}) and none is set.`;
    return { ok: false, url: shown, problem: 'unauthorized', status: res.status, reason };
  }
  if (res.status === 404) {
    await res.body?.cancel().catch(() => undefined);
    const what = kind === 'ollama' ? 'Is it an Ollama server?' : 'Is it an OpenAI-compatible server (base URL ending in /v1)?';
    return { ok: false, url: shown, problem: 'not-found', status: 404, reason: `${shown} answered 404. ${what}` };
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, url: shown, problem: 'bad-answer', status: res.status, reason: `${shown} answered HTTP ${res.status}.` };
  }
  const body: unknown = await res.json().catch(() => undefined);
  const models = modelNames(kind, body);
  if (!models) return { ok: false, url: shown, problem: 'bad-answer', reason: `${shown} did not answer with a list of models.` };
  return { ok: true, url: shown, models };
}

/** `{models:[{name}]}` (Ollama), `{data:[{id}]}` (OpenAI), `[{id}]` (Hub). Null when the shape is not a list. */
function modelNames(kind: ServerKind, body: unknown): string[] | null {
  const list = kind === 'ollama' ? field(body, 'models') : kind === 'openai' ? field(body, 'data') : body;
  if (!Array.isArray(list)) return null;
  const key = kind === 'ollama' ? 'name' : 'id';
  const names = list.map((m) => (isRecord(m) && typeof m[key] === 'string' ? m[key] : null)).filter((n): n is string => !!n);
  return [...new Set(names)];
}

function field(v: unknown, k: string): unknown {
  return isRecord(v) ? v[k] : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function originOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return safeUrl(url);
  }
}

/** undici's `fetch failed` says nothing; its cause has the code a user can act on. */
function networkReason(e: unknown): string {
  const cause = typeof e === 'object' && e !== null ? (e as { cause?: unknown }).cause : undefined;
  const nested = typeof cause === 'object' && cause !== null ? (cause as { errors?: unknown[]; code?: unknown }) : undefined;
  const codes = [nested?.code, ...(Array.isArray(nested?.errors) ? nested.errors.map((x) => (x as { code?: unknown })?.code) : [])];
  const code = codes.find((c): c is string => typeof c === 'string');
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
      return code ?? (e instanceof Error ? e.message : String(e));
  }
}
