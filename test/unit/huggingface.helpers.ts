/** Shared by the huggingface.*.test.ts files: a slot, a token, and a collector that keeps the error. */
import { HuggingFaceProvider, type HuggingFaceProviderOptions } from '../../src/core/providers/huggingface';
import type { GenerateRequest, ModelSlot, StreamEvent } from '../../src/core/providers/types';
import { startHfSim, type HfSim } from '../support/hf-sim';

export const TOKEN = 'hf_SimTestToken0123456789abcdefXYZ';
export const MODEL = 'Qwen/Qwen2.5-Coder-32B-Instruct';

export function slot(over: Partial<ModelSlot> = {}): ModelSlot {
  return { id: 'online-qwen', label: 'Qwen online', provider: 'huggingface', model: MODEL, maxTokens: 64, ...over };
}

export function request(over: Partial<GenerateRequest> = {}): GenerateRequest {
  return { messages: [{ role: 'user', content: 'Write a hello world in Python' }], ...over };
}

/** A provider on the router (provider "auto" unless overridden), pointed at the simulator. */
export function routerProvider(sim: HfSim, over: Partial<HuggingFaceProviderOptions> = {}): HuggingFaceProvider {
  return new HuggingFaceProvider({ token: TOKEN, provider: 'auto', routerUrl: sim.url, hubUrl: sim.url, stallTimeoutMs: 10_000, ...over });
}

export interface Collected {
  events: StreamEvent[];
  text: string;
  error: unknown;
}

/** Runs a stream to its end; the error (if any) is returned, not thrown, so tests can look at both. */
export async function collect(source: AsyncIterable<StreamEvent>, onEvent?: (e: StreamEvent) => void): Promise<Collected> {
  const events: StreamEvent[] = [];
  let error: unknown = null;
  try {
    for await (const e of source) {
      events.push(e);
      onEvent?.(e);
    }
  } catch (e) {
    error = e;
  }
  const text = events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
  return { events, text, error };
}

export function doneOf(c: Collected): Extract<StreamEvent, { type: 'done' }> | undefined {
  return c.events.find((e): e is Extract<StreamEvent, { type: 'done' }> => e.type === 'done');
}

/**
 * One Hugging Face simulator for the enclosing `describe`, handed to `use` once it listens; every test starts with
 * the default script and no records.
 */
export function useHfSim(use: (sim: HfSim) => void): void {
  let sim: HfSim;
  before(async () => {
    sim = await startHfSim();
    use(sim);
  });
  after(() => sim.close());
  beforeEach(() => {
    sim.setScript({});
    sim.reset();
  });
}
