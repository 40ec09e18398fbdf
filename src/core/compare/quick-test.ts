/**
 * "Test": one short request to one model, to see that it answers and how soon. The first-token time is measured on
 * this machine's monotonic clock from just before the request is sent, so it includes connecting, any model load
 * and the prompt's processing: what a user waits for, not the server's own counters.
 */
import { performance } from 'node:perf_hooks';
import { toLlmError, type LlmError } from '../providers/errors';
import type { ModelRegistry } from '../providers/registry';

export const TEST_PROMPT = 'Reply with the single word: ready';
const TEST_MAX_TOKENS = 16;
/** The answer shown back is cut here: a test is not a conversation. */
const SHOWN_CHARS = 80;

export type TestOutcome =
  | { ok: true; firstTokenMs: number | null; totalMs: number; text: string }
  | { ok: false; error: LlmError };

export async function runTest(registry: Pick<ModelRegistry, 'get'>, slotId: string, signal?: AbortSignal, now: () => number = () => performance.now()): Promise<TestOutcome> {
  try {
    const { slot, provider } = registry.get(slotId);
    const started = now();
    let first: number | null = null;
    let text = '';
    for await (const event of provider.stream(slot, { messages: [{ role: 'user', content: TEST_PROMPT }], maxTokens: TEST_MAX_TOKENS, temperature: 0, signal })) {
      if (event.type !== 'delta' || event.text === '') continue;
      first ??= now() - started;
      text += event.text;
    }
    const shown = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
    return {
      ok: true,
      firstTokenMs: first === null ? null : Math.round(first),
      totalMs: Math.round(now() - started),
      text: shown.length > SHOWN_CHARS ? `${shown.slice(0, SHOWN_CHARS - 1)}…` : shown,
    };
  } catch (e) {
    return { ok: false, error: toLlmError(e) };
  }
}
