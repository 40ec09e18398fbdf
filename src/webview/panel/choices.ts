/**
 * The chooser's logic, pure (unit-tested without a DOM): which models a run uses, and how a model's origin is named
 * on its column. A VS Code chat model is never ticked by default: it may cost the user quota and asks for consent.
 */
import type { ColumnInfo, ModelChoice } from '../../shared/protocol';

/** The ticked ids that still exist, in chooser order; null (never chosen) = every configured model. */
export function effectiveSelection(choices: readonly ModelChoice[], selected: readonly string[] | null): string[] {
  if (selected === null) return choices.filter((c) => c.group === 'configured').map((c) => c.id);
  const ticked = new Set(selected);
  return choices.filter((c) => ticked.has(c.id)).map((c) => c.id);
}

/**
 * The provider name on a column: which kind of server answers, and for VS Code chat models whose they are. Online or
 * local is not implied by the kind (an Ollama host can be remote): the column's location badge says it.
 */
export function providerLabel(col: Pick<ColumnInfo, 'provider' | 'where'>): string {
  switch (col.provider) {
    case 'ollama':
      return 'Ollama';
    case 'huggingface':
      return 'Hugging Face';
    case 'openai':
      return 'OpenAI-compatible';
    case 'llamacpp':
      return 'Built-in engine';
    case 'vscode-lm':
      return col.where ? `VS Code chat (${col.where})` : 'VS Code chat';
    default:
      return String(col.provider);
  }
}
