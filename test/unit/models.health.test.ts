/**
 * What the models view and "Add model…" learn from a server over real HTTP: its list of models, whether it wants a
 * key, and each configured model's state (ready, not reachable, not installed, key missing or rejected).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { checkModels, type ModelState } from '../../src/core/providers/model-health';
import { hostOf, targetOf } from '../../src/core/providers/slot-target';
import { checkServer } from '../../src/core/providers/server-check';
import type { ModelSlot } from '../../src/core/providers/types';
import { defaultSettings, type Settings } from '../../src/core/settings';
import { startHfSim, type HfSim } from '../support/hf-sim';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { deadPort } from '../support/ollama-sim-kit';

const KEY = 'sk-ModelsHealthKey0123456789';

function slot(id: string, provider: ModelSlot['provider'], model: string, endpoint?: string): ModelSlot {
  return { id, label: id, provider, model, maxTokens: 16, ...(endpoint ? { endpoint } : {}) };
}

/** A port that accepts connections and never answers: a server stuck loading. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { sockets.forEach((s) => s.destroy()); server.close(() => r()); }) };
}

describe('Models view: what a server offers and each model’s state', () => {
  let ollama: OllamaSim;
  let openai: HfSim;
  let settings: Settings;

  beforeEach(async () => {
    ollama = await startOllamaSim({ models: [{ name: 'codellama:7b' }, { name: 'qwen2.5-coder:3b' }] });
    openai = await startHfSim({ requireToken: KEY, openaiModels: ['tiny-coder', 'other'] });
    settings = { ...defaultSettings(), ollama: { host: ollama.url } };
  });
  afterEach(async () => {
    await ollama.close();
    await openai.close();
  });

  it('lists what Ollama has installed and what an OpenAI-compatible server serves', async () => {
    const tags = await checkServer('ollama', ollama.url);
    assert.deepEqual(tags.ok && tags.models, ['codellama:7b', 'qwen2.5-coder:3b']);
    const served = await checkServer('openai', `${openai.url}/v1`, { token: KEY });
    assert.deepEqual(served.ok && served.models, ['tiny-coder', 'other']);
    assert.equal(openai.requests.at(-1)?.path, '/v1/models');
    assert.equal(openai.requests.at(-1)?.headers.authorization, `Bearer ${KEY}`);
  });

  it('tells a server that wants a key from one that refused the key, and sends no header without a key', async () => {
    const none = await checkServer('openai', `${openai.url}/v1`);
    assert.equal(!none.ok && none.problem, 'unauthorized');
    assert.match(!none.ok ? none.reason : '', /wants a key/);
    assert.equal(openai.requests.at(-1)?.headers.authorization, undefined);
    const wrong = await checkServer('openai', `${openai.url}/v1`, { token: 'sk-wrong' });
    assert.match(!wrong.ok ? wrong.reason : '', /rejected the key \(HTTP 401\)/);
  });

  it('says "connection refused" for a dead port and "no answer" for a server that hangs, within the time limit', async () => {
    const dead = await checkServer('ollama', `http://127.0.0.1:${await deadPort()}`);
    assert.equal(!dead.ok && dead.problem, 'unreachable');
    assert.match(!dead.ok ? dead.reason : '', /connection refused/);
    const silent = await silentServer();
    try {
      const t0 = Date.now();
      const hung = await checkServer('openai', `${silent.url}/v1`, { timeoutMs: 300 });
      assert.match(!hung.ok ? hung.reason : '', /no answer within 0.3 s/);
      assert.ok(Date.now() - t0 < 3000, 'the check gave up');
    } finally {
      await silent.close();
    }
  });

  it('a model per state: ready, not installed (pullable), not reachable, key missing, key rejected, not served', async () => {
    const dead = `http://127.0.0.1:${await deadPort()}`;
    const base = `${openai.url}/v1`;
    const slots = [
      slot('ready', 'ollama', 'codellama:7b'),
      slot('latest', 'ollama', 'codellama'), // no tag = :latest, which is not installed
      slot('missing', 'ollama', 'llama3:8b'),
      slot('down', 'ollama', 'codellama:7b', dead),
      slot('nokey', 'openai', 'tiny-coder', base),
      slot('badkey', 'openai', 'tiny-coder', base),
      slot('keyed', 'openai', 'tiny-coder', base),
      slot('unlisted', 'openai', 'gpt-9', base),
    ];
    const tokens: Record<string, string> = { badkey: 'sk-wrong', keyed: KEY, unlisted: KEY };
    const states = new Map<string, ModelState>();
    await checkModels(slots, { settings, tokenFor: (s) => tokens[s.id] }, (id, st) => states.set(id, st));
    const kinds = Object.fromEntries([...states].map(([id, st]) => [id, st.kind]));
    assert.deepEqual(kinds, { ready: 'ready', latest: 'missing', missing: 'missing', down: 'unreachable', nokey: 'key-missing', badkey: 'key-rejected', keyed: 'ready', unlisted: 'missing' });
    const missing = states.get('missing');
    assert.ok(missing?.kind === 'missing' && missing.pullable, 'an Ollama model can be pulled');
    const unlisted = states.get('unlisted');
    assert.ok(unlisted?.kind === 'missing' && !unlisted.pullable);
    assert.match(unlisted.reason, /does not list "gpt-9".*tiny-coder, other/);
    // One request per server and key: the two "ready"/"latest"/"missing" Ollama models shared one /api/tags.
    assert.equal(ollama.requests.filter((r) => r.path === '/api/tags').length, 1);
  });

  it('the router: no key is "key missing" without asking, a refused key is "key rejected", an unknown model is "not served"', async () => {
    const hub = await startHfSim({ requireToken: 'hf_good', hub: { models: { 'Qwen/Qwen2.5-Coder-32B-Instruct': { together: { status: 'live', providerId: 'q', task: 'conversational' } } } } });
    try {
      const s = slot('online', 'huggingface', 'Qwen/Qwen2.5-Coder-32B-Instruct');
      const unknown = slot('unknown', 'huggingface', 'nobody/nothing');
      const run = async (token: string | undefined, which = s) => {
        let got: ModelState | undefined;
        await checkModels([which], { settings, hubUrl: hub.url, tokenFor: () => token }, (_id, st) => (got = st));
        return got;
      };
      assert.equal((await run(undefined))?.kind, 'key-missing');
      assert.equal(hub.requests.length, 0, 'nothing is asked without a key');
      assert.equal((await run('hf_bad'))?.kind, 'key-rejected');
      assert.equal((await run('hf_good'))?.kind, 'ready');
      assert.equal((await run('hf_good', unknown))?.kind, 'missing');
    } finally {
      await hub.close();
    }
  });

  it('groups by the host a model really talks to: its own endpoint, else the global default', () => {
    const withEndpoint = targetOf(slot('a', 'ollama', 'm', 'http://gpu-box:11434'), settings);
    assert.equal(withEndpoint?.host, 'gpu-box:11434');
    assert.equal(targetOf(slot('b', 'ollama', 'm'), settings)?.host, hostOf(ollama.url));
    assert.equal(targetOf(slot('c', 'huggingface', 'm'), settings)?.host, 'router.huggingface.co');
    assert.equal(targetOf(slot('d', 'huggingface', 'm'), { ...settings, huggingface: { provider: 'auto', endpointUrl: 'http://10.0.0.5:8080/v1' } })?.host, '10.0.0.5:8080');
    assert.equal(hostOf(':11434'), '127.0.0.1:11434');
  });

  it('lists the Hub’s models served by inference providers, for picking an online model', async () => {
    const hub = await startHfSim({ hub: { models: { 'a/one': {}, 'b/two': {} } } });
    try {
      const list = await checkServer('huggingface-hub', hub.url);
      assert.deepEqual(list.ok && list.models, ['a/one', 'b/two']);
      assert.equal(hub.requests[0].query.get('inference_provider'), 'all');
    } finally {
      await hub.close();
    }
  });
});
