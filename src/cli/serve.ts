/**
 * `llm-compare serve`: the HTTP successor of the Python/FastAPI prototype.
 *   POST /generate  {"prompt", "models"?: [ids] | "a,b", "format"?: text|md|json|html|ndjson, "maxTokens"?, "temperature"?}
 *                   (JSON or an HTML form); without "format" the Accept header decides (json, html, else text).
 *                   ndjson streams every event live. A client that disconnects cancels the run: the servers stop.
 *   GET  /models    model facts (JSON);  GET /health;  GET / a plain form.
 * Binds to 127.0.0.1 by default: it spends the user's API credits, so it is not exposed unless asked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../core/compare/report';
import { startComparison } from '../core/compare/run';
import { ConfigError, isLlmError } from '../core/providers/errors';
import type { ModelRegistry } from '../core/providers/registry';
import { validateMaxTokens, validateTemperature } from '../core/settings';
import { CONTEXT_OPTIONS, contextFlags, numberFlag, parse, UsageError } from './args';
import type { ContextResolver } from './context';
import type { CliIO } from './io';

export const SERVE_USAGE = `Usage: llm-compare serve [--port 8000] [--host 127.0.0.1] [--config file.json]`;

const MAX_BODY_BYTES = 1_000_000;
const CONTENT_TYPES: Record<ReportFormat | 'ndjson', string> = {
  text: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

export async function serveCommand(args: string[], io: CliIO, resolve: ContextResolver): Promise<number> {
  const { values } = parse(args, { ...CONTEXT_OPTIONS, port: { type: 'string' }, host: { type: 'string' } });
  const port = numberFlag(values.port, '--port') ?? 8000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535.');
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const { registry } = await resolve(contextFlags(values));
  const server = createGenerateServer(registry);
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, host, ok));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  io.stderr.write(`llm-compare serving on http://${host}:${actualPort}/ (POST /generate). Ctrl+C stops.\n`);
  await new Promise<void>((done) => {
    if (io.signal?.aborted) return done();
    io.signal?.addEventListener('abort', () => done(), { once: true });
  });
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  return 0;
}

export function createGenerateServer(registry: ModelRegistry): Server {
  return createServer((req, res) => {
    handle(registry, req, res).catch((e) => {
      const status = e instanceof UsageError || e instanceof ConfigError ? 400 : 500;
      if (!res.headersSent) sendJson(res, status, { error: isLlmError(e) ? e.toJSON() : { kind: status === 400 ? 'bad-request' : 'unknown', message: (e as Error).message } });
      else res.end();
    });
  });
}

async function handle(registry: ModelRegistry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/health') return sendJson(res, 200, { ok: true });
  if (req.method === 'GET' && path === '/models') {
    const infos = await Promise.all(registry.select().map(({ slot, provider }) => provider.describe(slot)));
    return sendJson(res, 200, infos);
  }
  if (req.method === 'GET' && path === '/') return send(res, 200, CONTENT_TYPES.html, formPage(registry));
  if (path !== '/generate') return sendJson(res, 404, { error: { kind: 'not-found', message: `No route ${req.method} ${path}.` } });
  if (req.method !== 'POST') return sendJson(res, 405, { error: { kind: 'bad-request', message: 'Use POST /generate.' } });

  const body = await readBody(req);
  const prompt = typeof body.prompt === 'string' ? body.prompt : '';
  if (prompt.trim() === '') throw new UsageError('"prompt" is required and must not be empty.');
  const ids = Array.isArray(body.models) ? body.models.map(String) : typeof body.models === 'string' && body.models ? body.models.split(',').map((s) => s.trim()) : undefined;
  const models = registry.select(ids);
  const format = pickFormat(body.format, req.headers.accept);
  const maxTokens = body.maxTokens === undefined || body.maxTokens === '' ? undefined : validateMaxTokens(Number(body.maxTokens), 'maxTokens');
  const temperature = body.temperature === undefined || body.temperature === '' ? undefined : validateTemperature(Number(body.temperature), 'temperature');

  // A client that goes away cancels the run, so the model servers stop generating for nobody.
  const aborter = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborter.abort();
  });
  const run = startComparison({ prompt, models, signal: aborter.signal, overrides: { maxTokens, temperature } });
  if (format === 'ndjson') {
    res.writeHead(200, { 'content-type': CONTENT_TYPES.ndjson, 'cache-control': 'no-store' });
    for await (const event of run.events) res.write(JSON.stringify(event) + '\n');
    await run.done;
    res.end();
    return;
  }
  const report = await run.done;
  send(res, 200, CONTENT_TYPES[format], renderReport(report, format));
}

function pickFormat(requested: unknown, accept: string | undefined): ReportFormat | 'ndjson' {
  if (requested !== undefined && requested !== '') {
    if (requested === 'ndjson' || (REPORT_FORMATS as readonly unknown[]).includes(requested)) return requested as ReportFormat | 'ndjson';
    throw new UsageError(`"format" must be one of ${[...REPORT_FORMATS, 'ndjson'].join(', ')}.`);
  }
  if (accept?.includes('application/x-ndjson')) return 'ndjson';
  if (accept?.includes('application/json')) return 'json';
  if (accept?.includes('text/html')) return 'html';
  return 'text';
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new UsageError(`Request body over ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text || '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new UsageError('Body must be a JSON object like {"prompt": "..."} (or an HTML form).');
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, CONTENT_TYPES.json, JSON.stringify(value, null, 2) + '\n');
}

function formPage(registry: ModelRegistry): string {
  const ids = registry.slots().map((s) => s.id).join(',');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LLM Compare</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"></head>
<body style="font:14px system-ui;margin:2rem;max-width:50rem"><h1>LLM Compare</h1>
<form method="post" action="/generate"><p><label>Prompt<br><textarea name="prompt" rows="6" cols="80" required></textarea></label></p>
<p><label>Models <input name="models" value="${ids}" size="60"></label></p>
<input type="hidden" name="format" value="html"><button type="submit">Compare</button></form></body></html>`;
}
