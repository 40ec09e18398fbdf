/**
 * The `openai` provider against the REAL llama.cpp server (../shared/servers): streaming with the server's own
 * `timings`, facts from its /v1/models, its `--api-key` 401 as a typed error naming the model whose key to set,
 * `models` with a wrong key, and a cancel that its own log shows. Skips, saying why, where the binary cannot run.
 */
import assert from 'node:assert/strict';
import { startComparison } from '../../src/core/compare/run';
import { LlmError } from '../../src/core/providers/errors';
import { OpenAiProvider } from '../../src/core/providers/openai';
import type { ModelSlot, StreamEvent } from '../../src/core/providers/types';
import { forgetSecrets } from '../../src/core/redact';
import { runCli } from '../support/cli-harness';
import { startLlamaServer, type LlamaServer } from '../support/llama-server';

const KEY = 'llama-secret-key-0123456789';
const slotOn = (server: LlamaServer, over: Partial<ModelSlot> = {}): ModelSlot => ({
  id: 'llama',
  label: 'llama.cpp',
  provider: 'openai',
  model: 'tiny',
  maxTokens: 24,
  temperature: 0,
  endpoint: `${server.url}/v1`,
  ...over,
});

async function collect(source: AsyncIterable<StreamEvent>): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const e of source) events.push(e);
  } catch (error) {
    return { events, error };
  }
  return { events, error: null };
}

