/**
 * A scriptable Ollama server on real HTTP (127.0.0.1, random port) speaking the wire format of
 * /work/shared/PROTOCOLS.md, so tests drive the real `ollama` client over real sockets. It records every request
 * and, per streamed exchange, whether the client hung up before the end and how many lines had been written: that is
 * how a test proves a cancel reached the server. No test-framework import: plain node scripts can start it too.
 *
 *   const sim = await startOllamaSim({ models: [{ name: 'codellama:7b', reply: 'hi there', paceMs: 5 }] });
 *   // ... point a client at sim.url ...
 *   await sim.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { handleGenerate } from './ollama-sim-generate';
import { readBody, sendError, sendJson, sendNotFoundRoute, sendText } from './ollama-sim-http';
import { handlePull } from './ollama-sim-pull';
import { fakeDigest, SimState } from './ollama-sim-state';
import type { SimConcurrency, SimModel, SimRequestRecord, SimScript, SimStreamRecord } from './ollama-sim-types';

export * from './ollama-sim-types';
export { defaultTokens } from './ollama-sim-generate';

export interface OllamaSim {
  /** Base URL, e.g. `http://127.0.0.1:43121` (use as the Ollama host). */
  readonly url: string;
  readonly port: number;
  /** Every request, in arrival order. */
  readonly requests: readonly SimRequestRecord[];
  /** Every chat/generate/pull exchange, in arrival order. */
  readonly streams: readonly SimStreamRecord[];
  /** Live counters and peaks of simultaneous generations. */
  readonly concurrency: Readonly<SimConcurrency>;
  /** The current script (a successful pull adds to `models`). */
  readonly script: SimScript;
  /** Replaces the script; exchanges already running keep the model they started with. */
  setScript(script: SimScript): void;
  /** Resolves with the `index`-th streamed exchange (0-based) once it has arrived. */
  waitForStream(index?: number, timeoutMs?: number): Promise<SimStreamRecord>;
  /** Forgets the records and the concurrency peaks. */
  reset(): void;
  /** Drops every open connection (stalled streams included) and stops listening. */
  close(): Promise<void>;
}

export interface SimListenOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function details(m: SimModel): Record<string, unknown> {
  const family = m.family ?? m.architecture ?? 'llama';
  return {
    parent_model: '',
    format: 'gguf',
    family,
    families: [family],
    ...(m.parameterSize === null ? {} : { parameter_size: m.parameterSize ?? '7B' }),
    quantization_level: m.quantization ?? 'Q4_0',
  };
}

function digestOf(m: SimModel): string {
  return m.digest ?? fakeDigest(m.name);
}

const MODIFIED_AT = '2025-01-15T10:20:30.123456789Z';

function tagsEntry(m: SimModel): Record<string, unknown> {
  return { name: m.name, model: m.name, modified_at: MODIFIED_AT, size: m.size ?? 3_825_819_519, digest: digestOf(m), details: details(m) };
}

function showBody(m: SimModel): Record<string, unknown> {
  const arch = m.architecture ?? 'llama';
  const info: Record<string, unknown> = {
    'general.architecture': arch,
    'general.parameter_count': m.parameterCount ?? 6_738_415_616,
    'general.file_type': 2,
    [`${arch}.embedding_length`]: 4096,
    [`${arch}.block_count`]: 32,
  };
  if (m.contextLength !== null) info[`${arch}.context_length`] = m.contextLength ?? 16384;
  return {
    license: 'LLAMA 2 COMMUNITY LICENSE AGREEMENT',
    modelfile: `FROM ${m.name}`,
    parameters: 'stop                           "[INST]"\nstop                           "[/INST]"',
    template: '[INST] {{ .Prompt }} [/INST]\n',
    details: details(m),
    model_info: info,
    capabilities: ['completion'],
    modified_at: MODIFIED_AT,
  };
}

function psEntry(m: SimModel, loaded: NonNullable<SimModel['loaded']>): Record<string, unknown> {
  const size = m.size ?? 3_825_819_519;
  return {
    ...tagsEntry(m),
    expires_at: new Date(Date.now() + 5 * 60_000).toISOString(),
    size_vram: loaded.sizeVram ?? size,
    context_length: loaded.contextLength,
  };
}

async function route(state: SimState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://sim').pathname;
  const raw = await readBody(req);
  let body: unknown;
  let badJson = false;
  if (raw) {
    try {
      body = JSON.parse(raw);
    } catch {
      badJson = true;
    }
  }
  const id = state.nextRequestId();
  state.requests.push({ id, method: req.method ?? 'GET', path, body, headers: req.headers, at: performance.now() });
  const key = `${req.method} ${path}`;

  if (key === 'GET /' || key === 'HEAD /') return sendText(res, 200, 'Ollama is running');
  if (key === 'GET /api/version') return sendJson(res, 200, { version: state.script.version ?? '0.12.6' });
  if (key === 'GET /api/tags') return sendJson(res, 200, { models: (state.script.models ?? []).map(tagsEntry) });
  if (key === 'GET /api/ps') {
    const loaded = (state.script.models ?? []).flatMap((m) => (m.loaded ? [psEntry(m, m.loaded)] : []));
    return sendJson(res, 200, { models: loaded });
  }
  const post = ['POST /api/show', 'POST /api/chat', 'POST /api/generate', 'POST /api/pull'];
  if (!post.includes(key)) return sendNotFoundRoute(res);
  if (badJson) return sendError(res, 400, 'invalid character looking for beginning of value');
  if (!isRecord(body)) return sendError(res, 400, 'missing request body');

  if (path === '/api/show') {
    const name = typeof body.model === 'string' ? body.model : typeof body.name === 'string' ? body.name : '';
    const m = state.findModel(name);
    return m ? sendJson(res, 200, showBody(m)) : sendError(res, 404, `model '${name}' not found`);
  }
  if (path === '/api/pull') return handlePull(state, res, body, id);
  return handleGenerate(state, res, path === '/api/chat' ? '/api/chat' : '/api/generate', body, id);
}

/** Starts a simulator; `close()` it when done. */
export async function startOllamaSim(script: SimScript = {}, listen: SimListenOptions = {}): Promise<OllamaSim> {
  const state = new SimState(script);
  const server: Server = createServer((req, res) => {
    route(state, req, res).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 500, e instanceof Error ? e.message : String(e));
      else res.destroy();
    });
  });
  const host = listen.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests: state.requests,
    streams: state.streams,
    concurrency: state.concurrency,
    get script() {
      return state.script;
    },
    setScript(next: SimScript) {
      state.script = next;
    },
    async waitForStream(index = 0, timeoutMs = 5000) {
      await state.streamCount(index + 1, timeoutMs);
      return state.streams[index];
    },
    reset() {
      state.reset();
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
