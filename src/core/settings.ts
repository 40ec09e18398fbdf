/**
 * The settings model shared by the extension (`llmCompare.*`) and the CLI (`--config` file: the same keys without
 * the prefix). One validator for both, so a bad value gets the same clear message naming the setting everywhere.
 */
import { validateEngineSettings, type EngineSettings } from './engine/engine-settings';
import { ConfigError } from './providers/errors';
import type { ModelSlot, ProviderKind } from './providers/types';

export interface Settings {
  models: ModelSlot[];
  /** Slot id used by Generate code / Explain selection. */
  defaultModel: string;
  ollama: { host: string };
  huggingface: {
    /** "auto" (router picks) or a named inference provider, e.g. "hf-inference", "together", "nebius". */
    provider: string;
    /** A dedicated endpoint or any OpenAI-compatible server; when set, `provider` is not used. */
    endpointUrl?: string;
  };
  /** No byte from the server for this long = the stream is stalled (ms). */
  requestTimeoutMs: number;
  /** The built-in engine (llamacpp models); absent = its defaults. */
  engine?: EngineSettings;
}

export const DEFAULT_MAX_TOKENS = 512;
export const MAX_MAX_TOKENS = 32768;
export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

export const DEFAULT_MODELS: readonly ModelSlot[] = Object.freeze([
  { id: 'online-qwen', label: 'Qwen2.5-Coder 32B (Hugging Face)', provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct', maxTokens: DEFAULT_MAX_TOKENS },
  { id: 'local-codellama', label: 'CodeLlama 7B (Ollama)', provider: 'ollama', model: 'codellama:7b', maxTokens: DEFAULT_MAX_TOKENS },
  { id: 'local-qwen', label: 'Qwen2.5-Coder 3B (Ollama)', provider: 'ollama', model: 'qwen2.5-coder:3b', maxTokens: DEFAULT_MAX_TOKENS },
]);

export function defaultSettings(): Settings {
  return {
    models: DEFAULT_MODELS.map((m) => ({ ...m })),
    defaultModel: 'online-qwen',
    ollama: { host: DEFAULT_OLLAMA_HOST },
    huggingface: { provider: 'auto' },
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
  };
}

/** Kinds a settings entry may name; `vscode-lm` slots are made by the VS Code layer, never written by hand. */
const SETTINGS_PROVIDERS: readonly ProviderKind[] = ['huggingface', 'ollama', 'openai', 'llamacpp'];
const ID_RE = /^[A-Za-z0-9._-]{1,64}$/;
const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * Validates a partial, untrusted settings object (parsed JSON, or VS Code configuration values) over the defaults.
 * `prefix` names settings in messages (`llmCompare.` in VS Code, empty for a config file).
 * Throws ConfigError naming the first bad setting.
 */
export function validateSettings(raw: unknown, prefix = ''): Settings {
  const base = defaultSettings();
  if (raw === undefined || raw === null) return base;
  if (!isObject(raw)) throw new ConfigError(`Settings must be a JSON object, got ${typeName(raw)}.`);
  const name = (k: string) => `${prefix}${k}`;

  const out: Settings = base;
  if (raw.models !== undefined) {
    if (!Array.isArray(raw.models) || raw.models.length === 0) {
      throw new ConfigError(`${name('models')} must be a non-empty list of model slots.`);
    }
    out.models = raw.models.map((m, i) => validateSlot(m, `${name('models')}[${i}]`));
    const seen = new Set<string>();
    for (const m of out.models) {
      if (seen.has(m.id)) throw new ConfigError(`${name('models')}: the id "${m.id}" is used twice; ids must be unique.`);
      seen.add(m.id);
    }
  }
  if (raw.defaultModel !== undefined) {
    if (typeof raw.defaultModel !== 'string') throw new ConfigError(`${name('defaultModel')} must be a model id.`);
    out.defaultModel = raw.defaultModel;
  }
  if (!out.models.some((m) => m.id === out.defaultModel)) {
    // The default slot was removed: fall back to the first slot rather than fail every command.
    if (raw.defaultModel !== undefined) {
      throw new ConfigError(`${name('defaultModel')} is "${out.defaultModel}", which is not one of ${name('models')}: ${out.models.map((m) => m.id).join(', ')}.`);
    }
    out.defaultModel = out.models[0].id;
  }
  if (raw.ollama !== undefined) {
    if (!isObject(raw.ollama)) throw new ConfigError(`${name('ollama')} must be an object like {"host": "${DEFAULT_OLLAMA_HOST}"}.`);
    if (raw.ollama.host !== undefined) out.ollama.host = validateHost(raw.ollama.host, name('ollama.host'));
  }
  if (raw.huggingface !== undefined) {
    if (!isObject(raw.huggingface)) throw new ConfigError(`${name('huggingface')} must be an object like {"provider": "auto"}.`);
    const hf = raw.huggingface;
    if (hf.provider !== undefined) {
      if (typeof hf.provider !== 'string' || !/^[a-z0-9-]{2,40}$/.test(hf.provider)) {
        throw new ConfigError(`${name('huggingface.provider')} must be "auto" or an inference provider name such as "hf-inference", "together", "nebius".`);
      }
      out.huggingface.provider = hf.provider;
    }
    if (hf.endpointUrl !== undefined && hf.endpointUrl !== '') {
      out.huggingface.endpointUrl = validateUrl(hf.endpointUrl, name('huggingface.endpointUrl'));
    }
  }
  if (raw.requestTimeoutMs !== undefined) {
    const t = raw.requestTimeoutMs;
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 1000 || t > 3_600_000) {
      throw new ConfigError(`${name('requestTimeoutMs')} must be a number of milliseconds between 1000 and 3600000.`);
    }
    out.requestTimeoutMs = Math.round(t);
  }
  if (raw.engine !== undefined) out.engine = validateEngineSettings(raw.engine, name('engine'));
  return out;
}

