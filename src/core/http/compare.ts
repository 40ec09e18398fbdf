/**
 * `POST /compare`: what `llm-compare compare` prints, in the same formats, or its live events (NDJSON lines, or
 * Server-Sent Events ending with the whole report). A model that fails is part of the report, not an HTTP error.
 */
import { renderReport, toJson } from '../compare/report';
import { startComparison } from '../compare/run';
import type { ChatMessage } from '../providers/types';
import { readJsonBody } from './body';
import { resolveModels, send, sources, type RouteContext } from './context';
import { chooseFormat, COMPARE_FORMATS, CONTENT_TYPES, wantsStream } from './formats';
import { SseWriter } from './sse';
import { parseCompareBody } from './validate';

export async function handleCompare(ctx: RouteContext): Promise<void> {
  const body = parseCompareBody(await readJsonBody(ctx.req));
  const format = chooseFormat(COMPARE_FORMATS, sources(ctx, 'format', body.format));
  const stream = wantsStream(sources(ctx, 'stream', body.stream));
  const registry = await ctx.registry();
  const models = resolveModels(() => registry.select(body.models));
  const prompt: ChatMessage[] = [...(body.system ? [{ role: 'system' as const, content: body.system }] : []), { role: 'user', content: body.prompt }];

  const release = ctx.gate.enter(models.length);
  try {
    const overrides = { ...(body.maxTokens !== undefined ? { maxTokens: body.maxTokens } : {}), ...(body.temperature !== undefined ? { temperature: body.temperature } : {}) };
    const run = startComparison({ prompt, models, mode: body.mode, signal: ctx.signal, overrides });
    if (stream) {
      const sse = new SseWriter(ctx.res);
      for await (const ev of run.events) sse.send(ev.type, ev);
      const report = await run.done;
      if (ctx.res.destroyed) return;
      sse.send('report', toJson(report));
      return sse.end();
    }
    if (format === 'ndjson') {
      ctx.res.writeHead(200, { 'content-type': CONTENT_TYPES.ndjson });
      for await (const ev of run.events) if (!ctx.res.destroyed) ctx.res.write(JSON.stringify(ev) + '\n');
      await run.done;
      return void ctx.res.end();
    }
    const report = await run.done;
    if (ctx.res.destroyed) return;
    send(ctx.res, 200, CONTENT_TYPES[format], renderReport(report, format));
  } finally {
    release();
  }
}
