/**
 * One reader for every OpenAI-style chat-completions server, shared by the `openai` and Hugging Face providers:
 * it sends the request, watches for stalls on the raw bytes, and turns the answer into our stream events. What
 * real servers send, and we accept:
 *  - SSE chunks ending with `data: [DONE]`, or ending with a `finish_reason` and no `[DONE]` (older TGI);
 *  - one `application/json` completion when the server ignores `stream: true` (marked `notStreamed`);
 *  - `usage` at the top level, in every chunk, or in a vendor field (`x_groq.usage`); llama.cpp's `timings`;
 *  - thinking text as `reasoning_content` / `reasoning` deltas, kept apart from the answer;
 *  - the end-of-sequence text older TGI leaks with `finish_reason: "eos_token"` (`</s>`), dropped.
 * An HTTP error is thrown as HttpStatusError with the body read here, before anything can drop it; each provider
 * words it for its users.
 */
import { redact } from '../redact';
import { LlmError } from './errors';
import { isJson, num, str, type Json } from './ollama-models';
import { rejectHtml } from './response-checks';
import { sendMarked } from './sent-mark';
import { sseBatches } from './sse';
import { StallWatch, stalledError } from './stall';
import type { ChatMessage, GenerateRequest, ModelSlot, SentMoment, ServerMetrics, StreamEvent } from './types';

/** A non-2xx answer, with the server's own words (already redacted and shortened). */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    /** The server's message, from `error`, `error.message`, `message`, `detail` or a plain-text body. */
    readonly serverMessage: string,
    /** The parsed JSON body, when it was JSON. */
    readonly json: unknown,
    /** The server's `retry-after` in ms, when it sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(`HTTP ${status}${serverMessage ? `: ${serverMessage}` : ''}`);
  }
}

export interface ChatRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface ChatStreamOptions {
  fetch: typeof fetch;
  /** The caller's cancel. */
  signal?: AbortSignal;
  /** No byte for this long (waiting for headers included) = stalled. <= 0 disables. */
  stallMs: number;
  /** Names the server in messages, e.g. `LM Studio (http://127.0.0.1:1234/v1)`. */
  what: string;
  /** Told as the request goes to `fetch` and when it has left (GenerateRequest.onSent, sent-mark.ts). */
  onSent?: (moment: SentMoment) => void;
}

/** The OpenAI request body for a slot and request. */
export function chatBody(slot: ModelSlot, req: GenerateRequest, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const temperature = req.temperature ?? slot.temperature;
  return {
    model: slot.model,
    messages: withSystemPrompt(slot, req.messages).map((m) => ({ role: m.role, content: m.content })),
    max_tokens: req.maxTokens ?? slot.maxTokens,
    ...(temperature !== undefined ? { temperature } : {}),
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
    stream: true,
    stream_options: { include_usage: true },
    ...extra,
  };
}

export function withSystemPrompt(slot: ModelSlot, messages: ChatMessage[]): ChatMessage[] {
  if (!slot.systemPrompt || messages.some((m) => m.role === 'system')) return messages;
  return [{ role: 'system', content: slot.systemPrompt }, ...messages];
}

/** `…/v1` → `…/v1/chat/completions`; a bare host gets `/v1/chat/completions`; a full URL stays. */
export function chatCompletionsUrl(endpoint: string): string {
  const base = endpoint.trim().replace(/\/+$/, '');
  if (base.endsWith('/chat/completions')) return base;
  return base.endsWith('/v1') ? `${base}/chat/completions` : `${base}/v1/chat/completions`;
}

/** The `…/v1` base of an endpoint (for `/models`). */
export function v1Base(endpoint: string): string {
  const base = endpoint.trim().replace(/\/+$/, '').replace(/\/chat\/completions$/, '');
  return base.endsWith('/v1') ? base : `${base}/v1`;
}

/**
 * Sends one chat-completions request and streams the answer's events, a batch per read of the body: the caller hands
 * them on one by one, so that a burst crosses one generator per event, not three (issue 12). Throws HttpStatusError for a non-2xx answer,
 * `stream-stalled`, `stream-broken` (cut short, or an error event mid-answer), or the raw fetch error (the
 * caller maps connection errors and aborts). Leaving the loop early closes the connection.
 */
