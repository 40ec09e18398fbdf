/**
 * The fault matrix: every way one model of a comparison can fail, as data. Each row builds the failing column (a
 * provider pointed at a simulator or a bare fault server) and says what the user must see. The runner
 * (test/unit/reliability.fault-matrix.test.ts) puts it beside two healthy models, runs all three at once, and writes
 * what it observed to test/reliability/fault-matrix.md.
 */
import { HuggingFaceProvider } from '../../src/core/providers/huggingface';
import { OllamaProvider } from '../../src/core/providers/ollama';
import { OpenAiProvider } from '../../src/core/providers/openai';
import type { ErrorKind, FixAction } from '../../src/core/providers/errors';
import type { ModelSlot, Provider } from '../../src/core/providers/types';
import type { CompareEvent } from '../../src/core/compare/types';
import { hfError, hfLoading, startHfSim, type HfSim } from '../support/hf-sim';
import { startOllamaSim, type OllamaSim, type SimFault } from '../support/ollama-sim';
import { closedPort, ollamaLine, sseDelta, startFaultServer, type FaultServer } from './fault-server';

export const FAULT_MODEL = 'faulty:7b';
export const HF_MODEL = 'Qwen/Qwen2.5-Coder-32B-Instruct';
export const FAULT_TEXT = 'one two three four five six seven eight nine ten';
const TOKEN = 'hf_FaultMatrixToken0123456789abcd';

export interface FaultColumn {
  provider: Provider;
  slot: ModelSlot;
  /** Called for every event of the run: a row that tests Stop cancels from here. */
  onEvent?: (e: CompareEvent, cancel: () => void) => void;
  /** Removes the fault, so the next run through the same provider must work (omitted: the fault is permanent). */
  heal?: () => void;
  /** True once the server saw the client close the connection (for rows that cancel or stall). */
  serverSawClose?: () => boolean;
  close: () => Promise<void>;
}

export interface FaultRow {
  fault: string;
  side: 'Ollama' | 'Hugging Face' | 'OpenAI-compatible' | 'openai provider';
  make: () => Promise<FaultColumn>;
  expect: {
    /** `ok` = the column must complete (a fault the product rides out). */
    kind: ErrorKind | 'ok';
    fix?: FixAction;
    message?: RegExp;
    /** The text received before the failure must be kept (at least this many characters). */
    partialChars?: number;
    /** A status detail the user must have seen before the end. */
    status?: RegExp;
    chars?: number;
  };
}

const ollamaSlot: ModelSlot = { id: 'faulty', label: 'Faulty (Ollama)', provider: 'ollama', model: FAULT_MODEL, maxTokens: 4096 };
const hfSlot: ModelSlot = { id: 'faulty', label: 'Faulty (HF)', provider: 'huggingface', model: HF_MODEL, maxTokens: 4096 };
const openaiSlot: ModelSlot = { id: 'faulty', label: 'Faulty (LM Studio)', provider: 'openai', model: 'qwen2.5-coder-7b', maxTokens: 4096 };

async function ollamaFault(fault: SimFault | undefined, extra: { loadMs?: number; stallMs?: number; reply?: string; tokens?: (t: string) => string[] } = {}): Promise<FaultColumn> {
  const model = { name: FAULT_MODEL, reply: extra.reply ?? FAULT_TEXT, paceMs: 2, loadMs: extra.loadMs, tokens: extra.tokens, fault };
  const sim: OllamaSim = await startOllamaSim({ models: [model] });
  return {
    provider: new OllamaProvider({ host: sim.url, stallTimeoutMs: extra.stallMs ?? 10_000 }),
    slot: ollamaSlot,
    heal: () => sim.setScript({ models: [{ name: FAULT_MODEL, reply: FAULT_TEXT }] }),
    serverSawClose: () => sim.streams.some((s) => s.clientClosed),
    close: () => sim.close(),
  };
}

