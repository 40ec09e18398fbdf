/**
 * A scriptable stand-in for the Hugging Face router, the Hub model API and any OpenAI-compatible server, on real
 * HTTP (127.0.0.1, random port), speaking the wire formats in /work/shared/PROTOCOLS.md. Real clients talk to it
 * unchanged, so tests prove behaviour on the wire: which path and body were sent, with which token, and whether a
 * cancel actually closed the connection before the server finished.
 *
 * No test-framework dependency: CLI, bench and end-to-end tests start it from plain Node too.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatReplyFor, DEFAULT_ROUTER_PROVIDERS, type HfSimChatReply, type HfSimScript } from './hf-sim-script';
import { writeChatStream } from './hf-sim-stream';

export * from './hf-sim-script';

/** One request as the simulator received it. Headers are lower-cased; `authorization` is kept on purpose. */
export interface HfSimRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Parsed JSON body, or null when there was none / it was not JSON. */
  body: unknown;
  kind: 'chat' | 'hub-model' | 'hub-list' | 'models' | 'other';
  /** For chat: the provider named in the path (`together`, `hf-inference`), null for `/v1/chat/completions`. */
  provider: string | null;
  /** Index among chat requests (0-based), -1 for others. */
  chatIndex: number;
  at: number;
}

/** What happened to one streamed chat response (also recorded for error replies, with `status`). */
export interface HfSimStream {
  request: HfSimRequest;
  status: number;
  /** Content chunks planned / actually written. */
  totalChunks: number;
  chunksWritten: number;
  /** The simulator wrote the whole response (including `[DONE]` unless a fault said otherwise). */
  completed: boolean;
  /** The client closed the connection before the simulator finished: proof that a cancel reached the server. */
  clientClosedEarly: boolean;
  startedAt: number;
  closedAt: number | null;
  /** Resolves when the connection is finished or closed, whichever way. */
  closed: Promise<void>;
}

