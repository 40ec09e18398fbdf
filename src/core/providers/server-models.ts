/**
 * What a server offers, for picking a model instead of typing its name ("Add model…"): Ollama's `/api/tags`, or an
 * OpenAI-compatible server's `/v1/models` (LM Studio, vLLM, llama.cpp, a Hugging Face endpoint). The caller passes
 * the key to send (a new entry has no slot yet to route one by); failures are typed errors with their fix.
 */
import { v1Base } from './chat-completions';
import { CancelledError, LlmError } from './errors';
import { safeUrl } from './huggingface-errors';
import { displayHost } from './ollama-http';
import { formatParameterCount, isJson, modelList, num, str, toInstalled } from './ollama-models';
import { modelIds } from './server-facts';

export interface ServerModel {
  /** The name to put in the entry's `model`. */
  id: string;
  /** A short description when the server gives one ("7.6B Q4_K_M, 4.7 GB"), else null. */
  detail: string | null;
}

export interface ListServerModelsOptions {
  kind: 'ollama' | 'openai' | 'huggingface';
  /** Ollama: the host; otherwise the base URL (`…/v1`). */
  endpoint: string;
  /** Sent as a Bearer token when given (only to `endpoint`). */
  apiKey?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Default 10 s. */
  timeoutMs?: number;
}

export async function listServerModels(o: ListServerModelsOptions): Promise<ServerModel[]> {
  const ollama = o.kind === 'ollama';
  const url = ollama ? `${displayHost(o.endpoint)}/api/tags` : `${v1Base(o.endpoint)}/models`;
  const where = safeUrl(ollama ? displayHost(o.endpoint) : o.endpoint);
  const timeout = AbortSignal.timeout(o.timeoutMs ?? 10_000);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(url, { headers: o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}, signal });
  } catch (e) {
    if (o.signal?.aborted) throw new CancelledError();
    if (e instanceof Error && e.name === 'TimeoutError') throw new LlmError('timeout', `${where} did not answer within ${Math.round((o.timeoutMs ?? 10_000) / 1000)} s.`, { fix: 'retry' });
    throw new LlmError('connection-refused', `Cannot reach ${where}: is the server running, and is the address right?`, { fix: 'open-settings', cause: e });
  }
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel().catch(() => undefined);
    throw new LlmError('unauthorized', `${where} ${o.apiKey ? 'rejected the key' : 'needs a key'} (${res.status}) to list its models.`, { status: res.status, fix: 'set-api-key' });
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new LlmError('bad-request', `${where} answered HTTP ${res.status} to ${ollama ? 'GET /api/tags: is it Ollama?' : 'GET /v1/models: is it an OpenAI-compatible server, and does the address end in /v1?'}`, { status: res.status, fix: 'open-settings' });
  }
  const body: unknown = await res.json().catch(() => null);
  return ollama ? fromTags(body) : fromOpenAi(body);
}

function fromTags(body: unknown): ServerModel[] {
  return modelList(body).flatMap((entry) => {
    const m = toInstalled(entry);
    if (!m) return [];
    const parts = [m.parameters, m.quantization].filter(Boolean).join(' ');
    const size = m.sizeBytes !== null ? `${(m.sizeBytes / 1e9).toFixed(1)} GB` : '';
    return [{ id: m.name, detail: [parts, size].filter(Boolean).join(', ') || null }];
  });
}

function fromOpenAi(body: unknown): ServerModel[] {
  return modelIds(body).map(({ id, raw }) => {
    const meta = isJson(raw.meta) ? raw.meta : {};
    const params = num(meta.n_params);
    const context = num(meta.n_ctx_train) ?? num(raw.max_model_len) ?? num(raw.max_context_length);
    const parts = [params !== null ? `${formatParameterCount(params)} parameters` : null, context !== null ? `${context}-token context` : null, str(raw.owned_by)];
    const detail = parts.filter(Boolean).join(', ');
    return { id, detail: detail || null };
  });
}
