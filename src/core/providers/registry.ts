/**
 * The registry: model slot id → (slot, provider, endpoint). Built from validated Settings plus secrets; everything a
 * provider needs from outside (fetch, logger, keys) is injected here so tests and the CLI share the same wiring.
 * Providers written outside the core (VS Code's chat models, the built-in engine) are handed in with
 * `registerProvider`.
 */
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { registerSecret } from '../redact';
import type { Settings } from '../settings';
import { PriceBook } from '../cost/price-book';
import type { PriceQuote } from '../cost/price';
import { ConfigError } from './errors';
import { HF_ROUTER_URL } from './huggingface-fetch';
import { HuggingFaceProvider } from './huggingface';
import { OllamaProvider } from './ollama';
import { OpenAiProvider } from './openai';
import type { ModelSlot, Provider, ProviderKind } from './types';

export interface RegistryDeps {
  /** The Hugging Face token (hf_…): sent only to Hugging Face hosts or to a slot marked `useHfToken` (keys.ts). */
  hfToken?: string;
  /** Per-model keys by slot id: each sent only to its own slot's endpoint. */
  modelKeys?: Record<string, string>;
  /**
   * Stand-ins for Hugging Face's router and Hub (`HF_ROUTER_URL`, `HF_HUB_URL`: a proxy, or a simulator in tests).
   * The HF token goes to them as it would to Hugging Face.
   */
  hfRouterUrl?: string;
  hfHubUrl?: string;
  fetch?: typeof fetch;
  log?: Logger;
}

export interface ResolvedModel {
  slot: ModelSlot;
  provider: Provider;
  /** Where this slot's requests go: its own endpoint or the global default; undefined = the provider's own default. */
  endpoint?: string;
  /** This slot's price (user-set or from the HF router's list); null when unknown. Never rejects. */
  quote?: () => Promise<PriceQuote | null>;
}

export class ModelRegistry {
  readonly ollama: OllamaProvider;
  readonly huggingface: HuggingFaceProvider;
  readonly openai: OpenAiProvider;
  readonly prices: PriceBook;
  private readonly byId: Map<string, ModelSlot>;
  private readonly registered = new Map<ProviderKind, Provider>();
  /** Slots offered by registered providers (VS Code's chat models): found by `get`, not listed by `slots()`. */
  private readonly offered = new Map<ProviderKind, () => readonly ModelSlot[]>();

  constructor(readonly settings: Settings, deps: RegistryDeps = {}) {
    const log = deps.log ?? silentLogger;
    registerSecret(deps.hfToken);
    for (const key of Object.values(deps.modelKeys ?? {})) registerSecret(key);
    const secrets = { hfToken: deps.hfToken, modelKeys: deps.modelKeys ?? {} };
    this.ollama = new OllamaProvider({ host: settings.ollama.host, secrets, fetch: deps.fetch, stallTimeoutMs: settings.requestTimeoutMs, log });
    this.huggingface = new HuggingFaceProvider({
      token: deps.hfToken,
      modelKeys: secrets.modelKeys,
      provider: settings.huggingface.provider,
      endpointUrl: settings.huggingface.endpointUrl,
      ...(deps.hfRouterUrl ? { routerUrl: deps.hfRouterUrl } : {}),
      ...(deps.hfHubUrl ? { hubUrl: deps.hfHubUrl } : {}),
      fetch: deps.fetch,
      stallTimeoutMs: settings.requestTimeoutMs,
      log,
    });
    this.openai = new OpenAiProvider({ secrets, fetch: deps.fetch, stallTimeoutMs: settings.requestTimeoutMs, log });
    this.prices = new PriceBook({ routerUrl: deps.hfRouterUrl ?? HF_ROUTER_URL, hfToken: deps.hfToken, hfProvider: settings.huggingface.provider, fetch: deps.fetch });
    this.byId = new Map(settings.models.map((m) => [m.id, m]));
  }

  slots(): ModelSlot[] {
    return [...this.byId.values()];
  }

  /**
   * Hands in a provider written outside the core (`vscode-lm`, `llamacpp`); replaces an earlier one of that kind.
   * `offered`: the slots it offers right now (VS Code's chat models). Those are found by `get`/`select` but are not
   * in `slots()`, which stays the configured list ("all models" never means every chat model an editor offers).
   */
  registerProvider(kind: ProviderKind, provider: Provider, offered?: () => readonly ModelSlot[]): void {
    this.registered.set(kind, provider);
    if (offered) this.offered.set(kind, offered);
  }

  /** The slots registered providers offer right now (e.g. VS Code's chat models). */
  offeredSlots(): ModelSlot[] {
    return [...this.offered.values()].flatMap((slots) => slots());
  }

  /** Adds slots not written in settings (VS Code's chat models); an id already configured is an error. */
  addSlots(slots: readonly ModelSlot[]): void {
    for (const s of slots) {
      if (this.byId.has(s.id)) throw new ConfigError(`Model id "${s.id}" is already configured.`);
      this.byId.set(s.id, s);
    }
  }

  providerFor(kind: ProviderKind): Provider {
    const registered = this.registered.get(kind);
    if (registered) return registered;
    switch (kind) {
      case 'ollama':
        return this.ollama;
      case 'huggingface':
        return this.huggingface;
      case 'openai':
        return this.openai;
      case 'llamacpp':
      case 'vscode-lm':
        throw new ConfigError(`No provider for "${kind}" models is available here${kind === 'vscode-lm' ? ' (VS Code chat models exist only inside VS Code)' : ' (the built-in engine is not set up)'}.`);
    }
  }

  /** Where a slot's requests go: its own endpoint, else the global default of its kind. */
  endpointOf(slot: ModelSlot): string | undefined {
    if (slot.endpoint) return slot.endpoint;
    if (slot.provider === 'ollama') return this.settings.ollama.host;
    if (slot.provider === 'huggingface') return this.settings.huggingface.endpointUrl;
    return undefined;
  }

  /** Throws ConfigError listing the known ids when `id` is not configured. */
  get(id: string): ResolvedModel {
    const slot = this.byId.get(id) ?? this.offeredSlots().find((s) => s.id === id);
    if (!slot) {
      throw new ConfigError(`Unknown model id "${id}". Configured: ${[...this.byId.keys()].join(', ')}.`);
    }
    const endpoint = this.endpointOf(slot);
    const quote = () => this.prices.quote(slot, endpoint);
    return { slot, provider: this.providerFor(slot.provider), ...(endpoint ? { endpoint } : {}), quote };
  }

  /** Resolves a list of ids (all slots when empty), keeping the configured order. */
  select(ids?: readonly string[]): ResolvedModel[] {
    if (!ids || ids.length === 0) return this.slots().map((s) => this.get(s.id));
    return ids.map((id) => this.get(id));
  }
}
