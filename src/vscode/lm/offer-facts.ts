/**
 * How one of our model slots is described to VS Code chat, and how VS Code chat's messages become ours. Pure (no
 * `vscode` import), unit-tested. Facts come from the provider's `describe` (the server's own numbers) or are absent;
 * the API insists on numbers for the input and output limits, so where the server did not say, a conservative,
 * documented default stands in and the tooltip says so.
 */
import type { ChatMessage, ModelInfo, ModelSlot } from '../../core/providers/types';
import type { LanguageModelChatInformation } from './api-1.104';

/** Assumed input limit when the server does not tell its context window (README: "Our models in VS Code chat"). */
export const ASSUMED_INPUT_TOKENS = 4096;

const PROVIDER_NAMES: Record<ModelSlot['provider'], string> = {
  ollama: 'Ollama',
  huggingface: 'Hugging Face',
  openai: 'OpenAI-compatible',
  llamacpp: 'Built-in engine',
  'vscode-lm': 'VS Code chat',
};

export function chatInformation(slot: ModelSlot, info: ModelInfo | null, where: string): LanguageModelChatInformation {
  const context = info?.contextWindow ?? null;
  // The context window holds the prompt and the answer: leave room for the answer we ask for.
  const input = context === null ? null : context > slot.maxTokens ? context - slot.maxTokens : context;
  const facts = [
    `${PROVIDER_NAMES[slot.provider]} · ${slot.model} at ${where}`,
    context === null ? `context window unknown (${ASSUMED_INPUT_TOKENS} input tokens assumed)` : `context window ${context} tokens`,
    `answers up to ${slot.maxTokens} tokens (llmCompare.models)`,
  ];
  return {
    id: slot.id,
    name: slot.label,
    family: slot.provider,
    version: slot.model,
    detail: where,
    tooltip: facts.join('\n'),
    maxInputTokens: input ?? ASSUMED_INPUT_TOKENS,
    // Exactly the cap we send with every request.
    maxOutputTokens: slot.maxTokens,
    capabilities: { imageInput: false, toolCalling: false },
  };
}

/** The text of a message's parts; tool calls, images and other parts we cannot send are left out. */
export function partsText(content: ReadonlyArray<unknown>): string {
  return content
    .map((p) => (typeof p === 'object' && p !== null && typeof (p as { value?: unknown }).value === 'string' ? (p as { value: string }).value : ''))
    .join('');
}

/** VS Code's roles: 1 = user, 2 = assistant (`LanguageModelChatMessageRole`); anything else is sent as user text. */
export function fromChatMessages(messages: ReadonlyArray<{ role: number; content: ReadonlyArray<unknown> }>): ChatMessage[] {
  return messages
    .map((m): ChatMessage => ({ role: m.role === 2 ? 'assistant' : 'user', content: partsText(m.content) }))
    .filter((m) => m.content !== '');
}

/** A rough count: there is no tokenizer for every model we serve, so ≈ 4 characters per token, as the core estimates. */
export function estimateTokens(text: string): number {
  return text === '' ? 0 : Math.max(1, Math.round(text.length / 4));
}
