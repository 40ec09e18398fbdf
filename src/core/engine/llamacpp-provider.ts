/**
 * The `llamacpp` provider ("Built-in engine"): starts the engine on first use, then is the `openai` provider pointed
 * at the engine's loopback port with the engine's own key. Nothing else differs: llama-server speaks the same
 * chat-completions protocol, and its `timings` become the server counters there.
 */
import type { Logger } from '../log';
import { CancelledError } from '../providers/errors';
import { OpenAiProvider } from '../providers/openai';
import { unknownModelInfo } from '../providers/model-info';
import type { GenerateRequest, ModelInfo, ModelSlot, Provider, StreamEvent } from '../providers/types';
import type { EngineEndpoint, EngineState } from './engine';

/** What the provider needs from the engine: a ready endpoint (started on demand), and its state for the UI. */
export interface EngineHandle {
  ensureStarted(): Promise<EngineEndpoint>;
  status(): EngineState;
}

export class LlamaCppProvider implements Provider {
  readonly kind = 'llamacpp' as const;

  constructor(private readonly engine: EngineHandle, private readonly opts: { fetch?: typeof fetch; stallTimeoutMs?: number; log?: Logger } = {}) {}

  async *stream(slot: ModelSlot, req: GenerateRequest): AsyncGenerator<StreamEvent> {
    if (req.signal?.aborted) throw new CancelledError();
    // Starting takes a moment (a large model loads for seconds): say so rather than look stuck.
    if (this.engine.status().state !== 'ready') yield { type: 'status', status: 'waiting', detail: 'The built-in engine is starting and loading its model…' };
    const endpoint = await this.engine.ensureStarted();
    if (req.signal?.aborted) throw new CancelledError();
    const { provider, engineSlot } = this.delegate(slot, endpoint);
    yield* provider.stream(engineSlot, req);
  }

  async describe(slot: ModelSlot, signal?: AbortSignal): Promise<ModelInfo> {
    let endpoint: EngineEndpoint;
    try {
      endpoint = await this.engine.ensureStarted();
    } catch (e) {
      return { ...unknownModelInfo(slot, (e as Error).message), location: 'local' };
    }
    const { provider, engineSlot } = this.delegate(slot, endpoint);
    const info = await provider.describe(engineSlot, signal);
    return { ...info, provider: 'llamacpp', location: 'local', needsApiKey: false, extra: { ...info.extra, engine: 'llama.cpp (built-in)' } };
  }

  /** An `openai` provider and slot that reach the engine with its key (and no other secret). */
  private delegate(slot: ModelSlot, endpoint: EngineEndpoint): { provider: OpenAiProvider; engineSlot: ModelSlot } {
    const engineSlot: ModelSlot = { ...slot, provider: 'openai', endpoint: endpoint.baseUrl, useHfToken: false };
    const provider = new OpenAiProvider({ secrets: { modelKeys: { [slot.id]: endpoint.apiKey } }, fetch: this.opts.fetch, stallTimeoutMs: this.opts.stallTimeoutMs, log: this.opts.log });
    return { provider, engineSlot };
  }
}
