/**
 * Model facts for a Hugging Face slot without generating. Parameters and context come from a small table of facts
 * we checked (the Hub API does not state the context window reliably); which providers serve the model changes
 * over time, so it is looked up live. Never throws: an unreachable service is a `reachable: false` with a reason.
 */
import { locationOfEndpoint } from './location';
import { unknownModelInfo } from './model-info';
import { applyFacts, findEntry, isLlamaCpp, modelIds } from './server-facts';
import { redact } from '../redact';
import { safeUrl } from './huggingface-errors';
import type { ModelInfo, ModelSlot } from './types';

/** Checked facts (model card / config.json). Context without YaRN scaling. */
const KNOWN_MODELS: Readonly<Record<string, { parameters: string; contextWindow: number }>> = {
  'Qwen/Qwen2.5-Coder-32B-Instruct': { parameters: '32.5B', contextWindow: 32768 },
};

/** Lookups are a nicety for the info panel: never let one hold it up for long. */
const LOOKUP_TIMEOUT_MS = 5000;

export interface DescribeOptions {
  token?: string;
  provider: string;
  endpointUrl?: string;
  fetch: typeof fetch;
  hubUrl: string;
  signal?: AbortSignal;
}

export async function describeHf(slot: ModelSlot, o: DescribeOptions): Promise<ModelInfo> {
  // Checked facts describe the model the router serves under this exact id; an endpoint may serve anything.
  const facts = o.endpointUrl ? undefined : KNOWN_MODELS[slot.model];
  const info: ModelInfo = {
    ...unknownModelInfo(slot),
    location: o.endpointUrl ? locationOfEndpoint(o.endpointUrl) : 'online',
    endpoint: o.endpointUrl ? safeUrl(o.endpointUrl) : null,
    needsApiKey: !o.endpointUrl,
    parameters: facts?.parameters ?? null,
    contextWindow: facts?.contextWindow ?? null,
    extra: o.endpointUrl ? { endpoint: safeUrl(o.endpointUrl) } : { providerUsed: o.provider },
  };
  try {
    if (o.endpointUrl) await lookupEndpoint(slot, o, o.endpointUrl, info);
    else await lookupHub(slot, o, info);
  } catch (e) {
    info.reachable = false;
    info.reason = redact(explain(e, o));
  }
  return info;
}

async function lookupHub(slot: ModelSlot, o: DescribeOptions, info: ModelInfo): Promise<void> {
  if (!o.token) {
    info.reason = "No Hugging Face API key: run 'LLM Compare: Set Hugging Face API key' or set HF_API_KEY.";
    return;
  }
  const url = `${o.hubUrl.replace(/\/+$/, '')}/api/models/${slot.model}?expand[]=inferenceProviderMapping`;
  const res = await get(url, o);
  if (res.status === 401 || res.status === 403) {
    info.reason = `Hugging Face rejected the API key (${res.status}): set a valid token with the "Make calls to Inference Providers" permission.`;
    return;
  }
  if (res.status === 404) {
    info.reason = `The Hugging Face Hub does not know the model "${slot.model}": check the model id.`;
    return;
  }
  if (!res.ok) {
    info.reason = `Hugging Face Hub answered HTTP ${res.status}; try again later.`;
    return;
  }
  const body: unknown = await res.json();
  const providers = providersOf(body);
  info.reachable = true;
  info.extra.providers = providers.join(', ');
  if (providers.length === 0) info.extra.warning = 'No inference provider serves this model right now.';
  else if (o.provider !== 'auto' && !providers.includes(o.provider)) {
    info.extra.warning = `Provider "${o.provider}" does not serve this model right now; choose one of: ${providers.join(', ')}.`;
  }
}

async function lookupEndpoint(slot: ModelSlot, o: DescribeOptions, endpointUrl: string, info: ModelInfo): Promise<void> {
  const res = await get(modelsUrl(endpointUrl), o);
  if (res.status === 401 || res.status === 403) {
    info.reason = `${safeUrl(endpointUrl)} rejected the token (${res.status}): check the key for this endpoint.`;
    return;
  }
  if (!res.ok) {
    info.reason = `${safeUrl(endpointUrl)} answered HTTP ${res.status} to GET /models: is it an OpenAI-compatible server?`;
    return;
  }
  info.reachable = true;
  const body: unknown = await res.json().catch(() => null);
  const entries = modelIds(body);
  if (entries.length > 0) {
    info.extra.servedModels = entries.map((e) => e.id).join(', ');
    const entry = findEntry(entries, slot.model);
    // llama.cpp answers for its one loaded model whatever the name: its facts are that model's.
    const anyName = entries.every(isLlamaCpp);
    if (!entry && !anyName) info.extra.warning = `The endpoint does not list "${slot.model}".`;
    applyFacts(info, entry ?? (anyName ? entries[0] : undefined));
  }
}

function get(url: string, o: DescribeOptions): Promise<Response> {
  const timeout = AbortSignal.timeout(LOOKUP_TIMEOUT_MS);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  const headers: Record<string, string> = o.token ? { Authorization: `Bearer ${o.token}` } : {};
  return o.fetch(url, { headers, signal });
}

/** The same base the client uses for chat (`…/v1` + `/chat/completions`), with `/models` instead. */
export function modelsUrl(endpointUrl: string): string {
  let base = endpointUrl.trim().replace(/\/+$/, '').replace(/\/chat\/completions$/, '');
  if (!base.endsWith('/v1')) base += '/v1';
  return `${base}/models`;
}

/** `inferenceProviderMapping` comes as an object keyed by provider, or (newer) as a list of entries. */
function providersOf(body: unknown): string[] {
  const mapping = isRecord(body) ? body.inferenceProviderMapping : undefined;
  if (Array.isArray(mapping)) {
    return mapping.map((m) => (isRecord(m) && typeof m.provider === 'string' ? m.provider : null)).filter((p): p is string => p !== null);
  }
  return isRecord(mapping) ? Object.keys(mapping) : [];
}

function explain(e: unknown, o: DescribeOptions): string {
  const where = o.endpointUrl ? safeUrl(o.endpointUrl) : 'Hugging Face';
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return o.signal?.aborted ? 'Cancelled.' : `${where} did not answer within ${LOOKUP_TIMEOUT_MS / 1000} s.`;
  }
  if (e instanceof TypeError) {
    return o.endpointUrl ? `Cannot reach ${where}: is the server running?` : 'Cannot reach Hugging Face: check your internet connection or proxy.';
  }
  return `${where} lookup failed: ${e instanceof Error ? e.message : String(e)}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