describe('openai provider against the real llama.cpp server', function () {
  this.timeout(60_000);
  let open: LlamaServer | null = null;
  let locked: LlamaServer | null = null;
  let skip = '';
  before(async function () {
    const a = await startLlamaServer({ verbose: true });
    if ('skip' in a) {
      skip = a.skip;
      console.log(`llama.cpp tests skipped: ${skip}`);
      return this.skip();
    }
    open = a;
    const b = await startLlamaServer({ apiKey: KEY });
    if ('skip' in b) {
      skip = b.skip;
      return this.skip();
    }
    locked = b;
  });
  after(async () => {
    await Promise.all([open?.stop(), locked?.stop()]);
    forgetSecrets();
  });

  it('streams deltas, then done with llama.cpp timings as the server counters and the token limit as the end', async () => {
    const { events, error } = await collect(new OpenAiProvider().stream(slotOn(open!), { messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(error, null);
    assert.ok(events.filter((e) => e.type === 'delta').length > 0, 'text arrived as deltas');
    const done = events.at(-1);
    assert.equal(done?.type, 'done');
    if (done?.type !== 'done') return;
    assert.equal(done.outputTokens, 24);
    assert.equal(done.finishReason, 'length');
    assert.ok(done.server && done.server.evalTokensPerSecond !== null && done.server.evalTokensPerSecond > 0, 'predicted_per_second used');
    assert.ok(done.server.evalMs !== null && done.server.promptEvalMs !== null);
    assert.ok(done.server.promptTokens !== null && done.server.promptTokens > 0);
  });

  it("a comparison takes the server's rate, says so, and keeps the token-limit end", async () => {
    const slot = slotOn(open!);
    const run = startComparison({ prompt: 'hi', models: [{ slot, provider: new OpenAiProvider(), endpoint: slot.endpoint }] });
    const [r] = (await run.done).results;
    assert.equal(r.error, null);
    assert.equal(r.metrics.rateSource, 'server');
    assert.equal(r.metrics.tokensPerSecond, Math.round((r.metrics.server?.evalTokensPerSecond ?? 0) * 10) / 10);
    assert.equal(r.finishReason, 'length');
    assert.equal(r.location, 'local');
  });

  it("facts come from the server's /v1/models meta: 129K parameters, a 512-token context", async () => {
    const info = await new OpenAiProvider().describe(slotOn(open!));
    assert.equal(info.reachable, true, info.reason ?? '');
    assert.equal(info.parameters, '129K');
    assert.equal(info.contextWindow, 512);
    assert.ok(info.sizeBytes !== null && info.sizeBytes > 0);
    assert.equal(info.quantization, null, 'llama.cpp does not say: unknown, not invented');
    assert.equal(info.location, 'local');
    assert.equal(info.endpoint, `${open!.url}/v1`);
  });

  it('the issue\'s case: `models --hf-endpoint <llama.cpp>/v1` reports the server\'s facts and local, not the table\'s 32.5B', async () => {
    const run = await runCli(['models', '--format', 'json', '--models', 'online-qwen', '--hf-endpoint', `${open!.url}/v1`], { HF_TOKEN: 'hf_GlobalTokenSetForEverything0123' });
    assert.equal(run.code, 0, run.stderr);
    const [info] = JSON.parse(run.stdout) as Array<{ parameters: string | null; contextWindow: number | null; location: string; reachable: boolean }>;
    assert.equal(info.reachable, true);
    assert.equal(info.parameters, '129K');
    assert.equal(info.contextWindow, 512);
    assert.equal(info.location, 'local');
  });

  it('--api-key: no key → 401 as unauthorized, fix set-api-key naming the model; its own key works', async () => {
    const slot = slotOn(locked!);
    const without = await collect(new OpenAiProvider().stream(slot, { messages: [{ role: 'user', content: 'hi' }] }));
    assert.ok(without.error instanceof LlmError);
    assert.equal(without.error.kind, 'unauthorized');
    assert.equal(without.error.fix, 'set-api-key');
    assert.equal(without.error.keySlot, 'llama');
    assert.match(without.error.message, /needs a key.*Invalid API Key/);
    const wrong = await collect(new OpenAiProvider({ secrets: { modelKeys: { llama: 'wrong-key' } } }).stream(slot, { messages: [{ role: 'user', content: 'hi' }] }));
    assert.ok(wrong.error instanceof LlmError);
    assert.match(wrong.error.message, /rejected the key/);
    const right = await collect(new OpenAiProvider({ secrets: { modelKeys: { llama: KEY } } }).stream(slot, { messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(right.error, null);
  });

  it('models with a wrong key: not usable, with the reason and the fix (GET /v1/models alone would say fine)', async () => {
    const slot = slotOn(locked!);
    const wrong = await new OpenAiProvider({ secrets: { modelKeys: { llama: 'wrong-key' } } }).describe(slot);
    assert.equal(wrong.reachable, false);
    assert.match(wrong.reason ?? '', /rejected the key \(401\).*Set API key for llama\.cpp/);
    assert.ok(!JSON.stringify(wrong).includes('wrong-key'));
    const right = await new OpenAiProvider({ secrets: { modelKeys: { llama: KEY } } }).describe(slot);
    assert.equal(right.reachable, true, right.reason ?? '');
    assert.equal(right.extra.key, 'accepted');
  });

  it("stopping after the first text closes the connection: the server's log shows the task cancelled early", async () => {
    const slot = slotOn(open!, { maxTokens: 440 });
    // On a loaded machine the tiny model (thousands of tokens/s) may finish before our close arrives: that attempt
    // proves nothing either way, so up to three are made; one must show the cancel.
    const seen: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = open!.log().length;
      for await (const e of new OpenAiProvider().stream(slot, { messages: [{ role: 'user', content: `cancel me ${attempt}` }] })) {
        if (e.type === 'delta') break;
      }
      let tail = '';
      for (let i = 0; i < 100 && !/release:/.test(tail); i++) {
        await new Promise((r) => setTimeout(r, 20));
        tail = open!.log().slice(before);
      }
      const decoded = [...tail.matchAll(/n_decoded = (\d+)/g)].map((m) => Number(m[1]));
      const last = decoded.length ? Math.max(...decoded) : -1;
      seen.push(`attempt ${attempt + 1}: cancel ${/cancel_tasks: cancel task/.test(tail) ? 'seen' : 'not seen'}, stopped at ${last} of 440`);
      if (/cancel_tasks: cancel task/.test(tail) && last >= 0 && last < 440) return;
    }
    assert.fail(`no cancel reached the server: ${seen.join('; ')}`);
  });
});
