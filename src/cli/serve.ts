/**
 * `llm-compare serve`: the HTTP endpoint (src/core/http) on a port, until Ctrl+C. This file only reads flags, applies
 * the token rule and prints where the server is; the server itself is the core's, shared with VS Code.
 */
import { startHttpServer } from '../core/http/server';
import { chooseToken, DEFAULT_HOST, TOKEN_ENV } from '../core/http/security';
import { DEFAULT_MAX_CONCURRENT } from '../core/http/limits';
import { registerSecret } from '../core/redact';
import { CONTEXT_OPTIONS, contextFlags, numberFlag, parse, UsageError } from './args';
import type { ContextResolver } from './context';
import type { CliIO } from './io';
import { stderrLogger } from './output';
import { VERSION } from './version';

export const SERVE_USAGE = `Usage: llm-compare serve [options]
  --port N                  default 8000 (0 = any free port)
  --host ADDRESS            default 127.0.0.1; anything beyond loopback needs a bearer token:
                            ${TOKEN_ENV}, or one is generated and printed once
  --allow-host NAME         also answer to this Host name (repeatable), e.g. a DNS name of this machine
  --max-concurrent N        generations at once before 429 (default ${DEFAULT_MAX_CONCURRENT})
  --config file.json  --ollama-host URL  --hf-endpoint URL  --hf-provider NAME
Routes: POST /generate, POST /compare, GET /models, GET /health, GET /openapi.json`;

export async function serveCommand(args: string[], io: CliIO, resolve: ContextResolver): Promise<number> {
  const { values } = parse(args, {
    ...CONTEXT_OPTIONS,
    port: { type: 'string' },
    host: { type: 'string' },
    'allow-host': { type: 'string', multiple: true },
    'max-concurrent': { type: 'string' },
  });
  const port = numberFlag(values.port, '--port') ?? 8000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a whole number from 0 to 65535.');
  const maxConcurrent = numberFlag(values['max-concurrent'], '--max-concurrent') ?? DEFAULT_MAX_CONCURRENT;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new UsageError('--max-concurrent must be a whole number ≥ 1.');
  const host = typeof values.host === 'string' && values.host.trim() ? values.host.trim() : DEFAULT_HOST;
  const { registry } = await resolve(contextFlags(values));

  const { token, generated } = chooseToken(host, io.env[TOKEN_ENV]);
  registerSecret(token);
  const server = await startHttpServer({
    registry: () => registry,
    host,
    port,
    token,
    allowedHostNames: values['allow-host'] ?? [],
    maxConcurrent,
    version: VERSION,
    log: io.env.LLM_COMPARE_DEBUG ? stderrLogger(io) : undefined,
  });
  io.stderr.write(`llm-compare serving on ${server.url}/ (POST /generate, POST /compare, GET /openapi.json). Ctrl+C stops.\n`);
  if (generated) {
    // Printed once, here, and never logged: redact() masks it everywhere else.
    io.stderr.write(`Bearer token (set ${TOKEN_ENV} to choose your own): ${token}\n`);
  } else if (token) {
    io.stderr.write(`Requests need "Authorization: Bearer <${TOKEN_ENV}>".\n`);
  }
  await new Promise<void>((done) => {
    if (io.signal?.aborted) return done();
    io.signal?.addEventListener('abort', () => done(), { once: true });
  });
  await server.close();
  return 0;
}
