/**
 * Issue 18: every recorded real exchange, replayed over HTTP in small pieces, through the Hugging Face provider
 * (router path and endpoint path) and the OpenAI-compatible provider: the text equals the recorded deltas, the
 * server's token count and finish reason are kept, each error has its kind and the server's own words, and no key
 * shows anywhere.
 */
import assert from 'node:assert/strict';
import { LlmError } from '../../src/core/providers/errors';
import { HuggingFaceProvider } from '../../src/core/providers/huggingface';
import { OpenAiProvider } from '../../src/core/providers/openai';
import type { ModelSlot, Provider, StreamEvent } from '../../src/core/providers/types';
import { forgetSecrets } from '../../src/core/redact';
import { loadRecordings, recordingsFile, startReplayServer, type ReplayServer } from '../support/replay-server';
import { expectedOf } from './replay.helpers';

const HF_TOKEN = 'hf_ReplayTestToken0123456789abcdef';
const OWN_KEY = 'sk-replay-own-key-0123456789';
const file = recordingsFile();

interface Route {
  name: string;
  provider: (server: ReplayServer) => Provider;
  slot: (server: ReplayServer) => ModelSlot;
  /** The key the server must have received. */
  key: string;
}

const base: ModelSlot = { id: 'rec', label: 'Recorded', provider: 'huggingface', model: 'org/recorded-model', maxTokens: 500 };
const routes: Route[] = [
  {
    name: 'Hugging Face provider, router path',
    provider: (s) => new HuggingFaceProvider({ token: HF_TOKEN, provider: 'auto', routerUrl: s.url, hubUrl: s.url, stallTimeoutMs: 10_000, maxLoadingRetries: 0 }),
    slot: () => base,
    key: HF_TOKEN,
  },
  {
    name: 'Hugging Face provider, endpoint path',
    provider: () => new HuggingFaceProvider({ token: HF_TOKEN, modelKeys: { rec: OWN_KEY }, provider: 'auto', stallTimeoutMs: 10_000, maxLoadingRetries: 0 }),
    slot: (s) => ({ ...base, endpoint: `${s.url}/v1` }),
    key: OWN_KEY,
  },
  {
    name: 'OpenAI-compatible provider',
    provider: () => new OpenAiProvider({ secrets: { hfToken: HF_TOKEN, modelKeys: { rec: OWN_KEY } }, stallTimeoutMs: 10_000 }),
    slot: (s) => ({ ...base, provider: 'openai', endpoint: `${s.url}/v1` }),
    key: OWN_KEY,
  },
];

async function run(p: Provider, slot: ModelSlot): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const e of p.stream(slot, { messages: [{ role: 'user', content: 'One plus one is equal to' }] })) events.push(e);
    return { events, error: null };
  } catch (error) {
    return { events, error };
  }
}

describe('replay of real recorded exchanges (issue 18)', function () {
  this.timeout(120_000);
  if (!file) {
    it('is skipped: ../shared/recordings/hf-chat-completions.json is absent');
    console.log('replay suite skipped: ../shared/recordings/hf-chat-completions.json not found');
    return;
  }
  const recordings = loadRecordings(file);
  let server: ReplayServer;
  before(async () => {
    server = await startReplayServer();
  });
  after(async () => {
    await server.close();
    forgetSecrets();
  });

  it('has the 69 recordings the issue names', () => assert.equal(recordings.length, 69));

  for (const route of routes) {
    it(`${route.name}: every recording, cut into pieces of 1–24 bytes`, async () => {
      const failures: string[] = [];
      for (const { name, exchange } of recordings) {
        const expected = expectedOf(exchange);
        server.play(exchange, 24);
        const before = server.requests.length;
        const { events, error } = await run(route.provider(server), route.slot(server));
        const where = `${name} (${exchange.response.status} ${exchange.response.headers['content-type']})`;
        const sent = server.requests.slice(before);
        if (sent.length !== 1 || sent[0].headers.authorization !== `Bearer ${route.key}`) failures.push(`${where}: the right key was not sent exactly once`);
        const output = JSON.stringify(events) + (error instanceof Error ? error.message + JSON.stringify(error) : '');
        if (output.includes(HF_TOKEN) || output.includes(OWN_KEY)) failures.push(`${where}: a key shows in the output`);
        if (expected.kind === 'error') {
          if (!(error instanceof LlmError)) {
            failures.push(`${where}: expected an error, got ${String(error)}`);
            continue;
          }
          const kinds = expected.status === 401 ? ['unauthorized'] : ['bad-request', 'model-not-found'];
          if (!kinds.includes(error.kind)) failures.push(`${where}: kind ${error.kind}, expected ${kinds.join('/')}`);
          if (!error.message.includes(expected.serverWords)) failures.push(`${where}: the server's words "${expected.serverWords}" are missing from: ${error.message}`);
          continue;
        }
        if (error) {
          failures.push(`${where}: ${String(error)}`);
          continue;
        }
        const text = events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
        const done = events.at(-1);
        if (text !== expected.text) failures.push(`${where}: text ${JSON.stringify(text)} ≠ recorded ${JSON.stringify(expected.text)}`);
        if (done?.type !== 'done') {
          failures.push(`${where}: no done event last`);
          continue;
        }
        if (done.outputTokens !== expected.outputTokens) failures.push(`${where}: tokens ${done.outputTokens} ≠ ${expected.outputTokens}`);
        if ((done.finishReason ?? null) !== expected.finishReason) failures.push(`${where}: finish ${done.finishReason} ≠ ${expected.finishReason}`);
        if ((done.notStreamed ?? false) !== expected.notStreamed) failures.push(`${where}: notStreamed ${done.notStreamed}`);
      }
      assert.deepEqual(failures, []);
    });
  }
});
