/**
 * POST /api/chat and /api/generate of the simulator: queue (OLLAMA_NUM_PARALLEL), load, prompt evaluation, one NDJSON
 * line per token, and a final line whose counters come from the simulator's own clock, so a test can check both
 * the client's arithmetic (against `record.final`) and the schedule (against the script).
 */
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Exchange, sendError } from './ollama-sim-http';
import type { SimState } from './ollama-sim-state';
import type { SimGenerateRequest, SimModel } from './ollama-sim-types';

const DEFAULT_REPLY = 'Here is the function:\n\n```python\ndef add(a, b):\n    return a + b\n```\n';
const BUSY = 'server busy, please try again.  maximum pending requests exceeded';

/** Words with their leading whitespace; joining them gives the text back. */
export function defaultTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

const ns = (ms: number) => Math.round(ms * 1e6);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toRequest(path: SimGenerateRequest['path'], model: string, body: Record<string, unknown>): SimGenerateRequest {
  const options = isRecord(body.options) ? body.options : {};
  let messages: SimGenerateRequest['messages'] = [];
  if (path === '/api/chat' && Array.isArray(body.messages)) {
    messages = body.messages.filter(isRecord).map((m) => ({ role: String(m.role ?? ''), content: String(m.content ?? '') }));
  } else if (path === '/api/generate') {
    if (typeof body.system === 'string') messages.push({ role: 'system', content: body.system });
    messages.push({ role: 'user', content: typeof body.prompt === 'string' ? body.prompt : '' });
  }
  return { path, model, messages, options, body };
}

function planTokens(m: SimModel, req: SimGenerateRequest): { tokens: string[]; doneReason: string } {
  let tokens: string[];
  if (Array.isArray(m.tokens)) tokens = m.tokens;
  else {
    const text = typeof m.reply === 'function' ? m.reply(req) : (m.reply ?? DEFAULT_REPLY);
    tokens = typeof m.tokens === 'function' ? m.tokens(text) : defaultTokens(text);
  }
  const limit = req.options.num_predict;
  if (typeof limit === 'number' && limit > 0 && limit < tokens.length) return { tokens: tokens.slice(0, limit), doneReason: 'length' };
  return { tokens, doneReason: m.doneReason ?? 'stop' };
}

export async function handleGenerate(
  state: SimState,
  res: ServerResponse,
  path: SimGenerateRequest['path'],
  body: Record<string, unknown>,
  requestId: number,
): Promise<void> {
  const model = typeof body.model === 'string' ? body.model : '';
  if (!model) return sendError(res, 400, 'model is required');
  const streaming = body.stream !== false; // Ollama streams unless told not to
  const ex = new Exchange(res, { requestId, path, model, streaming, plannedChunks: 0 });
  state.addStream(ex.record);

  const m = state.findModel(model);
  if (!m) return ex.fail(404, `model "${model}" not found, try pulling it first`);
  const fault = m.fault;
  if (fault?.kind === 'http') return ex.fail(fault.status, fault.error ?? `simulated HTTP ${fault.status}`, fault.text);
  if (fault?.kind === 'busy') return ex.fail(503, BUSY);

  const req = toRequest(path, model, body);
  const { tokens, doneReason } = planTokens(m, req);
  ex.record.plannedChunks = tokens.length;

  const slot = await state.acquire(ex);
  if (slot === 'busy') return ex.fail(503, BUSY);
  if (slot === 'gone') return;
  try {
    const loadStart = performance.now();
    if (!(await ex.sleep(m.loadMs ?? 0))) return;
    const evalStart = performance.now();
    if (!(await ex.sleep(m.promptEvalMs ?? 0))) return;
    const genStart = performance.now();

    const line = (content: string, done: boolean): Record<string, unknown> =>
      path === '/api/chat'
        ? { model, created_at: new Date().toISOString(), message: { role: 'assistant', content }, done }
        : { model, created_at: new Date().toISOString(), response: content, done };

    let text = '';
    for (let i = 0; i <= tokens.length; i++) {
      if (fault && 'afterChunks' in fault && fault.afterChunks === i) {
        if (fault.kind === 'error-line') {
          if (streaming) return ex.end({ error: fault.message });
          return ex.fail(500, fault.message);
        }
        if (fault.kind === 'stall') return await ex.hold();
        if (fault.kind === 'cut') {
          if (fault.mode === 'end' && streaming) ex.end();
          else await ex.destroy();
          return;
        }
      }
      if (i === tokens.length) break;
      if (!(await ex.sleep(m.paceMs ?? 0))) return;
      text += tokens[i];
      if (streaming) {
        if (!ex.writeChunk(line(tokens[i], false))) return;
      } else ex.record.chunksWritten++;
    }

    const end = performance.now();
    const counters: Record<string, number> = {
      total_duration: ns(end - ex.record.startedAt),
      load_duration: ns(evalStart - loadStart),
      prompt_eval_count: Math.max(1, Math.ceil(req.messages.reduce((n, x) => n + x.content.length, 0) / 4)),
      prompt_eval_duration: ns(genStart - evalStart),
      eval_count: tokens.length,
      eval_duration: ns(end - genStart),
    };
    for (const f of m.omitMetrics ?? []) delete counters[f];
    const final = { ...line(streaming ? '' : text, true), done_reason: doneReason, ...(path === '/api/generate' ? { context: [1, 2, 3] } : {}), ...counters };
    if (streaming) return ex.end(final);
    if (ex.gone) return;
    ex.record.final = final;
    ex.record.completed = true;
    ex.record.closedAt = performance.now();
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    ex.record.headersAt = performance.now();
    res.end(JSON.stringify(final));
  } finally {
    state.release();
  }
}
