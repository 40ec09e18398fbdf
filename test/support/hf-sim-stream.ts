/**
 * Writes one chat reply of the simulator: an HTTP error, or an OpenAI-style SSE stream (`data: {json}\n\n` …
 * `data: [DONE]`), paced by timers so a client that hangs up mid-way is seen (`stream.clientClosedEarly`) and no
 * further chunk is written after it left.
 */
import type { ServerResponse } from 'node:http';
import type { HfSimRequest, HfSimStream } from './hf-sim';
import { splitIntoChunks, type HfSimChatReply } from './hf-sim-script';

interface ChatBody {
  model?: string;
  max_tokens?: number;
  messages?: { content?: unknown }[];
  stream_options?: { include_usage?: boolean };
}

export function writeChatStream(res: ServerResponse, req: HfSimRequest, reply: HfSimChatReply, stream: HfSimStream): void {
  const body = (req.body ?? {}) as ChatBody;
  const status = reply.status ?? 200;
  let chunks = reply.chunks ?? splitIntoChunks(typeof reply.text === 'function' ? reply.text(req) : reply.text ?? 'Hello from the simulator.');
  let finishReason = reply.finishReason ?? 'stop';
  if (typeof body.max_tokens === 'number' && chunks.length > body.max_tokens) {
    chunks = chunks.slice(0, body.max_tokens);
    finishReason = reply.finishReason ?? 'length';
  }
  stream.totalChunks = status === 200 ? chunks.length : 0;
  const gone = () => res.destroyed || res.writableEnded;

  const start = () => {
    if (gone()) return;
    if (status !== 200) {
      const payload = typeof reply.body === 'function' ? reply.body(req) : reply.body ?? { error: `HTTP ${status}` };
      const text = JSON.stringify(payload);
      stream.completed = true;
      res.writeHead(status, { ...reply.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': 'sim-req' }).end(text);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': 'sim-req' });
    res.flushHeaders();
    const id = `chatcmpl-sim-${req.chatIndex}`;
    const created = Math.floor(Date.now() / 1000);
    const model = reply.model ?? body.model ?? 'sim';
    const event = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;
    const choice = (delta: Record<string, unknown>, finish: string | null) => ({ index: 0, delta, logprobs: null, finish_reason: finish });

    res.write(event([choice({ role: 'assistant', content: '' }, null)]));
    let i = 0;
    const fault = reply.fault;
    const step = () => {
      if (gone()) return;
      if (fault && i === fault.afterChunks) return applyFault();
      if (i < chunks.length) {
        // A burst writes on until the end (or a fault); otherwise one chunk per timer tick.
        do {
          res.write(event([choice({ role: 'assistant', content: chunks[i] }, null)]));
          stream.chunksWritten = ++i;
        } while (reply.burst && i < chunks.length && !(fault && i === fault.afterChunks));
        if (!reply.burst || (fault && i === fault.afterChunks)) return void setTimeout(step, reply.chunkDelayMs ?? 0);
      }
      res.write(event([choice({}, finishReason)]));
      const usage = usageFor(reply, body, chunks.length);
      if (usage) res.write(event([], { usage }));
      res.write('data: [DONE]\n\n');
      stream.completed = true;
      res.end();
    };
    const applyFault = () => {
      switch (fault?.kind) {
        case 'error-event':
          res.write(`data: ${JSON.stringify({ error: fault.error ?? 'Input validation error: the model crashed', error_type: 'generation' })}\n\n`);
          stream.completed = true;
          return void res.end();
        case 'end-without-done':
          stream.completed = true;
          return void res.end();
        case 'cut':
          stream.completed = true;
          return void res.destroy();
        case 'stall':
          return; // keep the connection open, write nothing more
      }
    };
    setTimeout(step, reply.chunkDelayMs ?? 0);
  };

  if (!reply.headerDelayMs) return start();
  // A client that hangs up during the wait must not leave a timer holding the process (or the sim) open.
  const timer = setTimeout(start, reply.headerDelayMs);
  res.on('close', () => clearTimeout(timer));
}

function usageFor(reply: HfSimChatReply, body: ChatBody, completion: number): Record<string, number> | null {
  const requested = body.stream_options?.include_usage === true;
  const mode = reply.usage ?? 'requested';
  if (mode === false || (!requested && mode !== true)) return null;
  const prompt = (body.messages ?? []).reduce((n, m) => n + (typeof m.content === 'string' ? splitIntoChunks(m.content).length : 0), 0);
  const numbers = typeof mode === 'object' ? mode : { prompt_tokens: prompt, completion_tokens: completion };
  return { ...numbers, total_tokens: numbers.prompt_tokens + numbers.completion_tokens };
}
