/**
 * A scriptable in-memory Provider for bench tests: answers from a function, optional per-call delay, counts calls
 * and the most generations in flight at once, and honours AbortSignal like a real provider (throws AbortError).
 */
import { unknownModelInfo } from '../../src/core/providers/model-info';
import { LlmError } from '../../src/core/providers/errors';
import type { ResolvedModel } from '../../src/core/providers/registry';
import type { GenerateRequest, ModelInfo, ModelSlot, Provider, ProviderKind, StreamEvent } from '../../src/core/providers/types';

export interface FakeCall {
  slotId: string;
  prompt: string;
  request: GenerateRequest;
}

export interface FakeOptions {
  kind?: ProviderKind;
  /** The answer for a call; throw an LlmError to make the generation fail. */
  reply?: (call: FakeCall) => string;
  /** Time the generation takes (ms), split between first token and the rest. */
  delayMs?: number | ((call: FakeCall) => number);
  info?: Partial<ModelInfo>;
}

export class FakeProvider implements Provider {
  readonly kind: ProviderKind;
  readonly calls: FakeCall[] = [];
  inFlight = 0;
  maxInFlight = 0;
  aborted = 0;

  constructor(private readonly options: FakeOptions = {}) {
    this.kind = options.kind ?? 'ollama';
  }

  async *stream(slot: ModelSlot, request: GenerateRequest): AsyncIterable<StreamEvent> {
    const call: FakeCall = { slotId: slot.id, prompt: request.messages.map((m) => m.content).join('\n'), request };
    this.calls.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const d = this.options.delayMs;
      const delay = typeof d === 'function' ? d(call) : d ?? 0;
      await sleep(delay / 2, request.signal, () => this.aborted++);
      const text = (this.options.reply ?? (() => 'ok'))(call);
      yield { type: 'delta', text: text.slice(0, 1) };
      await sleep(delay / 2, request.signal, () => this.aborted++);
      yield { type: 'delta', text: text.slice(1) };
      yield { type: 'done', outputTokens: Math.max(1, Math.round(text.length / 4)), server: null };
    } finally {
      this.inFlight--;
    }
  }

  async describe(slot: ModelSlot): Promise<ModelInfo> {
    const local = slot.provider === 'ollama';
    return {
      ...unknownModelInfo(slot),
      parameters: '7B',
      quantization: local ? 'Q4_0' : null,
      sizeBytes: local ? 3_800_000_000 : null,
      contextWindow: 16384,
      digest: local ? 'sha256:abc' : null,
      reachable: true,
      extra: local ? { ollamaVersion: '0.9.0' } : { providerUsed: 'auto' },
      ...this.options.info,
    };
  }
}

function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(t);
      onAbort();
      reject(new DOMException('Aborted', 'AbortError'));
    };
    if (signal?.aborted) return abort();
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** A resolved model slot on a fake provider. */
export function fakeModel(id: string, provider: FakeProvider, kind: ProviderKind = provider.kind): ResolvedModel {
  return { slot: { id, label: id.toUpperCase(), provider: kind, model: `${id}:model`, maxTokens: 512 }, provider };
}

export { LlmError };
