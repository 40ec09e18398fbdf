/**
 * Model facts come from the server, or are unknown (null): vLLM's `max_model_len`, LM Studio's `/api/v0/models`,
 * llama.cpp's `meta` (see openai.llamacpp.test.ts), Ollama's `/api/show`; the known-facts table only for the exact
 * model on the Hugging Face router, never for an endpoint that may serve anything under that name. Plus the model
 * lists "Add model…" picks from.
 */
import assert from 'node:assert/strict';
import { HuggingFaceProvider } from '../../src/core/providers/huggingface';
import { LlmError } from '../../src/core/providers/errors';
import { OpenAiProvider } from '../../src/core/providers/openai';
import { OllamaProvider } from '../../src/core/providers/ollama';
import { listServerModels } from '../../src/core/providers/server-models';
import type { ModelSlot } from '../../src/core/providers/types';
import { startHfSim } from '../support/hf-sim';
import { startJsonServer, type JsonServer } from '../support/json-server';
import { startOllamaSim } from '../support/ollama-sim';

const openaiSlot = (endpoint: string, model: string): ModelSlot => ({ id: 'm', label: 'M', provider: 'openai', model, maxTokens: 16, endpoint });
const QWEN32 = 'Qwen/Qwen2.5-Coder-32B-Instruct';