export interface HfSim {
  /** `http://127.0.0.1:<port>`: use as routerUrl, hubUrl, or endpointUrl (optionally + `/v1`). */
  readonly url: string;
  readonly requests: HfSimRequest[];
  readonly streams: HfSimStream[];
  /** Highest number of chat responses open at once. */
  readonly maxConcurrentStreams: number;
  readonly activeStreams: number;
  setScript(script: HfSimScript): void;
  /** Forget recorded requests/streams and the chat counter (the script stays). */
  reset(): void;
  /** Resolves when `predicate` holds, polling; rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHfSim(script: HfSimScript = {}): Promise<HfSim> {
  let current = script;
  const requests: HfSimRequest[] = [];
  const streams: HfSimStream[] = [];
  let chatCount = 0;
  let active = 0;
  let maxActive = 0;

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => handle(req, res, raw)).catch(() => res.destroy());
  });

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const u = new URL(req.url ?? '/', 'http://sim');
    const path = decodeURIComponent(u.pathname);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const method = req.method ?? 'GET';
    const chat = method === 'POST' && path.endsWith('/chat/completions');
    const record: HfSimRequest = {
      method,
      path,
      query: u.searchParams,
      headers,
      body: parseJson(raw),
      kind: chat
        ? 'chat'
        : method === 'GET' && path.startsWith('/api/models/')
          ? 'hub-model'
          : method === 'GET' && path === '/api/models'
            ? 'hub-list'
            : method === 'GET' && path.endsWith('/models')
              ? 'models'
              : 'other',
      provider: chat ? providerFromPath(path) : null,
      chatIndex: chat ? chatCount++ : -1,
      at: Date.now(),
    };
    requests.push(record);

    if (!authorised(current, headers)) {
      return sendJson(res, 401, { error: 'Invalid credentials in Authorization header' });
    }
    switch (record.kind) {
      case 'chat':
        return serveChat(record, res, chatReplyFor(current, record));
      case 'hub-model':
        return serveHubModel(res, path.slice('/api/models/'.length), record);
      case 'hub-list': {
        // The Hub's model search, as `?inference_provider=all&pipeline_tag=text-generation` answers it: an array.
        if (current.hub?.fault) return sendJson(res, current.hub.fault.status, current.hub.fault.body ?? { error: 'Hub error' });
        const ids = Object.keys(current.hub?.models ?? { 'Qwen/Qwen2.5-Coder-32B-Instruct': {} });
        return sendJson(res, 200, ids.map((id) => ({ _id: 'sim', id, pipeline_tag: 'text-generation' })));
      }
      case 'models':
        return sendJson(res, 200, { object: 'list', data: listedModels(current) });
      default:
        res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
    }
  }

  function serveHubModel(res: ServerResponse, id: string, record: HfSimRequest): void {
    const hub = current.hub ?? {};
    if (hub.fault) return sendJson(res, hub.fault.status, hub.fault.body ?? { error: 'Hub error' });
    const providers = hub.models ? hub.models[id] : defaultMapping(id);
    if (!providers) return sendJson(res, 404, { error: 'Repository not found' });
    const out: Record<string, unknown> = { _id: 'sim', id };
    if ((record.query.getAll('expand[]') ?? []).includes('inferenceProviderMapping')) out.inferenceProviderMapping = providers;
    sendJson(res, 200, out);
  }

  function serveChat(record: HfSimRequest, res: ServerResponse, reply: HfSimChatReply): void {
    let done!: () => void;
    const stream: HfSimStream = {
      request: record,
      status: reply.status ?? 200,
      totalChunks: 0,
      chunksWritten: 0,
      completed: false,
      clientClosedEarly: false,
      startedAt: Date.now(),
      closedAt: null,
      closed: new Promise<void>((r) => (done = r)),
    };
    streams.push(stream);
    active++;
    maxActive = Math.max(maxActive, active);
    res.on('close', () => {
      active--;
      stream.closedAt = Date.now();
      if (!stream.completed) stream.clientClosedEarly = !serverClosing;
      done();
    });
    writeChatStream(res, record, reply, stream);
  }

  let serverClosing = false;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    streams,
    get maxConcurrentStreams() {
      return maxActive;
    },
    get activeStreams() {
      return active;
    },
    setScript(s) {
      current = s;
    },
    reset() {
      requests.length = 0;
      streams.length = 0;
      chatCount = 0;
      maxActive = active;
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > until) throw new Error(`hf-sim: condition not met within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close() {
      serverClosing = true;
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `GET /v1/models` as the router answers it: OpenAI's list plus each model's inference providers and prices. */
function listedModels(script: HfSimScript): unknown[] {
  const priced = script.routerProviders ?? {};
  const ids = [...new Set([...(script.openaiModels ?? ['Qwen/Qwen2.5-Coder-32B-Instruct']), ...Object.keys(priced)])];
  return ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'sim', providers: priced[id] ?? DEFAULT_ROUTER_PROVIDERS }));
}

function authorised(script: HfSimScript, headers: Record<string, string>): boolean {
  if (!script.requireToken) return true;
  return headers.authorization === `Bearer ${script.requireToken}`;
}

/** `/together/v1/chat/completions` → together; `/hf-inference/models/<id>/v1/chat/completions` → hf-inference. */
function providerFromPath(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'v1') return null;
  if (parts[0] === 'hf-inference' && parts[1] === 'models') return 'hf-inference';
  return parts.length === 4 && parts[1] === 'v1' ? parts[0] : null;
}

/** The Hub's object form of `inferenceProviderMapping`, as `?expand[]=inferenceProviderMapping` returns it. */
function defaultMapping(id: string): Record<string, { status: string; providerId: string; task: string }> {
  const live = { status: 'live', providerId: id, task: 'conversational' };
  return { 'hf-inference': { ...live }, together: { ...live }, nebius: { ...live } };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': 'sim-req' }).end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}
