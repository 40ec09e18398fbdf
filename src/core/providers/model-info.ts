/** A ModelInfo that says only what the slot itself tells: the starting point before anything is looked up. */
import { locationOfSlot } from './location';
import type { ModelInfo, ModelSlot } from './types';

export function unknownModelInfo(slot: ModelSlot, reason: string | null = null): ModelInfo {
  return {
    id: slot.id,
    label: slot.label,
    provider: slot.provider,
    model: slot.model,
    location: locationOfSlot(slot, slot.endpoint),
    endpoint: null,
    needsApiKey: slot.provider === 'huggingface' && !slot.endpoint,
    parameters: null,
    quantization: null,
    sizeBytes: null,
    contextWindow: null,
    allocatedContext: null,
    streaming: true,
    digest: null,
    reachable: false,
    reason,
    extra: {},
  };
}
