/**
 * The registry: model slot id → (slot, provider). Built from validated Settings plus secrets; everything a provider
 * needs from outside (fetch, logger, sleep) is injected here so tests and the CLI share the same wiring.
 */
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { registerSecret } from '../redact';
import type { Settings } from '../settings';
import { ConfigError } from './errors';
import { HuggingFaceProvider } from './huggingface';
import { OllamaProvider } from './ollama';
import type { ModelSlot, Provider, ProviderKind } from './types';

export interface RegistryDeps {
  /** Hugging Face token (hf_…) or a bearer token for an OpenAI-compatible endpoint. */
  hfToken?: string;
  /** Per-model keys by slot id, each sent only to that slot's own endpoint. */
  modelKeys?: Record<string, string>;
  fetch?: typeof fetch;
  log?: Logger;
}

export interface ResolvedModel {
  slot: ModelSlot;
  provider: Provider;
}

export class ModelRegistry {
  readonly ollama: OllamaProvider;
  readonly huggingface: HuggingFaceProvider;
  private readonly byId: Map<string, ModelSlot>;

  constructor(readonly settings: Settings, deps: RegistryDeps = {}) {
    const log = deps.log ?? silentLogger;
    registerSecret(deps.hfToken);
    this.ollama = new OllamaProvider({ host: settings.ollama.host, fetch: deps.fetch, stallTimeoutMs: settings.requestTimeoutMs, log });
    this.huggingface = new HuggingFaceProvider({
      token: deps.hfToken,
      provider: settings.huggingface.provider,
      endpointUrl: settings.huggingface.endpointUrl,
      fetch: deps.fetch,
      stallTimeoutMs: settings.requestTimeoutMs,
      log,
    });
    this.byId = new Map(settings.models.map((m) => [m.id, m]));
  }

  slots(): ModelSlot[] {
    return [...this.byId.values()];
  }

  providerFor(kind: ProviderKind): Provider {
    return kind === 'ollama' ? this.ollama : this.huggingface;
  }

  /** Throws ConfigError listing the known ids when `id` is not configured. */
  get(id: string): ResolvedModel {
    const slot = this.byId.get(id);
    if (!slot) {
      throw new ConfigError(`Unknown model id "${id}". Configured: ${[...this.byId.keys()].join(', ')}.`);
    }
    return { slot, provider: this.providerFor(slot.provider) };
  }

  /** Resolves a list of ids (all slots when empty), keeping the configured order. */
  select(ids?: readonly string[]): ResolvedModel[] {
    if (!ids || ids.length === 0) return this.slots().map((s) => this.get(s.id));
    return ids.map((id) => this.get(id));
  }
}
