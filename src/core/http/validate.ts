/**
 * The two request bodies, checked field by field with messages that name the field and what it must be. Unknown
 * fields are refused rather than ignored: a typo such as `maxTokens` would otherwise silently do nothing.
 */
import type { RunMode } from '../compare/types';
import { DEFAULT_MAX_TOKENS, MAX_MAX_TOKENS } from '../settings';
import type { JsonObject } from './body';
import { badRequest } from './errors';

export interface GenerateBody {
  prompt: string;
  /** The prototype's default, 512, when the client leaves it out. */
  maxTokens: number;
  model?: string;
  temperature?: number;
  format?: unknown;
  stream?: unknown;
}

export interface CompareBody {
  prompt: string;
  /** Undefined = every configured model. */
  models?: string[];
  /** Undefined = each model's own setting, as `llm-compare compare` does. */
  maxTokens?: number;
  temperature?: number;
  mode: RunMode;
  system?: string;
  format?: unknown;
  stream?: unknown;
}

export const GENERATE_FIELDS = ['prompt', 'max_tokens', 'model', 'temperature', 'format', 'stream'] as const;
export const COMPARE_FIELDS = ['prompt', 'models', 'max_tokens', 'temperature', 'mode', 'system', 'format', 'stream'] as const;
const ALIASES: Record<string, string> = { maxTokens: 'max_tokens', max_new_tokens: 'max_tokens', model: 'models', inputs: 'prompt' };

function rejectUnknown(body: JsonObject, allowed: readonly string[], route: string): void {
  for (const key of Object.keys(body)) {
    if (allowed.includes(key)) continue;
    const hint = ALIASES[key] && allowed.includes(ALIASES[key]) ? ` Did you mean "${ALIASES[key]}"?` : key === 'models' ? ' One model per /generate: use "model", or POST /compare for several.' : '';
    throw badRequest(`Unknown field "${key}" for ${route}.${hint} Allowed: ${allowed.join(', ')}.`);
  }
}

function prompt(body: JsonObject): string {
  const p = body.prompt;
  if (p === undefined) throw badRequest('"prompt" is required, e.g. {"prompt": "Write a function that reverses a string"}.');
  if (typeof p !== 'string') throw badRequest(`"prompt" must be text (got ${typeName(p)}).`);
  if (p.trim() === '') throw badRequest('"prompt" is empty.');
  return p;
}

function maxTokens(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_MAX_TOKENS) {
    throw badRequest(`"max_tokens" must be a whole number from 1 to ${MAX_MAX_TOKENS} (got ${JSON.stringify(v)}).`);
  }
  return v;
}

function temperature(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 2) throw badRequest(`"temperature" must be a number from 0 to 2 (got ${JSON.stringify(v)}).`);
  return v;
}

function optionalText(v: unknown, field: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw badRequest(`"${field}" must be non-empty text (got ${JSON.stringify(v)}).`);
  return v.trim();
}

export function parseGenerateBody(body: JsonObject): GenerateBody {
  rejectUnknown(body, GENERATE_FIELDS, 'POST /generate');
  return {
    prompt: prompt(body),
    maxTokens: maxTokens(body.max_tokens) ?? DEFAULT_MAX_TOKENS,
    model: optionalText(body.model, 'model'),
    temperature: temperature(body.temperature),
    format: body.format,
    stream: body.stream,
  };
}

function modelList(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const list = typeof v === 'string' ? v.split(',').map((s) => s.trim()) : v;
  if (!Array.isArray(list) || list.length === 0 || !list.every((id) => typeof id === 'string' && id.trim() !== '')) {
    throw badRequest(`"models" must be a non-empty list of model ids, e.g. ["local-qwen", "online-qwen"] (got ${JSON.stringify(v)}).`);
  }
  return (list as string[]).map((id) => id.trim());
}

export function parseCompareBody(body: JsonObject): CompareBody {
  rejectUnknown(body, COMPARE_FIELDS, 'POST /compare');
  const mode = body.mode ?? 'parallel';
  if (mode !== 'parallel' && mode !== 'sequential') throw badRequest(`"mode" must be parallel or sequential (got ${JSON.stringify(mode)}).`);
  return {
    prompt: prompt(body),
    models: modelList(body.models),
    maxTokens: maxTokens(body.max_tokens),
    temperature: temperature(body.temperature),
    mode,
    system: optionalText(body.system, 'system'),
    format: body.format,
    stream: body.stream,
  };
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v;
}
