/**
 * Every failure a user can hit with Hugging Face arrives as a typed error with a fix and a message that says what
 * to do, and the token never shows up in it, even when the server echoes the request back.
 */
import assert from 'node:assert/strict';
import { CancelledError, LlmError, type ErrorKind, type FixAction } from '../../src/core/providers/errors';
import { HuggingFaceProvider } from '../../src/core/providers/huggingface';
import { hfError, startHfSim, type HfSim, type HfSimChatReply } from '../support/hf-sim';
import { TOKEN, collect, request, routerProvider, slot } from './huggingface.helpers';

function assertLlmError(error: unknown, kind: ErrorKind, fix: FixAction | undefined, pattern: RegExp): LlmError {
  assert.ok(error instanceof LlmError, `expected an LlmError, got ${String(error)}`);
  assert.equal(error.kind, kind, error.message);
  assert.equal(error.fix, fix);
  assert.match(error.message, pattern);
  assertNoToken(error);
  return error;
}

function assertNoToken(error: LlmError): void {
  for (const text of [error.message, JSON.stringify(error), String(error), error.stack ?? '']) {
    assert.ok(!text.includes(TOKEN), `token leaked: ${text}`);
    assert.ok(!text.includes(TOKEN.slice(3)), `token body leaked: ${text}`);
  }
}

