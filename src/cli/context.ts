/**
 * Resolves the CLI's settings, highest first: flags; environment (HF_API_KEY / HF_TOKEN, OLLAMA_HOST, HF_ENDPOINT_URL,
 * HF_PROVIDER; HF_ROUTER_URL / HF_HUB_URL stand in for Hugging Face's own hosts); a JSON config file (`--config`: the extension's settings without `llmCompare.`); built-in defaults.
 * A model's own key comes from the environment variable its entry names (`apiKeyEnv`), never from the file itself.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { attachEngine, type AttachedEngine } from '../core/engine';
import { ConfigError } from '../core/providers/errors';
import { ModelRegistry } from '../core/providers/registry';
import type { Settings } from '../core/settings';
import { validateHost, validateSettings, validateUrl } from '../core/settings';
import type { CliIO } from './io';
import { stderrLogger } from './output';

export interface ContextFlags {
  config?: string;
  ollamaHost?: string;
  hfEndpoint?: string;
  hfProvider?: string;
}

export interface CliContext {
  settings: Settings;
  registry: ModelRegistry;
  /** The built-in engine behind `llamacpp` models: made and started only when one is used. */
  engine?: AttachedEngine;
}

export type ContextResolver = (flags: ContextFlags) => Promise<CliContext>;

export async function resolveCliContext(flags: ContextFlags, io: CliIO): Promise<CliContext> {
  const raw = flags.config ? await readConfigFile(flags.config) : {};
  const settings = validateSettings(raw);
  const env = io.env;

  const host = flags.ollamaHost ?? env.OLLAMA_HOST;
  if (host) settings.ollama.host = validateHost(host, flags.ollamaHost ? '--ollama-host' : 'OLLAMA_HOST');
  const endpoint = flags.hfEndpoint ?? env.HF_ENDPOINT_URL;
  if (endpoint) settings.huggingface.endpointUrl = validateUrl(endpoint, flags.hfEndpoint ? '--hf-endpoint' : 'HF_ENDPOINT_URL');
  const provider = flags.hfProvider ?? env.HF_PROVIDER;
  if (provider) settings.huggingface.provider = validateSettings({ huggingface: { provider } }).huggingface.provider;

  const hfToken = env.HF_API_KEY || env.HF_TOKEN || undefined;
  const log = env.LLM_COMPARE_DEBUG ? stderrLogger(io) : undefined;
  const hfRouterUrl = env.HF_ROUTER_URL ? validateUrl(env.HF_ROUTER_URL, 'HF_ROUTER_URL') : undefined;
  const hfHubUrl = env.HF_HUB_URL ? validateUrl(env.HF_HUB_URL, 'HF_HUB_URL') : undefined;
  const modelKeys = modelKeysFromEnv(settings, env);
  const registry = new ModelRegistry(settings, { hfToken, modelKeys, hfRouterUrl, hfHubUrl, log });
  const engine = attachEngine(registry, settings, { cacheDir: cliCacheDir(env), env, log, onLog: log ? (line) => log.debug(`engine: ${line}`) : undefined });
  return { settings, registry, engine };
}

/** Each model's own key, from the environment variable its entry names in `apiKeyEnv` (unset = no key). */
export function modelKeysFromEnv(settings: Settings, env: Record<string, string | undefined>): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const slot of settings.models) {
    const value = slot.apiKeyEnv ? env[slot.apiKeyEnv]?.trim() : undefined;
    if (value) keys[slot.id] = value;
  }
  return keys;
}

async function readConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(`Cannot read config file ${path}${code === 'ENOENT' ? ': no such file' : `: ${code ?? String(e)}`}.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ConfigError(`Config file ${path} is not valid JSON: ${(e as Error).message}.`);
  }
}

/** Where the CLI keeps downloads (the engine binary, GGUF models): $XDG_CACHE_HOME/llm-compare or ~/.cache/llm-compare. */
export function cliCacheDir(env: Record<string, string | undefined>): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'llm-compare');
}