describe('model facts from the server, or null (issue 8)', () => {
  const servers: JsonServer[] = [];
  const serve = async (routes: Parameters<typeof startJsonServer>[0]) => {
    const s = await startJsonServer(routes);
    servers.push(s);
    return s;
  };
  after(() => Promise.all(servers.map((s) => s.close())));

  it("vLLM: the context window from max_model_len, nothing invented for the rest", async () => {
    const s = await serve({
      'GET /v1/models': { json: { object: 'list', data: [{ id: 'Qwen/Qwen2.5-Coder-7B-Instruct', object: 'model', owned_by: 'vllm', max_model_len: 32768 }] } },
      'POST /v1/chat/completions': { status: 400, json: { object: 'error', message: 'messages must not be empty' } },
    });
    const info = await new OpenAiProvider().describe(openaiSlot(`${s.url}/v1`, 'Qwen/Qwen2.5-Coder-7B-Instruct'));
    assert.equal(info.reachable, true, info.reason ?? '');
    assert.equal(info.contextWindow, 32768);
    assert.equal(info.parameters, null);
    assert.equal(info.quantization, null);
    assert.equal(info.sizeBytes, null);
    assert.equal(info.extra.ownedBy, 'vllm');
  });

  it("LM Studio: arch, quantization and context from its /api/v0/models", async () => {
    const s = await serve({
      'GET /v1/models': { json: { data: [{ id: 'qwen2.5-coder-7b-instruct', object: 'model', owned_by: 'organization_owner' }] } },
      'GET /api/v0/models': { json: { data: [{ id: 'qwen2.5-coder-7b-instruct', type: 'llm', arch: 'qwen2', quantization: 'Q4_K_M', state: 'loaded', max_context_length: 32768 }] } },
      'POST /v1/chat/completions': { status: 400, json: { error: "'messages' field is required" } },
    });
    const info = await new OpenAiProvider().describe(openaiSlot(`${s.url}/v1`, 'qwen2.5-coder-7b-instruct'));
    assert.equal(info.reachable, true, info.reason ?? '');
    assert.equal(info.contextWindow, 32768);
    assert.equal(info.quantization, 'Q4_K_M');
    assert.equal(info.extra.architecture, 'qwen2');
    assert.equal(info.parameters, null, 'LM Studio does not say: unknown');
  });

  it('a server that says nothing: every fact null; a model it does not list: not usable, with what it offers', async () => {
    const s = await serve({
      'GET /v1/models': { json: { data: [{ id: 'other-model' }, { id: 'third' }] } },
      'POST /v1/chat/completions': { status: 422, json: { detail: [{ loc: ['body', 'messages'], msg: 'too short' }] } },
    });
    const plain = await new OpenAiProvider().describe(openaiSlot(`${s.url}/v1`, 'other-model'));
    assert.equal(plain.reachable, true, plain.reason ?? '');
    assert.deepEqual([plain.parameters, plain.contextWindow, plain.quantization, plain.sizeBytes], [null, null, null, null]);
    const missing = await new OpenAiProvider().describe(openaiSlot(`${s.url}/v1`, 'qwen-coder'));
    assert.equal(missing.reachable, false);
    assert.match(missing.reason ?? '', /does not serve "qwen-coder"; it offers: other-model, third/);
  });

  it('the known-facts table applies on the router only: an endpoint serving that name gets the server facts', async () => {
    const sim = await startHfSim({ openaiModels: [QWEN32] });
    try {
      const router = await new HuggingFaceProvider({ token: 'hf_FactsTest0123456789', provider: 'auto', routerUrl: sim.url, hubUrl: sim.url }).describe({ id: 'q', label: 'Q', provider: 'huggingface', model: QWEN32, maxTokens: 16 });
      assert.equal(router.parameters, '32.5B');
      assert.equal(router.contextWindow, 32768);
      assert.equal(router.location, 'online');
      const endpoint = await new HuggingFaceProvider({ provider: 'auto' }).describe({ id: 'q', label: 'Q', provider: 'huggingface', model: QWEN32, maxTokens: 16, endpoint: `${sim.url}/v1` });
      assert.equal(endpoint.reachable, true, endpoint.reason ?? '');
      assert.equal(endpoint.parameters, null, 'not the 32.5B of the table: this server may serve anything under that name');
      assert.equal(endpoint.contextWindow, null);
      assert.equal(endpoint.location, 'local');
    } finally {
      await sim.close();
    }
  });

  it('Ollama: facts from /api/tags and /api/show, on the slot\'s own host', async () => {
    const ollama = await startOllamaSim({ models: [{ name: 'qwen2.5-coder:3b', reply: 'x' }] });
    try {
      const provider = new OllamaProvider({ host: 'http://127.0.0.1:9' });
      const info = await provider.describe({ id: 'o', label: 'O', provider: 'ollama', model: 'qwen2.5-coder:3b', maxTokens: 16, endpoint: ollama.url });
      assert.equal(info.reachable, true, info.reason ?? '');
      assert.equal(info.endpoint, ollama.url);
      assert.ok(info.parameters !== null && info.contextWindow !== null, 'the simulator states both');
      assert.ok(ollama.requests.some((r) => r.path === '/api/show'));
    } finally {
      await ollama.close();
    }
  });

  describe('listing what a server offers (for "Add model…")', () => {
    it('Ollama /api/tags: names with size and quantization', async () => {
      const ollama = await startOllamaSim({ models: [{ name: 'qwen2.5-coder:3b', reply: 'x' }, { name: 'codellama:7b', reply: 'y' }] });
      try {
        const list = await listServerModels({ kind: 'ollama', endpoint: ollama.url });
        assert.deepEqual(list.map((m) => m.id).sort(), ['codellama:7b', 'qwen2.5-coder:3b']);
        assert.ok(list.every((m) => m.detail !== null));
      } finally {
        await ollama.close();
      }
    });

    it('/v1/models: ids with what the server states; a 401 is a typed error; the key goes with the request', async () => {
      const s = await serve({ 'GET /v1/models': { json: { data: [{ id: 'a', max_model_len: 4096 }, { id: 'b' }] } } });
      const list = await listServerModels({ kind: 'openai', endpoint: `${s.url}/v1`, apiKey: 'sk-list' });
      assert.deepEqual(list, [
        { id: 'a', detail: '4096-token context' },
        { id: 'b', detail: null },
      ]);
      assert.equal(s.requests.at(-1)?.headers.authorization, 'Bearer sk-list');
      const locked = await serve({ 'GET /v1/models': { status: 401, json: { error: 'no' } } });
      await assert.rejects(listServerModels({ kind: 'openai', endpoint: `${locked.url}/v1` }), (e: unknown) => e instanceof LlmError && e.kind === 'unauthorized' && e.fix === 'set-api-key');
      await assert.rejects(listServerModels({ kind: 'openai', endpoint: 'http://127.0.0.1:9/v1' }), (e: unknown) => e instanceof LlmError && e.kind === 'connection-refused');
    });
  });
});
