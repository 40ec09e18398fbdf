/**
 * What a recorded exchange should become, read straight from the recording (an oracle independent of the
 * provider code): the text of every content delta, the server's token count, the finish reason; or, for an error,
 * the server's own words.
 */
import type { RecordedExchange } from '../support/replay-server';

export type Expected =
  | { kind: 'answer'; text: string; outputTokens: number | null; finishReason: string | null; notStreamed: boolean }
  | { kind: 'error'; status: number; serverWords: string };

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function expectedOf(x: RecordedExchange): Expected {
  const { status, headers, body } = x.response;
  if (status !== 200) return { kind: 'error', status, serverWords: errorWords(body) };
  if ((headers['content-type'] ?? '').includes('json')) {
    const json = JSON.parse(body) as Json;
    const choice = (json.choices as Json[])[0];
    const text = stripEos(String((choice.message as Json).content ?? ''), choice.finish_reason);
    return { kind: 'answer', text, outputTokens: tokensOf(json), finishReason: (choice.finish_reason as string) ?? null, notStreamed: true };
  }
  let text = '';
  let outputTokens: number | null = null;
  let finishReason: string | null = null;
  for (const line of body.split('\n')) {
    const m = /^data: ?(.*)$/.exec(line.replace(/\r$/, ''));
    if (!m || m[1] === '[DONE]' || m[1].trim() === '') continue;
    // The cerebras recording's last event has a stray `"` after its JSON object.
    const chunk = JSON.parse(m[1].replace(/}"$/, '}')) as Json;
    outputTokens = tokensOf(chunk) ?? outputTokens;
    for (const c of (chunk.choices as Json[] | undefined) ?? []) {
      if (c.finish_reason) finishReason = c.finish_reason as string;
      const content = (c.delta as Json | undefined)?.content;
      if (typeof content === 'string') text += stripEos(content, c.finish_reason);
    }
  }
  return { kind: 'answer', text, outputTokens, finishReason, notStreamed: false };
}

function tokensOf(chunk: Json): number | null {
  const usage = isJson(chunk.usage) ? chunk.usage : null;
  return usage && typeof usage.completion_tokens === 'number' ? usage.completion_tokens : null;
}

function stripEos(text: string, finish: unknown): string {
  return finish === 'eos_token' ? text.replace(/<\/s>$/, '') : text;
}

/** A distinctive piece of the server's own message. */
function errorWords(body: string): string {
  let words = body;
  try {
    const json = JSON.parse(body) as Json;
    if (typeof json.error === 'string') words = json.error;
    else if (isJson(json.error) && typeof json.error.message === 'string') words = json.error.message;
    else if (typeof json.message === 'string') words = json.message;
    else if (Array.isArray(json.detail)) words = String((json.detail[0] as Json).msg);
  } catch {
    // plain text: the body is the message
  }
  return words.slice(0, 40);
}
