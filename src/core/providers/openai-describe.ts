/**
 * Model facts and a health check for a model on an OpenAI-compatible server, without generating: what the server
 * itself says (llama.cpp's `meta`, vLLM's `max_model_len`, LM Studio's `/api/v0/models`), null where it says
 * nothing. The check answers the three questions a user has before comparing: is the server there, does it take
 * my key, does it serve this model; each "no" comes with its fix. Never throws for an unreachable server.
 */
import { redact } from '../redact';
import { v1Base } from './chat-completions';
import { safeUrl } from './huggingface-errors';
import { locationOfEndpoint } from './location';
import { unknownModelInfo } from './model-info';
import { setKeyHint } from './openai-errors';
import { applyFacts, findEntry, isLlamaCpp, lmStudioFacts, modelIds, type ServerEntry } from './server-facts';
import type { ModelInfo, ModelSlot } from './types';

/** A lookup is a nicety: never let one hold a panel or `models` up for long. */
export const LOOKUP_TIMEOUT_MS = 5000;

export interface OpenAiDescribeOptions {
  endpoint: string;
  fetch: typeof fetch;
  /** The key allowed for a URL (keys.ts), or undefined. */
  keyFor: (url: string) => string | undefined;
  signal?: AbortSignal;
}

export async function describeOpenAi(slot: ModelSlot, o: OpenAiDescribeOptions): Promise<ModelInfo> {
  const where = safeUrl(o.endpoint);
  const info: ModelInfo = { ...unknownModelInfo(slot), endpoint: where, location: locationOfEndpoint(o.endpoint), needsApiKey: false };
  try {
    const base = v1Base(o.endpoint);
    const res = await get(`${base}/models`, o);
    if (res.status === 401 || res.status === 403) {
      info.needsApiKey = true;
      info.reason = keyReason(res.status, o.keyFor(`${base}/models`) !== undefined, slot, where);
      return info;
    }
    if (!res.ok) {
      info.reason = `${where} answered HTTP ${res.status} to GET /v1/models: is it an OpenAI-compatible server, and does the endpoint end in /v1?`;
      return info;
    }
    const body: unknown = await res.json().catch(() => null);
    const entries = modelIds(body);
    const entry = findEntry(entries, slot.model);
    // llama.cpp serves its one loaded model under any name; others must list it.
    const anyName = entries.length > 0 && entries.every(isLlamaCpp);
    if (entries.length > 0) info.extra.servedModels = entries.map((e) => e.id).join(', ');
    if (!entry && !anyName && entries.length > 0) {
      info.reason = `${where} does not serve "${slot.model}"; it offers: ${entries.map((e) => e.id).slice(0, 10).join(', ')}. Fix the model name.`;
      return info;
    }
    applyFacts(info, entry ?? (anyName ? entries[0] : undefined));
    if (info.contextWindow === null || info.quantization === null) await addLmStudioFacts(info, slot, o);
    // GET /models may be open where chat is not (llama.cpp --api-key): ask chat itself, with an empty request it
    // rejects before generating anything, whether the key is accepted.
    const check = await keyCheck(base, slot, o);
    if (check.rejected) {
      info.needsApiKey = true;
      info.reason = keyReason(check.status, check.sentKey, slot, where);
      return info;
    }
    info.needsApiKey = check.sentKey;
    info.extra.key = check.sentKey ? 'accepted' : 'none sent (not required)';
    info.reachable = true;
  } catch (e) {
    info.reachable = false;
    info.reason = redact(explain(e, where, o.signal));
  }
  return info;
}

function keyReason(status: number, sentKey: boolean, slot: ModelSlot, where: string): string {
  return `${where} ${sentKey ? 'rejected the key' : 'needs a key'} (${status}). ${setKeyHint(slot)}`;
}

async function keyCheck(base: string, slot: ModelSlot, o: OpenAiDescribeOptions): Promise<{ rejected: boolean; status: number; sentKey: boolean }> {
  const url = `${base}/chat/completions`;
  const key = o.keyFor(url);
  const res = await request(url, o, { method: 'POST', body: JSON.stringify({ model: slot.model, messages: [], max_tokens: 1, stream: false }) });
  await res.body?.cancel().catch(() => undefined);
  return { rejected: res.status === 401 || res.status === 403, status: res.status, sentKey: key !== undefined };
}

/** LM Studio's own API beside /v1 tells architecture, quantization and context length. */
async function addLmStudioFacts(info: ModelInfo, slot: ModelSlot, o: OpenAiDescribeOptions): Promise<void> {
  let url: string;
  try {
    const u = new URL(v1Base(o.endpoint));
    if (!/^\/v1$/.test(u.pathname)) return;
    url = `${u.origin}/api/v0/models`;
  } catch {
    return;
  }
  const res = await get(url, o).catch(() => null);
  if (!res?.ok) return;
  const facts = lmStudioFacts(await res.json().catch(() => null), slot.model);
  if (!facts) return;
  info.contextWindow ??= facts.contextWindow;
  info.quantization ??= facts.quantization;
  if (facts.arch) info.extra.architecture = facts.arch;
}

function get(url: string, o: OpenAiDescribeOptions): Promise<Response> {
  return request(url, o, { method: 'GET' });
}

function request(url: string, o: OpenAiDescribeOptions, init: { method: string; body?: string }): Promise<Response> {
  const timeout = AbortSignal.timeout(LOOKUP_TIMEOUT_MS);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  const key = o.keyFor(url);
  const headers: Record<string, string> = init.body ? { 'content-type': 'application/json' } : {};
  if (key) headers.authorization = `Bearer ${key}`;
  return o.fetch(url, { ...init, headers, signal });
}

function explain(e: unknown, where: string, signal?: AbortSignal): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return signal?.aborted ? 'Cancelled.' : `${where} did not answer within ${LOOKUP_TIMEOUT_MS / 1000} s.`;
  }
  if (e instanceof TypeError) return `Cannot reach ${where}: is the server running, and is the endpoint right?`;
  return `${where} lookup failed: ${e instanceof Error ? e.message : String(e)}`;
}

export type { ServerEntry };
