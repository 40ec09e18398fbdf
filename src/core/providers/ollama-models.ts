/**
 * Reading Ollama's JSON (tags, show, ps, the final chat line) defensively: fields are `omitempty` on the Go side and
 * ollama-js types promise more than the wire gives (e.g. `model_info` is a plain object, not a Map), so every field
 * is narrowed from `unknown`, and a missing one becomes null rather than a guess.
 */
import type { ServerMetrics } from './types';

/** One model installed in Ollama (from /api/tags). */
export interface InstalledModel {
  name: string;
  sizeBytes: number | null;
  digest: string | null;
  /** e.g. "6.7B" */
  parameters: string | null;
  /** e.g. "Q4_0" */
  quantization: string | null;
}

/** One progress line of a pull. `completed` is absent until bytes flow. */
export interface PullProgress {
  status: string;
  digest?: string;
  total?: number;
  completed?: number;
}

export type Json = Record<string, unknown>;

export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Ollama treats `name` and `name:latest` as the same model. */
export function sameModel(a: string, b: string): boolean {
  const norm = (n: string) => (n.includes(':') ? n : `${n}:latest`);
  return norm(a.trim()) === norm(b.trim());
}

/** 6738415616 → "6.7B", 135000000 → "135M", as Ollama shows parameter sizes. */
export function formatParameterCount(n: number): string {
  const units: Array<[number, string]> = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [scale, unit] of units) {
    if (n >= scale) {
      const v = n / scale;
      const text = v >= 100 ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
      return `${text}${unit}`;
    }
  }
  return String(n);
}

export function toInstalled(entry: unknown): InstalledModel | null {
  if (!isJson(entry)) return null;
  const name = str(entry.name) ?? str(entry.model);
  if (!name) return null;
  const details = isJson(entry.details) ? entry.details : {};
  return {
    name,
    sizeBytes: num(entry.size),
    digest: str(entry.digest),
    parameters: str(details.parameter_size),
    quantization: str(details.quantization_level),
  };
}

/** The list of /api/tags or /api/ps, whatever the client typed it as. */
export function modelList(response: unknown): Json[] {
  return isJson(response) && Array.isArray(response.models) ? response.models.filter(isJson) : [];
}

/** From /api/show: the model's own context window and its parameter count (formatted). */
export function showFacts(show: unknown): { contextWindow: number | null; parameters: string | null; quantization: string | null } {
  if (!isJson(show)) return { contextWindow: null, parameters: null, quantization: null };
  const info = isJson(show.model_info) ? show.model_info : {};
  const details = isJson(show.details) ? show.details : {};
  const arch = str(info['general.architecture']);
  const count = num(info['general.parameter_count']);
  return {
    contextWindow: arch ? num(info[`${arch}.context_length`]) : null,
    parameters: str(details.parameter_size) ?? (count !== null ? formatParameterCount(count) : null),
    quantization: str(details.quantization_level),
  };
}

const ms = (ns: unknown): number | null => {
  const v = num(ns);
  return v === null ? null : v / 1e6;
};

/** The server's counters from the final chat line (durations are nanoseconds on the wire). */
export function serverMetrics(final: unknown): ServerMetrics {
  const f = isJson(final) ? final : {};
  const evalCount = num(f.eval_count);
  const evalNs = num(f.eval_duration);
  return {
    loadMs: ms(f.load_duration),
    promptEvalMs: ms(f.prompt_eval_duration),
    promptTokens: num(f.prompt_eval_count),
    evalMs: ms(evalNs),
    evalTokensPerSecond: evalCount !== null && evalNs !== null && evalNs > 0 ? (evalCount / evalNs) * 1e9 : null,
  };
}

export function toPullProgress(line: unknown): PullProgress {
  const l = isJson(line) ? line : {};
  const out: PullProgress = { status: str(l.status) ?? '' };
  const digest = str(l.digest);
  const total = num(l.total);
  const completed = num(l.completed);
  if (digest !== null) out.digest = digest;
  if (total !== null) out.total = total;
  if (completed !== null) out.completed = completed;
  return out;
}
