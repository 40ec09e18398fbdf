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
  /** Providers handed in from outside the core (VS Code's chat models), by kind, with the slots they offer. */
  private readonly external = new Map<ProviderKind, { provider: Provider; slots: () => readonly ModelSlot[] }>();

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

  /**
   * Lets a layer above the core supply the provider of a kind the core cannot build (e.g. `vscode-lm`), and the slots
   * it offers. Those slots are found by `get`/`select` but are not in `slots()`, which stays the configured list
   * ("all models" never means every chat model an editor happens to offer).
   */
  registerProvider(kind: ProviderKind, provider: Provider, slots: () => readonly ModelSlot[] = () => []): void {
    this.external.set(kind, { provider, slots });
  }

  /** The slots registered providers offer right now (e.g. VS Code's chat models). */
  offeredSlots(): ModelSlot[] {
    return [...this.external.values()].flatMap((e) => e.slots());
  }

  /** Throws ConfigError naming the kind when no provider is registered for it. */
  providerFor(kind: ProviderKind): Provider {
    if (kind === 'ollama') return this.ollama;
    if (kind === 'huggingface') return this.huggingface;
    const external = this.external.get(kind);
    if (!external) throw new ConfigError(`No provider for "${kind}" models is registered here.`);
    return external.provider;
  }

  /** Throws ConfigError listing the known ids when `id` is not configured. */
  get(id: string): ResolvedModel {
    const slot = this.byId.get(id) ?? this.offeredSlots().find((s) => s.id === id);
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
