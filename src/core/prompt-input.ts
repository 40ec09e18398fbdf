/**
 * Code the user hands to a model (a selection, a file as context) is checked before it is sent: nothing for empty
 * or whitespace-only input, a refusal for binary data (it means nothing to a model and can be megabytes), and a cut
 * with a visible warning when it would not fit the model's context: a server would otherwise truncate the prompt
 * silently (Ollama drops its beginning, the question included) or reject it.
 */
import type { EngineSettings } from './engine/engine-settings';
import type { ModelSlot } from './providers/types';

/** Never send more than this, whatever the model: about 15,000 tokens of code. */
export const MAX_INPUT_CHARS = 60_000;
/**
 * Context sizes assumed when the real one is not known before sending: Ollama's default `num_ctx` (we do not
 * raise it, so this is what the server uses, whatever the model could take), the built-in engine's default
 * `contextSize`, and a common size for hosted models.
 */
const ASSUMED_CONTEXT_TOKENS: Record<string, number> = { ollama: 4096, llamacpp: 4096, default: 32_768 };
/** Code runs at about 3–4 characters per token: 3 keeps the estimate on the safe side. */
const CHARS_PER_TOKEN = 3;
/** Room for the instructions around the code. */
const RESERVE_TOKENS = 256;

/**
 * The characters of input that fit every one of `slots`, leaving room for its answer. The built-in engine's context
 * is known exactly (we start it with `engine.contextSize`): pass the engine settings and it is used.
 */
export function inputBudgetChars(slots: ReadonlyArray<Pick<ModelSlot, 'provider' | 'maxTokens'>>, engine?: Pick<EngineSettings, 'contextSize'>): number {
  const fits = slots.map((s) => {
    const context = (s.provider === 'llamacpp' && engine?.contextSize) || (ASSUMED_CONTEXT_TOKENS[s.provider] ?? ASSUMED_CONTEXT_TOKENS.default);
    return Math.max(1000, (context - s.maxTokens - RESERVE_TOKENS) * CHARS_PER_TOKEN);
  });
  return Math.min(MAX_INPUT_CHARS, ...fits);
}

export type CheckedInput =
  | { ok: true; text: string; /** Set when the text was cut: say so to the user. */ warning?: string }
  | { ok: false; reason: string };

/** Binary data: NUL bytes, or many control or undecodable characters (U+FFFD). */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 65_536);
  const odd = sample.match(/[\u0001-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/g)?.length ?? 0;
  return sample.length > 0 && odd / sample.length > 0.02;
}

/** Checks `text` ("the selection", "the file") against the budget; cuts at a line end when it is too long. */
export function checkInput(text: string, what: string, budgetChars: number): CheckedInput {
  if (text.trim() === '') return { ok: false, reason: `${capital(what)} is empty: there is nothing to send.` };
  if (looksBinary(text)) return { ok: false, reason: `${capital(what)} looks like binary data, not text: nothing was sent.` };
  if (text.length <= budgetChars) return { ok: true, text };
  const lineEnd = text.lastIndexOf('\n', budgetChars);
  const cut = text.slice(0, lineEnd > budgetChars / 2 ? lineEnd + 1 : budgetChars);
  return {
    ok: true,
    text: cut,
    warning: `${capital(what)} has ${text.length.toLocaleString('en-US')} characters: only the first ${cut.length.toLocaleString('en-US')} were sent, so that the prompt fits the model's context.`,
  };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
