/**
 * Reading model facts out of what OpenAI-compatible servers list, narrowly: each server kind states different
 * things (llama.cpp `meta.n_params` / `n_ctx_train` / `size`, vLLM `max_model_len`, LM Studio `/api/v0/models`
 * `max_context_length` / `quantization` / `arch`), and whatever is not stated stays null.
 */
import { formatParameterCount, isJson, num, str, type Json } from './ollama-models';
import type { ModelInfo } from './types';

export interface ServerEntry {
  id: string;
  raw: Json;
}

/** The `data` of a `/v1/models` answer. */
export function modelIds(body: unknown): ServerEntry[] {
  const data = isJson(body) && Array.isArray(body.data) ? body.data : [];
  return data.flatMap((m) => (isJson(m) && typeof m.id === 'string' ? [{ id: m.id, raw: m }] : []));
}

export function findEntry(entries: ServerEntry[], model: string): ServerEntry | undefined {
  return entries.find((e) => e.id === model);
}

/** llama.cpp's server answers for its one loaded model whatever the request names. */
export function isLlamaCpp(e: ServerEntry): boolean {
  return e.raw.owned_by === 'llamacpp' || isJson(e.raw.meta);
}

/** Facts an entry states: llama.cpp `meta`, vLLM `max_model_len`. */
export function applyFacts(info: ModelInfo, entry: ServerEntry | undefined): void {
  if (!entry) return;
  const meta = isJson(entry.raw.meta) ? entry.raw.meta : {};
  const params = num(meta.n_params);
  if (params !== null && params > 0) info.parameters = formatParameterCount(params);
  info.contextWindow = num(meta.n_ctx_train) ?? num(entry.raw.max_model_len) ?? info.contextWindow;
  const size = num(meta.size);
  if (size !== null && size > 0) info.sizeBytes = size;
  const owner = str(entry.raw.owned_by);
  if (owner) info.extra.ownedBy = owner;
}

/** LM Studio `/api/v0/models`: `{data: [{id, arch, quantization, max_context_length, state}]}`. */
export function lmStudioFacts(body: unknown, model: string): { contextWindow: number | null; quantization: string | null; arch: string | null } | null {
  const entry = modelIds(body).find((e) => e.id === model);
  if (!entry) return null;
  return { contextWindow: num(entry.raw.max_context_length), quantization: str(entry.raw.quantization), arch: str(entry.raw.arch) };
}