export async function* streamChatCompletion(request: ChatRequest, o: ChatStreamOptions): AsyncGenerator<StreamEvent[]> {
  const own = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, own.signal]) : own.signal;
  const watch = new StallWatch(o.stallMs, () => own.abort());
  try {
    let response: Response;
    try {
      response = await sendMarked(() => o.fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal }), o.onSent);
    } catch (e) {
      if (watch.stalled) throw stalledError(o.what, o.stallMs);
      throw e;
    }
    watch.touch();
    if (!response.ok) throw await statusError(response);
    rejectHtml(response, o.what, 'an OpenAI-compatible JSON answer or event stream');
    try {
      if (isJsonResponse(response)) {
        yield* wholeAnswer(await response.text(), o.what);
        return;
      }
      if (!response.body) throw new LlmError('stream-broken', `${o.what} sent an empty answer. Try again.`, { fix: 'retry' });
      yield* readStream(response.body, watch, o.what, () => own.abort());
    } catch (e) {
      if (watch.stalled) throw stalledError(o.what, o.stallMs);
      throw e;
    }
  } finally {
    watch.stop();
    own.abort(); // also reached on a consumer's break: closing the connection is what stops the server
  }
}

function isJsonResponse(response: Response): boolean {
  return /\bjson\b/i.test(response.headers.get('content-type') ?? '');
}

/** What a chunk or a whole answer tells beside the text. */
interface Tally {
  finishReason: string | null;
  usage: Json | null;
  timings: Json | null;
}

/** After `[DONE]`, how long the rest of the body may take to arrive before the connection is closed instead. */
const DRAIN_MS = 1000;

async function* readStream(body: ReadableStream<Uint8Array>, watch: StallWatch, what: string, abort: () => void): AsyncGenerator<StreamEvent[]> {
  const tally: Tally = { finishReason: null, usage: null, timings: null };
  let sawDone = false;
  const lines = sseBatches(body, { onBytes: () => watch.touch(), onWait: () => watch.touch() });
  try {
    // Each read's events are parsed at once, then handed on: no await per line (a burst brings hundreds per read).
    // An error on a line comes after the events of the lines before it, as line by line.
    reading: for (;;) {
      const next = await lines.next();
      if (next.done) break;
      const events: StreamEvent[] = [];
      let failure: unknown = null;
      for (const line of next.value) {
        if (line === '[DONE]') sawDone = true;
        if (sawDone) break;
        try {
          eventsOfLine(line, tally, what, events);
        } catch (e) {
          failure = e;
          break;
        }
      }
      if (events.length > 0) yield events;
      if (failure !== null) throw failure;
      if (sawDone) break reading;
    }
    // A finish reason is the server saying "this answer is complete", with or without [DONE] after it.
    if (!sawDone && tally.finishReason === null) {
      throw new LlmError('stream-broken', `${what} ended the answer without saying it was complete (no finish reason, no [DONE]): the text may be cut short. Try again.`, { fix: 'retry' });
    }
    yield [doneEvent(tally, false)];
    // Read the little that follows [DONE] (the end of the body) so the connection goes back to the pool rather
    // than being torn down; a server that keeps it open after [DONE] gets it closed.
    if (sawDone) await drain(lines, abort);
  } finally {
    await lines.return(undefined);
  }
}

async function drain(lines: AsyncGenerator<string[]>, abort: () => void): Promise<void> {
  const timer = setTimeout(abort, DRAIN_MS);
  try {
    while (!(await lines.next()).done);
  } catch {
    // closed instead: the answer was already complete
  } finally {
    clearTimeout(timer);
  }
}

/** Pushes the events of one `data:` line onto `out` (no generator per line: a burst has thousands). */
function eventsOfLine(data: string, tally: Tally, what: string, out: StreamEvent[]): void {
  if (data.trim() === '') return;
  const chunk = parseEvent(data);
  if (chunk === undefined) {
    throw new LlmError('stream-broken', `${what} sent a malformed stream event: ${redact(data.slice(0, 80))}. The partial text is kept; try again.`, { fix: 'retry' });
  }
  eventsOf(chunk, tally, 'delta', what, out);
}

/**
 * One event's JSON. A complete object followed by stray bytes (seen from a real server: `{...}}"` as the last
 * event) is read up to its last `}` rather than thrown away with the finish reason and usage it carries.
 */
function parseEvent(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    const end = data.lastIndexOf('}');
    if (end <= 0 || end === data.length - 1) return undefined;
    try {
      return JSON.parse(data.slice(0, end + 1));
    } catch {
      return undefined;
    }
  }
}

/** A server that ignored `stream: true`: the complete answer in one JSON body. */
async function* wholeAnswer(text: string, what: string): AsyncGenerator<StreamEvent[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LlmError('stream-broken', `${what} sent an answer that is not valid JSON. Try again.`, { fix: 'retry' });
  }
  const tally: Tally = { finishReason: null, usage: null, timings: null };
  const events: StreamEvent[] = [];
  eventsOf(json, tally, 'message', what, events);
  events.push(doneEvent(tally, true));
  yield events;
}

