/**
 * The Hugging Face provider through the real @huggingface/inference client over real HTTP against the simulator:
 * what is streamed, and what goes on the wire in each routing mode.
 */
import assert from 'node:assert/strict';
import { HuggingFaceProvider } from '../../src/core/providers/huggingface';
import type { HfSim } from '../support/hf-sim';
import { MODEL, TOKEN, collect, doneOf, request, routerProvider, slot, useHfSim } from './huggingface.helpers';

interface ChatBody {
  model: string;
  max_tokens: number;
  stream: boolean;
  temperature?: number;
  seed?: number;
  messages: { role: string; content: string }[];
  stream_options?: { include_usage?: boolean };
  provider?: string;
}

describe('HuggingFaceProvider streaming', () => {
  let sim: HfSim;
  useHfSim((started) => (sim = started));

  it('streams the answer as deltas, then one done with the server-counted output tokens', async () => {
    sim.setScript({ chat: { chunks: ['def ', 'hello', '():', '\n  print("hi")'] } });
    const c = await collect(routerProvider(sim).stream(slot(), request()));
    assert.equal(c.error, null);
    assert.deepEqual(c.events[0], { type: 'status', status: 'connecting' });
    assert.deepEqual(
      c.events.filter((e) => e.type === 'delta').map((e) => (e.type === 'delta' ? e.text : '')),
      ['def ', 'hello', '():', '\n  print("hi")'],
    );
    const done = doneOf(c);
    assert.ok(done);
    assert.equal(c.events.at(-1), done, 'done comes last, exactly once');
    assert.equal(c.events.filter((e) => e.type === 'done').length, 1);
    assert.equal(done.outputTokens, 4);
    assert.equal(done.finishReason, 'stop');
    assert.deepEqual(done.server, { loadMs: null, promptEvalMs: null, promptTokens: 6, evalMs: null, evalTokensPerSecond: null });
  });

  it('reports unknown output tokens (null) when the server sends no usage', async () => {
    sim.setScript({ chat: { text: 'no usage here', usage: false } });
    const c = await collect(routerProvider(sim).stream(slot(), request()));
    assert.equal(c.error, null);
    assert.equal(c.text, 'no usage here');
    const done = doneOf(c);
    assert.equal(done?.outputTokens, null);
    assert.equal(done?.server, null);
  });

  it('says the answer was cut by the token limit (finish_reason length)', async () => {
    sim.setScript({ chat: { text: 'one two three four five six' } });
    const c = await collect(routerProvider(sim).stream(slot({ maxTokens: 3 }), request()));
    assert.equal(c.text, 'one two three');
    assert.equal(doneOf(c)?.finishReason, 'length');
  });

  it('provider "auto": POST /v1/chat/completions with the model, limits, usage request and the Bearer token', async () => {
    const c = await collect(routerProvider(sim).stream(slot({ systemPrompt: 'You write code.' }), request({ maxTokens: 42, temperature: 0.2, seed: 7 })));
    assert.equal(c.error, null);
    const chats = sim.requests.filter((r) => r.kind === 'chat');
    assert.equal(chats.length, 1);
    const r = chats[0];
    assert.equal(r.path, '/v1/chat/completions');
    assert.equal(r.headers.authorization, `Bearer ${TOKEN}`);
    const body = r.body as ChatBody;
    assert.equal(body.model, MODEL);
    assert.equal(body.max_tokens, 42);
    assert.equal(body.temperature, 0.2);
    assert.equal(body.seed, 7);
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'You write code.' },
      { role: 'user', content: 'Write a hello world in Python' },
    ]);
    assert.equal(sim.requests.filter((x) => x.kind === 'hub-model').length, 0, 'auto routing needs no Hub lookup');
  });

  it('a named provider: Hub mapping lookup, then /<provider>/v1/chat/completions', async () => {
    const model = 'sim-org/NamedProviderModel-1';
    const c = await collect(routerProvider(sim, { provider: 'together' }).stream(slot({ model }), request()));
    assert.equal(c.error, null);
    const hub = sim.requests.find((r) => r.kind === 'hub-model');
    assert.ok(hub, 'the client looked the provider mapping up on the Hub');
    assert.equal(hub.path, `/api/models/${model}`);
    const chat = sim.requests.find((r) => r.kind === 'chat');
    assert.equal(chat?.path, '/together/v1/chat/completions');
    assert.equal(chat?.provider, 'together');
    assert.equal(chat?.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal((chat?.body as ChatBody).model, model);
    assert.deepEqual((chat?.body as ChatBody).stream_options, { include_usage: true });
    assert.equal(c.text, 'Hello from the simulator.');
  });

  it('provider hf-inference: /hf-inference/models/<id>/v1/chat/completions', async () => {
    const model = 'sim-org/HfInferenceModel-1';
    const c = await collect(routerProvider(sim, { provider: 'hf-inference' }).stream(slot({ model }), request()));
    assert.equal(c.error, null);
    const chat = sim.requests.find((r) => r.kind === 'chat');
    assert.equal(chat?.path, `/hf-inference/models/${model}/v1/chat/completions`);
    assert.equal(chat?.provider, 'hf-inference');
  });

  it('endpointUrl (OpenAI-compatible): /v1/chat/completions, no provider in the body, token optional', async () => {
    const withToken = new HuggingFaceProvider({ token: TOKEN, modelKeys: { 'online-qwen': 'sk-local-endpoint-key-123' }, provider: 'together' });
    let c = await collect(withToken.stream(slot({ endpoint: `${sim.url}/v1` }), request()));
    assert.equal(c.error, null, 'the configured provider is ignored with an endpoint');
    let chat = sim.requests.filter((r) => r.kind === 'chat').at(-1);
    assert.equal(chat?.path, '/v1/chat/completions');
    assert.equal(chat?.headers.authorization, 'Bearer sk-local-endpoint-key-123', "the model's own key, not the HF token");
    assert.equal((chat?.body as ChatBody).model, MODEL);
    assert.equal((chat?.body as ChatBody).provider, undefined);
    assert.deepEqual((chat?.body as ChatBody).stream_options, { include_usage: true });

    const noToken = new HuggingFaceProvider({ provider: 'auto', endpointUrl: sim.url });
    c = await collect(noToken.stream(slot(), request()));
    assert.equal(c.error, null, 'a local server may need no token');
    chat = sim.requests.filter((r) => r.kind === 'chat').at(-1);
    assert.equal(chat?.path, '/v1/chat/completions', 'a bare host gets /v1/chat/completions');
    assert.equal(chat?.headers.authorization, undefined);
    assert.ok(doneOf(c));
  });

  it('skips empty content chunks (the role-only first chunk)', async () => {
    sim.setScript({ chat: { chunks: ['', 'a', '', 'b'] } });
    const c = await collect(routerProvider(sim).stream(slot(), request()));
    assert.deepEqual(c.events.filter((e) => e.type === 'delta').length, 2);
    assert.equal(c.text, 'ab');
  });
});
