/**
 * The HTTP endpoint against the two simulators, over real sockets, plus a raw HTTP client (node:http) that can send
 * any Host, Origin or body a hostile page or a careless script would. No test-framework import.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCliContext } from '../../src/cli/context';
import { startHttpServer, type HttpServerOptions, type LlmHttpServer } from '../../src/core/http/server';
import { startSims, type Sims } from './cli-harness';
import type { HfSimScript } from './hf-sim';
import type { SimScript } from './ollama-sim';

export interface HttpRig {
  sims: Sims;
  server: LlmHttpServer;
  base: string;
  close(): Promise<void>;
}

export async function startHttpRig(
  ollama: SimScript,
  hf: HfSimScript,
  options: Partial<Omit<HttpServerOptions, 'registry'>> & { settings?: Record<string, unknown> | ((sims: Sims) => Record<string, unknown>) } = {},
): Promise<HttpRig> {
  const sims = await startSims(ollama, hf);
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: sims.env };
  let config: string | undefined;
  if (options.settings) {
    config = join(mkdtempSync(join(tmpdir(), 'llmc-http-')), 'settings.json');
    writeFileSync(config, JSON.stringify(typeof options.settings === 'function' ? options.settings(sims) : options.settings));
  }
  const { registry } = await resolveCliContext({ config }, io);
  const { settings: _unused, ...serverOptions } = options;
  const server = await startHttpServer({ version: 'test', ...serverOptions, registry: () => registry });
  return {
    sims,
    server,
    base: server.url,
    close: async () => {
      await server.close();
      await sims.close();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** One request with exactly these headers (nothing added but Content-Length); resolves with the whole answer. */
export function rawRequest(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawResponse> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers, setHost: !('host' in headers) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POST JSON the way the prototype's clients did. */
export function postJson(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(base, 'POST', path, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
}

export interface SseEvent {
  event: string;
  data: unknown;
}

export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}