/** Text, thinking and counters of one chunk (`delta`) or one whole answer (`message`), pushed onto `out`. */
function eventsOf(chunk: unknown, tally: Tally, field: 'delta' | 'message', what: string, out: StreamEvent[]): void {
  if (!isJson(chunk)) return;
  if (chunk.error !== undefined && chunk.error !== null) {
    const said = messageOf(chunk);
    throw new LlmError('stream-broken', `${what} reported an error in the middle of the answer: ${said || 'no details'}. The partial text is kept; try again.`, { fix: 'retry' });
  }
  const usage = usageOf(chunk);
  if (usage) tally.usage = usage;
  if (isJson(chunk.timings)) tally.timings = chunk.timings;
  const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
  for (const choice of choices) {
    if (!isJson(choice)) continue;
    const finish = str(choice.finish_reason);
    if (finish) tally.finishReason = finish;
    const part = isJson(choice[field]) ? (choice[field] as Json) : {};
    const thinking = str(part.reasoning_content) ?? str(part.reasoning);
    if (thinking) out.push({ type: 'reasoning', text: thinking });
    let content = str(part.content);
    if (content && finish === 'eos_token') content = withoutEos(content);
    if (content) out.push({ type: 'delta', text: content });
  }
}

/** `usage` at the top level, else in a vendor's own field (Groq: `x_groq.usage`). */
function usageOf(chunk: Json): Json | null {
  if (isJson(chunk.usage)) return chunk.usage;
  // for…in, not Object.entries: no array per chunk on every token's path (a parsed JSON object has only own keys).
  for (const key in chunk) {
    if (!key.startsWith('x_')) continue;
    const value = chunk[key];
    if (isJson(value) && isJson(value.usage)) return value.usage;
  }
  return null;
}

/** End-of-sequence markers a server may leak as text in its last chunk. */
const EOS_TEXT = /(?:<\/s>|<\|endoftext\|>|<\|im_end\|>|<\|eot_id\|>|<\|end\|>|<eos>)\s*$/;

function withoutEos(text: string): string {
  return text.replace(EOS_TEXT, '');
}

function doneEvent(t: Tally, notStreamed: boolean): StreamEvent {
  const predicted = t.timings ? num(t.timings.predicted_n) : null;
  const outputTokens = (t.usage ? num(t.usage.completion_tokens) : null) ?? predicted;
  const promptTokens = (t.timings ? num(t.timings.prompt_n) : null) ?? (t.usage ? num(t.usage.prompt_tokens) : null);
  let server: ServerMetrics | null = null;
  if (t.timings) {
    // llama.cpp's own clock: prompt processing and generation, like Ollama's eval_* counters.
    const rate = num(t.timings.predicted_per_second);
    server = { loadMs: null, promptEvalMs: num(t.timings.prompt_ms), promptTokens, evalMs: num(t.timings.predicted_ms), evalTokensPerSecond: rate !== null && rate > 0 ? rate : null };
  } else if (t.usage) {
    server = { loadMs: null, promptEvalMs: null, promptTokens, evalMs: null, evalTokensPerSecond: null };
  }
  return {
    type: 'done',
    outputTokens,
    server,
    ...(t.finishReason ? { finishReason: t.finishReason } : {}),
    ...(notStreamed ? { notStreamed: true } : {}),
  };
}

/** Reads an error answer's body ourselves: JSON (`error`, `error.message`, `message`, `detail`) or plain text. */
async function statusError(response: Response): Promise<HttpStatusError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // the body was cut: the status alone must do
  }
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  const said = isJson(json) ? messageOf(json) : text;
  return new HttpStatusError(response.status, shorten(said), json, retryAfterMs(response.headers.get('retry-after')));
}

/** `retry-after` as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function retryAfterMs(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** The server's own words from an error body, whatever shape it used. */
export function messageOf(body: Json): string {
  const err = body.error;
  if (typeof err === 'string') return shorten(err);
  if (isJson(err) && typeof err.message === 'string') return shorten(err.message);
  if (typeof body.message === 'string') return shorten(body.message);
  const detail = body.detail;
  if (typeof detail === 'string') return shorten(detail);
  if (Array.isArray(detail)) {
    // FastAPI / pydantic validation: [{loc: ["body", "max_tokens"], msg: "...", type: "..."}]
    const parts = detail.map((d) => {
      if (!isJson(d)) return String(d);
      const loc = Array.isArray(d.loc) ? d.loc.filter((p) => p !== 'body').join('.') : '';
      const msg = str(d.msg) ?? JSON.stringify(d);
      return loc ? `${loc}: ${msg}` : msg;
    });
    return shorten(parts.join('; '));
  }
  return err !== undefined && err !== null ? shorten(JSON.stringify(err)) : '';
}

function shorten(text: string): string {
  const flat = redact(text.replace(/\s+/g, ' ').trim());
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