describe('HuggingFaceProvider errors', () => {
  let sim: HfSim;
  before(async () => {
    sim = await startHfSim();
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  async function failWith(reply: HfSimChatReply, provider = 'auto') {
    sim.setScript({ chat: reply });
    const c = await collect(routerProvider(sim, { provider }).stream(slot(), request()));
    return c.error;
  }

  it('no token with the router: unauthorized before anything is sent', async () => {
    const p = new HuggingFaceProvider({ provider: 'auto', routerUrl: sim.url, hubUrl: sim.url });
    const c = await collect(p.stream(slot(), request()));
    assertLlmError(c.error, 'unauthorized', 'set-api-key', /Set a Hugging Face API key: command 'LLM Compare: Set Hugging Face API key' or HF_API_KEY/);
    assert.equal(sim.requests.length, 0);
    assert.equal(c.events.length, 0);
  });

  const cases: { name: string; reply: HfSimChatReply; kind: ErrorKind; fix: FixAction; message: RegExp }[] = [
    { name: '401', reply: hfError(401, 'Invalid credentials in Authorization header'), kind: 'unauthorized', fix: 'set-api-key', message: /rejected the API key \(401\).*Set a Hugging Face API key/ },
    { name: '403', reply: hfError(403, 'This authentication method does not have sufficient permissions'), kind: 'forbidden', fix: 'set-api-key', message: /Make calls to Inference Providers/ },
    { name: '402', reply: hfError(402, 'You have exceeded your monthly included credits for Inference Providers.'), kind: 'credits-exhausted', fix: 'open-settings', message: /monthly.*credits.*PRO.*another provider.*local models/ },
    { name: '404', reply: hfError(404, 'Model not found'), kind: 'model-not-found', fix: 'open-settings', message: /not available.*Choose another provider.*or another model/ },
    { name: '400 not supported by any provider', reply: hfError(400, "The requested model 'x' is not supported by any provider you have enabled."), kind: 'model-not-found', fix: 'open-settings', message: /another provider/ },
    { name: '400 other', reply: hfError(400, 'max_tokens must be at least 1'), kind: 'bad-request', fix: 'open-settings', message: /max_tokens must be at least 1/ },
    { name: '422 OpenAI-style body', reply: { status: 422, body: { error: { message: 'Input validation error: temperature must be positive', type: 'validation' } } }, kind: 'bad-request', fix: 'open-settings', message: /temperature must be positive/ },
    { name: '429', reply: hfError(429, 'Rate limit reached'), kind: 'rate-limited', fix: 'retry', message: /rate limiting.*try again/i },
    { name: 'in-stream error event', reply: { chunks: ['a', 'b', 'c'], fault: { kind: 'error-event', afterChunks: 2, error: 'CUDA out of memory' } }, kind: 'stream-broken', fix: 'retry', message: /CUDA out of memory.*partial text is kept/ },
    { name: 'stream ended without [DONE]', reply: { chunks: ['a', 'b', 'c'], fault: { kind: 'end-without-done', afterChunks: 2 } }, kind: 'stream-broken', fix: 'retry', message: /without saying it was complete/ },
    { name: 'connection dropped mid-stream', reply: { chunks: ['a', 'b', 'c'], fault: { kind: 'cut', afterChunks: 2 } }, kind: 'stream-broken', fix: 'retry', message: /closed the connection/ },
  ];
  for (const t of cases) {
    it(`${t.name} → ${t.kind} (fix ${t.fix})`, async () => {
      const error = await failWith(t.reply);
      const e = assertLlmError(error, t.kind, t.fix, t.message);
      if (t.kind !== 'stream-broken') assert.equal(e.details.status, t.reply.status);
    });
  }

  it('keeps the partial text of a broken stream with the caller', async () => {
    sim.setScript({ chat: { chunks: ['par', 'tial', 'rest'], fault: { kind: 'error-event', afterChunks: 2 } } });
    const c = await collect(routerProvider(sim).stream(slot(), request()));
    assert.equal(c.text, 'partial');
    assert.ok(c.events.every((e) => e.type !== 'done'));
  });

  it('never shows the token, even when the server echoes the Authorization header back', async () => {
    for (const status of [400, 401, 403, 422, 429, 500]) {
      sim.setScript({ chat: { status, body: (r) => ({ error: `bad request from ${r.headers.authorization}`, detail: r.headers.authorization }) } });
      const c = await collect(routerProvider(sim).stream(slot(), request()));
      assert.ok(c.error instanceof LlmError);
      assertNoToken(c.error);
    }
    sim.setScript({ chat: { chunks: ['x'], fault: { kind: 'error-event', afterChunks: 1, error: `echo ${TOKEN}` } } });
    const c = await collect(routerProvider(sim).stream(slot(), request()));
    assertLlmError(c.error, 'stream-broken', 'retry', /echo \[redacted\]/);
  });

  it('never shows an endpoint key either, even a bare one echoed without "Bearer"', async () => {
    const key = 'sk-local-endpoint-secret-42';
    sim.setScript({ chat: { status: 400, body: (r) => ({ error: `unknown key ${(r.headers.authorization ?? '').replace('Bearer ', '')}` }) } });
    const c = await collect(new HuggingFaceProvider({ modelKeys: { 'online-qwen': key }, provider: 'auto', endpointUrl: sim.url }).stream(slot({ endpoint: sim.url }), request()));
    assert.ok(c.error instanceof LlmError);
    assert.equal(c.error.kind, 'bad-request');
    assert.match(c.error.message, /unknown key \[redacted\]/);
    assert.ok(!JSON.stringify(c.error).includes(key));
  });

  it('a named provider that does not serve the model → model-not-found naming the provider', async () => {
    sim.setScript({ hub: { models: { 'sim-org/OnlyOnNebius': { nebius: { status: 'live', providerId: 'x', task: 'conversational' } } } } });
    const c = await collect(routerProvider(sim, { provider: 'together' }).stream(slot({ model: 'sim-org/OnlyOnNebius' }), request()));
    assertLlmError(c.error, 'model-not-found', 'open-settings', /provider "together".*Choose another provider/);
    assert.equal(sim.requests.filter((r) => r.kind === 'chat').length, 0);
  });

  it('an unknown provider name → config, before sending', async () => {
    const c = await collect(routerProvider(sim, { provider: 'no-such-provider' }).stream(slot(), request()));
    assertLlmError(c.error, 'config', 'open-settings', /Unknown Hugging Face provider "no-such-provider".*together/);
    assert.equal(sim.requests.length, 0);
  });

  it('"auto" with a non-hf_ token → unauthorized explaining auto needs an hf_ token', async () => {
    const c = await collect(routerProvider(sim, { token: 'sk-not-a-hf-token-1234' }).stream(slot(), request()));
    assertLlmError(c.error, 'unauthorized', 'set-api-key', /"auto" provider only works with a Hugging Face token/);
  });

  it('the router is down → connection-refused: check your internet/proxy', async () => {
    const down = await startHfSim();
    const url = down.url;
    await down.close();
    const c = await collect(new HuggingFaceProvider({ token: TOKEN, provider: 'auto', routerUrl: url }).stream(slot(), request()));
    assertLlmError(c.error, 'connection-refused', 'retry', /Cannot reach Hugging Face: check your internet connection or proxy.*ECONNREFUSED/);
  });

  it('a local endpoint is down → connection-refused: is the server running?', async () => {
    const down = await startHfSim();
    const url = down.url;
    await down.close();
    const c = await collect(new HuggingFaceProvider({ provider: 'auto', endpointUrl: `${url}/v1` }).stream(slot(), request()));
    assertLlmError(c.error, 'connection-refused', 'open-settings', new RegExp(`Cannot reach ${url}/v1: is the server running\\?`));
  });

  it('an already aborted request → CancelledError, nothing sent', async () => {
    const c = await collect(routerProvider(sim).stream(slot(), request({ signal: AbortSignal.abort() })));
    assert.ok(c.error instanceof CancelledError);
    assert.equal(sim.requests.length, 0);
  });
});
