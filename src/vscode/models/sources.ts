/**
 * Where "Add model…" can find models: one row per kind of server. A new source (VS Code's own chat models, the
 * built-in engine) is one more row: how to ask for the endpoint (or none), how to list what it offers, which key
 * it takes.
 */
import { ConfigError } from '../../core/providers/errors';
import { HF_HUB_URL } from '../../core/providers/huggingface-fetch';
import { hostOf } from '../../core/providers/slot-target';
import { checkServer, type ServerModels } from '../../core/providers/server-check';
import type { ProviderKind } from '../../core/providers/types';
import { validateHost, validateUrl, type Settings } from '../../core/settings';
import { isHuggingFaceHost } from '../../core/providers/keys';
import { hfStandIns } from './tokens';

export type KeyKind = 'own' | 'hf' | 'none';

export interface AddSource {
  id: string;
  provider: ProviderKind;
  label: string;
  detail: string;
  /** The endpoint step; absent = this source has no endpoint to ask for. */
  endpoint?: {
    prompt: string;
    placeholder: string;
    /** Prefilled value (the global default where there is one). */
    initial(settings: Settings): string;
    /** Throws ConfigError with a message for the input box; '' may be allowed (then the default applies). */
    normalize(value: string): string;
    /** The value that means "the global default": it is not written into the entry, so the default keeps applying. */
    isDefault(value: string, settings: Settings): boolean;
  };
  list(endpoint: string, token: string | undefined, signal?: AbortSignal): Promise<ServerModels>;
  /** Which key the model takes at this endpoint. */
  keyKind(endpoint: string): KeyKind;
  /** For the column label: where the model runs. */
  where(endpoint: string, settings: Settings): string;
}

const CHECK_TIMEOUT_MS = 4000;

export const ADD_SOURCES: readonly AddSource[] = [
  {
    id: 'ollama',
    provider: 'ollama',
    label: '$(server) Ollama',
    detail: 'A model in Ollama, on this machine or another one (local).',
    endpoint: {
      prompt: 'Where Ollama listens (http://host:port). Checked as you type.',
      placeholder: 'http://127.0.0.1:11434',
      initial: (s) => s.ollama.host,
      normalize: (v) => validateHost(v, 'The host'),
      isDefault: (v, s) => v === s.ollama.host,
    },
    list: (endpoint, token, signal) => checkServer('ollama', endpoint, { token, signal, timeoutMs: CHECK_TIMEOUT_MS }),
    keyKind: () => 'own',
    where: (endpoint, s) => (endpoint === s.ollama.host ? 'Ollama' : `Ollama on ${hostOf(endpoint)}`),
  },
  {
    id: 'openai',
    provider: 'openai',
    label: '$(plug) OpenAI-compatible server',
    detail: 'LM Studio, vLLM, llama.cpp server, TGI, LiteLLM, OpenRouter, Ollama’s /v1…',
    endpoint: {
      prompt: 'The server’s base URL, ending in /v1. Checked as you type.',
      placeholder: 'http://127.0.0.1:1234/v1',
      initial: () => 'http://127.0.0.1:1234/v1',
      normalize: (v) => {
        if (!v.trim()) throw new ConfigError('Enter the base URL, e.g. http://127.0.0.1:1234/v1.');
        return validateUrl(v, 'The URL');
      },
      isDefault: () => false,
    },
    list: (endpoint, token, signal) => checkServer('openai', endpoint, { token, signal, timeoutMs: CHECK_TIMEOUT_MS }),
    keyKind: () => 'own',
    where: (endpoint) => hostOf(endpoint),
  },
  {
    id: 'huggingface',
    provider: 'huggingface',
    label: '$(cloud) Hugging Face',
    detail: 'A model served by Hugging Face Inference Providers (online), or your own Inference Endpoint.',
    endpoint: {
      prompt: 'Leave empty for the Hugging Face router, or enter an Inference Endpoint URL.',
      placeholder: 'empty = router.huggingface.co',
      initial: (s) => s.huggingface.endpointUrl ?? '',
      normalize: (v) => (v.trim() === '' ? '' : validateUrl(v, 'The URL')),
      isDefault: (v, s) => v === (s.huggingface.endpointUrl ?? ''),
    },
    list: (endpoint, token, signal) =>
      endpoint
        ? checkServer('openai', endpoint, { token, signal, timeoutMs: CHECK_TIMEOUT_MS })
        : checkServer('huggingface-hub', process.env.HF_HUB_URL || HF_HUB_URL, { token, signal, timeoutMs: CHECK_TIMEOUT_MS }),
    keyKind: (endpoint) => (!endpoint || isHuggingFaceHost(endpoint, hfStandIns()) ? 'hf' : 'own'),
    where: (endpoint) => (endpoint ? hostOf(endpoint) : 'Hugging Face'),
  },
];
