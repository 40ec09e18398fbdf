/**
 * `POST /generate`: the prototype's contract. One model (the default unless `"model"` names another), the prompt's
 * echo dropped, the answer as text, JSON or HTML, or live as Server-Sent Events.
 */
import { startComparison } from '../compare/run';
import type { CompareEvent, SlotResult } from '../compare/types';
import { readJsonBody } from './body';
import { providerFailure, resolveModels, send, sources, type RouteContext } from './context';
import { EchoStripper, stripPromptEcho } from './echo';
import { chooseFormat, CONTENT_TYPES, GENERATE_FORMATS, wantsStream } from './formats';
import { generateJson, renderGenerate } from './render';
import { SseWriter } from './sse';
import { parseGenerateBody } from './validate';

export async function handleGenerate(ctx: RouteContext): Promise<void> {
  const body = parseGenerateBody(await readJsonBody(ctx.req));
  const format = chooseFormat(GENERATE_FORMATS, sources(ctx, 'format', body.format));
  const stream = wantsStream(sources(ctx, 'stream', body.stream));
  const registry = await ctx.registry();
  const model = resolveModels(() => registry.get(body.model ?? registry.settings.defaultModel));

  const release = ctx.gate.enter(1);
  try {
    const run = startComparison({
      prompt: body.prompt,
      models: [model],
      signal: ctx.signal,
      overrides: { maxTokens: body.maxTokens, ...(body.temperature !== undefined ? { temperature: body.temperature } : {}) },
    });
    if (stream) return await streamGenerate(ctx, body.prompt, run.events);
    const [result] = (await run.done).results;
    if (ctx.signal.aborted && ctx.res.destroyed) return;
    const response = stripPromptEcho(body.prompt, result.text);
    if (result.error) throw providerFailure(result.error, response);
    const view = generateJson(body.prompt, response, result);
    send(ctx.res, 200, CONTENT_TYPES[format], renderGenerate(format, view));
  } finally {
    release();
  }
}

async function streamGenerate(ctx: RouteContext, prompt: string, events: AsyncIterable<CompareEvent>): Promise<void> {
  const sse = new SseWriter(ctx.res);
  const echo = new EchoStripper(prompt);
  let result: SlotResult | undefined;
  for await (const ev of events) {
    if (ev.type === 'delta') {
      const text = echo.push(ev.text);
      if (text) sse.send('delta', { text });
    } else if (ev.type === 'status' && ev.phase === 'waiting') {
      sse.send('status', { phase: ev.phase, detail: ev.detail ?? null, retryInMs: ev.retryInMs ?? null, attempt: ev.attempt ?? null });
    } else if (ev.type === 'done') {
      result = ev.result;
    }
  }
  if (!result || ctx.res.destroyed) return;
  const rest = echo.end();
  if (rest) sse.send('delta', { text: rest });
  if (result.error) {
    const failure = providerFailure(result.error);
    if (!sse.started) throw failure; // nothing sent yet: a plain HTTP error status says it best
    sse.send('error', failure.toBody());
  } else {
    sse.send('done', generateJson(prompt, stripPromptEcho(prompt, result.text), result));
  }
  sse.end();
}
