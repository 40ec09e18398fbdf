/** The `llmCompare.models` entry the set-up adds when no built-in engine model is configured. Pure. */
import path from 'node:path';
import type { EngineSettings } from '../../core/engine/engine-settings';
import { idsOf, newEntryId } from '../../core/model-entries';

/** The model the engine loads, as a short name: the GGUF file without its extension. */
export function engineModelName(engine: EngineSettings): string {
  const file = engine.modelPath ? path.basename(engine.modelPath) : engine.modelFile;
  return file.replace(/\.gguf$/i, '') || 'model';
}

/** Whether the list (raw, as written) has a `llamacpp` entry already. */
export function hasEngineEntry(raw: readonly unknown[]): boolean {
  return raw.some((e) => typeof e === 'object' && e !== null && (e as { provider?: unknown }).provider === 'llamacpp');
}

/** A new entry for the engine's model, with an id no other entry has. */
export function engineEntry(engine: EngineSettings, current: readonly unknown[]): { id: string; label: string; provider: 'llamacpp'; model: string } {
  const model = engineModelName(engine);
  return { id: newEntryId('builtin', model, idsOf(current)), label: `Built-in engine (${model})`, provider: 'llamacpp', model };
}