function ollamaAt(host: string, fetchImpl?: typeof fetch): FaultColumn {
  return { provider: new OllamaProvider({ host, fetch: fetchImpl, stallTimeoutMs: 10_000 }), slot: ollamaSlot, close: async () => undefined };
}

async function hfRouter(chat: Parameters<typeof startHfSim>[0] = {}, over: { maxLoadingRetries?: number; stallMs?: number } = {}): Promise<FaultColumn> {
  const sim: HfSim = await startHfSim(chat);
  const waits: number[] = [];
  return {
    provider: new HuggingFaceProvider({
      token: TOKEN,
      provider: 'auto',
      routerUrl: sim.url,
      hubUrl: sim.url,
      stallTimeoutMs: over.stallMs ?? 10_000,
      maxLoadingRetries: over.maxLoadingRetries,
      // The router's estimate is honoured, but the test does not sit through it.
      sleep: async (ms) => void waits.push(ms),
    }),
    slot: hfSlot,
    heal: () => sim.setScript({ chat: { text: FAULT_TEXT } }),
    serverSawClose: () => sim.streams.some((s) => s.clientClosedEarly),
    close: () => sim.close(),
  };
}

async function endpointServer(handler: Parameters<typeof startFaultServer>[0], side: 'ollama' | 'openai', tls = false): Promise<FaultColumn> {
  const server: FaultServer = await startFaultServer(handler, { tls });
  const provider = side === 'ollama' ? new OllamaProvider({ host: server.url, stallTimeoutMs: 10_000 }) : new HuggingFaceProvider({ provider: 'auto', endpointUrl: `${server.url}/v1`, stallTimeoutMs: 10_000 });
  return { provider, slot: side === 'ollama' ? ollamaSlot : hfSlot, serverSawClose: () => server.exchanges.some((x) => x.closedAt !== null && !x.finished), close: () => server.close() };
}

/** The `openai` provider (LM Studio, vLLM …) pointed at a simulator or a fault server, with its own key. */
async function openaiFault(chat: Parameters<typeof startHfSim>[0]): Promise<FaultColumn> {
  const sim = await startHfSim(chat);
  return {
    provider: new OpenAiProvider({ secrets: { modelKeys: { faulty: 'sk-own-fault-matrix-key-0123' } }, stallTimeoutMs: 400 }),
    slot: { ...openaiSlot, endpoint: `${sim.url}/v1` },
    heal: () => sim.setScript({ chat: { text: FAULT_TEXT } }),
    serverSawClose: () => sim.streams.some((x) => x.clientClosedEarly),
    close: () => sim.close(),
  };
}

async function openaiServer(handler: Parameters<typeof startFaultServer>[0], tls = false): Promise<FaultColumn> {
  const server = await startFaultServer(handler, { tls });
  return { provider: new OpenAiProvider({ stallTimeoutMs: 10_000 }), slot: { ...openaiSlot, endpoint: `${server.url}/v1` }, close: () => server.close() };
}

function openaiProviderAt(url: string): FaultColumn {
  return { provider: new OpenAiProvider({ stallTimeoutMs: 10_000 }), slot: { ...openaiSlot, endpoint: url }, close: async () => undefined };
}

function openaiAt(url: string): FaultColumn {
  return { provider: new HuggingFaceProvider({ provider: 'auto', endpointUrl: url, stallTimeoutMs: 10_000 }), slot: hfSlot, close: async () => undefined };
}

const TEN_MB = 10 * 1024 * 1024;
const bigAnswer = () => 'x'.repeat(1023) + '\n';
const inPieces = (size: number) => (t: string) => t.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];

