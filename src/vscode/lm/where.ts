/**
 * Where a slot's requests go, in words for the chooser and VS Code's model picker (issue 8: every model shows its
 * host). Pure: the slot's own endpoint wins, then the global default the provider would use.
 */
import type { ModelSlot } from '../../core/providers/types';
import type { Settings } from '../../core/settings';

/** `defaults` null: the global defaults are unknown (bad settings); only what the slot says is shown. */
export function whereItRuns(slot: ModelSlot, defaults: Pick<Settings, 'ollama' | 'huggingface'> | null): string {
  switch (slot.provider) {
    case 'ollama':
      return slot.endpoint ?? defaults?.ollama.host ?? 'the default Ollama host';
    case 'huggingface': {
      const url = slot.endpoint ?? defaults?.huggingface.endpointUrl;
      return url ?? `Hugging Face router (${defaults?.huggingface.provider ?? 'auto'})`;
    }
    case 'openai':
      return slot.endpoint ?? 'no endpoint set';
    case 'llamacpp':
      return 'built-in engine (this machine)';
    case 'vscode-lm':
      // VS Code does not say which server answers; the chooser shows the vendor instead.
      return 'VS Code chat';
  }
}