export function validateSlot(raw: unknown, where: string): ModelSlot {
  if (!isObject(raw)) throw new ConfigError(`${where} must be an object with id, label, provider and model.`);
  const { id, label, provider, model, maxTokens, temperature, systemPrompt, endpoint, apiKeyEnv, useHfToken, price } = raw;
  if (typeof id !== 'string' || !ID_RE.test(id)) {
    throw new ConfigError(`${where}.id must be 1–64 letters, digits, ".", "-" or "_" (got ${JSON.stringify(id)}).`);
  }
  if (typeof provider !== 'string' || !SETTINGS_PROVIDERS.includes(provider as ProviderKind)) {
    throw new ConfigError(`${where}.provider must be one of ${SETTINGS_PROVIDERS.map((p) => `"${p}"`).join(', ')} (got ${JSON.stringify(provider)}).`);
  }
  if (typeof model !== 'string' || model.trim() === '') throw new ConfigError(`${where}.model must be a model name, e.g. "codellama:7b".`);
  if (label !== undefined && typeof label !== 'string') throw new ConfigError(`${where}.label must be text.`);
  const slot: ModelSlot = {
    id,
    label: typeof label === 'string' && label.trim() ? label.trim() : id,
    provider: provider as ProviderKind,
    model: model.trim(),
    maxTokens: validateMaxTokens(maxTokens ?? DEFAULT_MAX_TOKENS, `${where}.maxTokens`),
  };
  if (temperature !== undefined && temperature !== null) slot.temperature = validateTemperature(temperature, `${where}.temperature`);
  if (systemPrompt !== undefined && systemPrompt !== null && systemPrompt !== '') {
    if (typeof systemPrompt !== 'string') throw new ConfigError(`${where}.systemPrompt must be text.`);
    slot.systemPrompt = systemPrompt;
  }
  if (endpoint !== undefined && endpoint !== null && endpoint !== '') {
    slot.endpoint = provider === 'ollama' ? validateHost(endpoint, `${where}.endpoint`) : validateUrl(endpoint, `${where}.endpoint`);
  } else if (provider === 'openai') {
    throw new ConfigError(`${where}.endpoint is required for an "openai" model: the server's base URL, e.g. "http://127.0.0.1:1234/v1".`);
  }
  if (apiKeyEnv !== undefined && apiKeyEnv !== null && apiKeyEnv !== '') {
    if (typeof apiKeyEnv !== 'string' || !ENV_NAME_RE.test(apiKeyEnv)) {
      throw new ConfigError(`${where}.apiKeyEnv must be the name of an environment variable, e.g. "LMSTUDIO_API_KEY" (got ${JSON.stringify(apiKeyEnv)}).`);
    }
    slot.apiKeyEnv = apiKeyEnv;
  }
  if (useHfToken !== undefined && useHfToken !== null) {
    if (typeof useHfToken !== 'boolean') throw new ConfigError(`${where}.useHfToken must be true or false.`);
    if (useHfToken) slot.useHfToken = true;
  }
  if (price !== undefined && price !== null) slot.price = validatePrice(price, `${where}.price`);
  return slot;
}

/** US dollars per million tokens, both directions; 0 is allowed (a free model), negative or huge is a typo. */
export function validatePrice(v: unknown, where: string): { inputPerMTok: number; outputPerMTok: number } {
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 10_000;
  if (!isObject(v) || !ok(v.inputPerMTok) || !ok(v.outputPerMTok) || Object.keys(v).some((k) => k !== 'inputPerMTok' && k !== 'outputPerMTok')) {
    throw new ConfigError(`${where} must be {"inputPerMTok": <dollars>, "outputPerMTok": <dollars>}: US dollars per million tokens, from 0 to 10000.`);
  }
  return { inputPerMTok: v.inputPerMTok, outputPerMTok: v.outputPerMTok };
}

export function validateMaxTokens(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_MAX_TOKENS) {
    throw new ConfigError(`${where} must be a whole number from 1 to ${MAX_MAX_TOKENS} (got ${JSON.stringify(v)}).`);
  }
  return v;
}

export function validateTemperature(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 2) {
    throw new ConfigError(`${where} must be a number from 0 to 2 (got ${JSON.stringify(v)}).`);
  }
  return v;
}

/** Accepts Ollama's host forms (`localhost`, `:11434`, `http://host:port/path`) and returns a full URL. */
export function validateHost(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new ConfigError(`${where} must be a URL like ${DEFAULT_OLLAMA_HOST}.`);
  let s = v.trim();
  if (s.startsWith(':')) s = `127.0.0.1${s}`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `http://${s}`;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    throw new ConfigError(`${where} is not a valid URL: ${JSON.stringify(v)}. Use e.g. ${DEFAULT_OLLAMA_HOST}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${where} must use http or https (got ${url.protocol}).`);
  if (!url.port && !/^https?:\/\/[^/]+:\d+/.test(s)) url.port = url.protocol === 'https:' ? '' : '11434';
  return url.toString().replace(/\/$/, '');
}

export function validateUrl(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new ConfigError(`${where} must be a URL.`);
  try {
    const url = new URL(v.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(`${where} is not a valid http(s) URL: ${JSON.stringify(v)}.`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  return Array.isArray(v) ? 'a list' : typeof v;
}