export const FAULTS: FaultRow[] = [
  {
    fault: 'Ollama down (nothing listens on the port)',
    side: 'Ollama',
    make: async () => ollamaAt(`http://127.0.0.1:${await closedPort()}`),
    expect: { kind: 'connection-refused', fix: 'start-ollama', message: /Cannot connect to Ollama .*connection refused.*Start Ollama/ },
  },
  {
    fault: '`localhost` resolves to ::1 while Ollama listens on 127.0.0.1 only',
    side: 'Ollama',
    make: async () => {
      const sim = await startOllamaSim({ models: [{ name: FAULT_MODEL, reply: FAULT_TEXT }] });
      // This machine resolves localhost to 127.0.0.1; a resolver that answers ::1 first is reproduced by the fetch.
      const v6First: typeof fetch = (input, init) => fetch(String(input).replace('//localhost:', '//[::1]:'), init);
      const col = ollamaAt(`http://localhost:${sim.port}`, v6First);
      return { ...col, close: () => sim.close() };
    },
    expect: { kind: 'connection-refused', fix: 'start-ollama', message: /::1.*127\.0\.0\.1/ },
  },
  {
    fault: 'Model not pulled (404)',
    side: 'Ollama',
    make: async () => {
      const sim = await startOllamaSim({ models: [{ name: 'other:1b' }] });
      return { provider: new OllamaProvider({ host: sim.url }), slot: ollamaSlot, heal: () => sim.setScript({ models: [{ name: FAULT_MODEL, reply: FAULT_TEXT }] }), close: () => sim.close() };
    },
    expect: { kind: 'model-not-found', fix: 'pull-model', message: /ollama pull faulty:7b/ },
  },
  {
    fault: 'Ollama 500 (runner crashed)',
    side: 'Ollama',
    make: () => ollamaFault({ kind: 'http', status: 500, error: 'llama runner process has terminated: signal: killed' }),
    expect: { kind: 'unknown', fix: 'retry', message: /HTTP 500.*llama runner process has terminated/ },
  },
  {
    fault: 'Ollama 503 busy (queue full)',
    side: 'Ollama',
    make: () => ollamaFault({ kind: 'busy' }),
    expect: { kind: 'rate-limited', fix: 'retry', message: /busy.*OLLAMA_MAX_QUEUE/ },
  },
  {
    fault: 'Error line mid-stream',
    side: 'Ollama',
    make: () => ollamaFault({ kind: 'error-line', afterChunks: 3, message: 'an error was encountered while running the model: CUDA error' }),
    expect: { kind: 'stream-broken', fix: 'retry', message: /CUDA error/, partialChars: 'one two three'.length },
  },
  {
    fault: 'Connection reset mid-stream',
    side: 'Ollama',
    make: () => ollamaFault({ kind: 'cut', afterChunks: 4, mode: 'destroy' }),
    expect: { kind: 'stream-broken', fix: 'retry', message: /dropped|ended before/, partialChars: 'one two three four'.length },
  },
  {
    fault: 'Stream ends without `done`',
    side: 'Ollama',
    make: () => ollamaFault({ kind: 'cut', afterChunks: 4, mode: 'end' }),
    expect: { kind: 'stream-broken', fix: 'retry', message: /ended before it was complete/, partialChars: 'one two three four'.length },
  },
  {
    fault: 'Accepts, then stalls (no data for the request timeout)',
    side: 'Ollama',
    make: () => ollamaFault({ kind: 'stall', afterChunks: 2 }, { stallMs: 400 }),
    expect: { kind: 'stream-stalled', fix: 'retry', message: /no data for/, partialChars: 'one two'.length },
  },
  {
    fault: 'Very slow first byte (model loading 30 s): "loading" shown, then Stop',
    side: 'Ollama',
    make: async () => {
      const col = await ollamaFault(undefined, { loadMs: 30_000 });
      return {
        ...col,
        onEvent: (e, cancel) => {
          if (e.type === 'status' && e.slotId === 'faulty' && /loading/.test(e.detail ?? '')) cancel();
        },
      };
    },
    expect: { kind: 'cancelled', status: /Waiting for Ollama: loading faulty:7b/ },
  },
  {
    fault: 'Wrong content type (an HTML page with status 200)',
    side: 'Ollama',
    make: () => endpointServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>Sign in to the network</body></html>'), 'ollama'),
    expect: { kind: 'stream-broken', message: /not.*Ollama|HTML|text\/html/i },
  },
  {
    fault: 'Malformed JSON line mid-stream',
    side: 'Ollama',
    make: () => endpointServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end(ollamaLine('one two') + '{"model":"m","message":{"content":"thr\n');
    }, 'ollama'),
    expect: { kind: 'stream-broken', message: /malformed|JSON/i, partialChars: 'one two'.length },
  },
  {
    fault: 'A 10 MB answer',
    side: 'Ollama',
    make: () => ollamaFault(undefined, { reply: bigAnswer().repeat(TEN_MB / 1024), tokens: inPieces(64 * 1024) }),
    expect: { kind: 'ok', chars: TEN_MB },
  },
  {
    fault: 'DNS name that does not resolve',
    side: 'Ollama',
    make: async () => ollamaAt('http://no-such-host.invalid:11434'),
    expect: { kind: 'connection-refused', fix: 'open-settings', message: /no-such-host\.invalid.*name lookup failed/ },
  },
  {
    fault: 'A port Node\'s fetch refuses (6000)',
    side: 'Ollama',
    make: async () => ollamaAt('http://127.0.0.1:6000'),
    expect: { kind: 'config', fix: 'open-settings', message: /port 6000.*refuses/ },
  },
  {
    fault: 'TLS endpoint with a self-signed certificate',
    side: 'Ollama',
    make: () => endpointServer((_req, res) => res.end('{}'), 'ollama', true),
    expect: { kind: 'connection-refused', fix: 'open-settings', message: /self-signed.*NODE_EXTRA_CA_CERTS/ },
  },
  {
    fault: 'HF 401 (bad token)',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: hfError(401, 'Invalid credentials in Authorization header') }),
    expect: { kind: 'unauthorized', fix: 'set-api-key', message: /rejected the API key \(401\)/ },
  },
  {
    fault: 'HF 402 (credits used up)',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: hfError(402, 'You have exceeded your monthly included credits for Inference Providers.') }),
    expect: { kind: 'credits-exhausted', fix: 'open-settings', message: /credits.*\(402\)/ },
  },
  {
    fault: 'HF 403 (token lacks the permission)',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: hfError(403, 'This authentication method does not have sufficient permissions to call Inference Providers on behalf of user x') }),
    expect: { kind: 'forbidden', fix: 'set-api-key', message: /\(403\).*permission/ },
  },
  {
    fault: 'HF 404 model not served',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: hfError(404, `Model ${HF_MODEL} does not exist`) }),
    expect: { kind: 'model-not-found', fix: 'open-settings', message: /not available/ },
  },
  {
    fault: 'HF 400 model_not_supported',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: { status: 400, body: { error: { message: `The requested model '${HF_MODEL}' is not supported by any provider you have enabled.`, code: 'model_not_supported' } } } }),
    expect: { kind: 'model-not-found', fix: 'open-settings', message: /not available/ },
  },
  {
    fault: 'HF 422 (validation error)',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: hfError(422, 'Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096.') }),
    expect: { kind: 'bad-request', fix: 'open-settings', message: /\(422\).*max_new_tokens/ },
  },
  {
    fault: 'HF 429 without retry-after',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: hfError(429, 'Rate limit reached') }),
    expect: { kind: 'rate-limited', fix: 'retry', message: /\(429\)/ },
  },
  {
    fault: 'HF 429 with retry-after: 30',
    side: 'OpenAI-compatible',
    make: () => endpointServer((_req, res) => res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' }).end('{"error":"Rate limit reached"}'), 'openai'),
    expect: { kind: 'rate-limited', fix: 'retry', message: /\(429\).*30 s/ },
  },
  {
    fault: 'HF 503 loading with estimated_time 20 s (then loads)',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: [hfLoading(20), { text: FAULT_TEXT }] }),
    expect: { kind: 'ok', status: /loading on Hugging Face; retrying in 20 s/ },
  },
  {
    fault: 'HF 503 loading that never ends',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: hfLoading(20) }, { maxLoadingRetries: 2 }),
    expect: { kind: 'model-loading', fix: 'retry', message: /still loading.*after 2 wait/ },
  },
  {
    fault: 'HF in-stream error event',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: { text: FAULT_TEXT, fault: { kind: 'error-event', afterChunks: 3, error: { message: 'Model overloaded' } } } }),
    expect: { kind: 'stream-broken', fix: 'retry', message: /Model overloaded/, partialChars: 'one two three'.length },
  },
  {
    fault: 'HF connection reset mid-stream',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: { text: FAULT_TEXT, fault: { kind: 'cut', afterChunks: 4 } } }),
    expect: { kind: 'stream-broken', fix: 'retry', partialChars: 'one two three four'.length },
  },
  {
    fault: 'HF stream ends without [DONE]',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: { text: FAULT_TEXT, fault: { kind: 'end-without-done', afterChunks: 4 } } }),
    expect: { kind: 'stream-broken', fix: 'retry', message: /\[DONE\]/, partialChars: 'one two three four'.length },
  },
  {
    fault: 'HF accepts, then stalls',
    side: 'Hugging Face',
    make: () => hfRouter({ chat: { text: FAULT_TEXT, fault: { kind: 'stall', afterChunks: 2 } } }, { stallMs: 400 }),
    expect: { kind: 'stream-stalled', fix: 'retry', partialChars: 'one two'.length },
  },
  {
    fault: 'Wrong content type (HTML with status 200)',
    side: 'OpenAI-compatible',
    make: () => endpointServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in to the network</body></html>'), 'openai'),
    expect: { kind: 'stream-broken', message: /HTML|text\/html|content type/i },
  },
  {
    fault: 'Malformed JSON event mid-stream',
    side: 'OpenAI-compatible',
    make: () => endpointServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(sseDelta('one two') + 'data: {"choices":[{"delta":{"content":"thr\n\n');
    }, 'openai'),
    expect: { kind: 'stream-broken', message: /malformed/, partialChars: 'one two'.length },
  },
  {
    fault: 'A 10 MB answer',
    side: 'OpenAI-compatible',
    make: () => endpointServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const piece = bigAnswer().repeat(64);
      for (let i = 0; i < TEN_MB / piece.length; i++) res.write(sseDelta(piece));
      res.end('data: [DONE]\n\n');
    }, 'openai'),
    expect: { kind: 'ok', chars: TEN_MB },
  },
  {
    fault: 'DNS name that does not resolve',
    side: 'OpenAI-compatible',
    make: async () => openaiAt('http://no-such-host.invalid:8080/v1'),
    expect: { kind: 'connection-refused', fix: 'open-settings', message: /name lookup failed/ },
  },
  {
    fault: 'A port Node\'s fetch refuses (10080)',
    side: 'OpenAI-compatible',
    make: async () => openaiAt('http://127.0.0.1:10080/v1'),
    expect: { kind: 'config', fix: 'open-settings', message: /port 10080.*refuses/ },
  },
  {
    fault: 'TLS endpoint with a self-signed certificate',
    side: 'OpenAI-compatible',
    make: () => endpointServer((_req, res) => res.end('{}'), 'openai', true),
    expect: { kind: 'connection-refused', fix: 'open-settings', message: /self-signed.*NODE_EXTRA_CA_CERTS/ },
  },
  {
    fault: 'Server down (nothing listens)',
    side: 'openai provider',
    make: async () => openaiProviderAt(`http://127.0.0.1:${await closedPort()}/v1`),
    expect: { kind: 'connection-refused', fix: 'open-settings', message: /ECONNREFUSED/ },
  },
  {
    fault: '401 (wrong key)',
    side: 'openai provider',
    make: () => openaiFault({ chat: hfError(401, 'Incorrect API key provided') }),
    expect: { kind: 'unauthorized', message: /401/ },
  },
  {
    fault: '404 model not loaded',
    side: 'openai provider',
    make: () => openaiFault({ chat: hfError(404, 'model "qwen2.5-coder-7b" not found') }),
    expect: { kind: 'model-not-found', message: /qwen2\.5-coder-7b/ },
  },
  {
    fault: '429 with retry-after: 30',
    side: 'openai provider',
    make: () => openaiServer((_req, res) => res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' }).end('{"error":{"message":"Rate limit reached"}}')),
    expect: { kind: 'rate-limited', fix: 'retry', message: /30 s/ },
  },
  {
    fault: '503 (a local server still loading the model)',
    side: 'openai provider',
    make: () => openaiFault({ chat: hfError(503, 'Model is loading') }),
    expect: { kind: 'model-loading', fix: 'retry', message: /503.*loading/ },
  },
  {
    fault: 'In-stream error event',
    side: 'openai provider',
    make: () => openaiFault({ chat: { text: FAULT_TEXT, fault: { kind: 'error-event', afterChunks: 3, error: { message: 'Model crashed' } } } }),
    expect: { kind: 'stream-broken', message: /Model crashed/, partialChars: 'one two three'.length },
  },
  {
    fault: 'Connection reset mid-stream',
    side: 'openai provider',
    make: () => openaiFault({ chat: { text: FAULT_TEXT, fault: { kind: 'cut', afterChunks: 4 } } }),
    expect: { kind: 'stream-broken', partialChars: 'one two three four'.length },
  },
  {
    fault: 'Stream ends without [DONE]',
    side: 'openai provider',
    make: () => openaiFault({ chat: { text: FAULT_TEXT, fault: { kind: 'end-without-done', afterChunks: 4 } } }),
    expect: { kind: 'stream-broken', message: /\[DONE\]|cut short|ended/, partialChars: 'one two three four'.length },
  },
  {
    fault: 'Accepts, then stalls',
    side: 'openai provider',
    make: () => openaiFault({ chat: { text: FAULT_TEXT, fault: { kind: 'stall', afterChunks: 2 } } }),
    expect: { kind: 'stream-stalled', partialChars: 'one two'.length },
  },
  {
    fault: 'Wrong content type (HTML with status 200)',
    side: 'openai provider',
    make: () => openaiServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>')),
    expect: { kind: 'stream-broken', message: /HTML|text\/html|content type/i },
  },
  {
    fault: 'Malformed JSON event mid-stream',
    side: 'openai provider',
    make: () => openaiServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(sseDelta('one two') + 'data: {"choices":[{"delta":{"content":"thr\n\n');
    }),
    expect: { kind: 'stream-broken', message: /malformed|JSON/i, partialChars: 'one two'.length },
  },
  {
    fault: 'A 10 MB answer',
    side: 'openai provider',
    make: () => openaiServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const piece = bigAnswer().repeat(64);
      for (let i = 0; i < TEN_MB / piece.length; i++) res.write(sseDelta(piece));
      res.end('data: [DONE]\n\n');
    }),
    expect: { kind: 'ok', chars: TEN_MB },
  },
  {
    fault: 'DNS name that does not resolve',
    side: 'openai provider',
    make: async () => openaiProviderAt('http://no-such-host.invalid:1234/v1'),
    expect: { kind: 'connection-refused', fix: 'open-settings', message: /ENOTFOUND|name lookup|resolve/i },
  },
  {
    fault: 'A port Node\'s fetch refuses (6000)',
    side: 'openai provider',
    make: async () => openaiProviderAt('http://127.0.0.1:6000/v1'),
    expect: { kind: 'config', fix: 'open-settings', message: /port 6000.*refuses/ },
  },
  {
    fault: 'TLS endpoint with a self-signed certificate',
    side: 'openai provider',
    make: () => openaiServer((_req, res) => res.end('{}'), true),
    expect: { kind: 'connection-refused', fix: 'open-settings', message: /self-signed.*NODE_EXTRA_CA_CERTS/ },
  },
];
