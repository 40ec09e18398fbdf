/**
 * The Ollama provider against the simulator, through the real `ollama` client over real HTTP: what a user sees
 * stream, and whether Stop really stops the server.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { LlmError } from '../../src/core/providers/errors';
import { OllamaProvider } from '../../src/core/providers/ollama';
import type { StreamEvent } from '../../src/core/providers/types';
import { startOllamaSim, type OllamaSim, type SimModel } from '../support/ollama-sim';
import { drain, ollamaSlot, sleep, within } from '../support/ollama-sim-kit';

const TOKENS = ['def', ' add', '(a,', ' b):', '\n   ', ' return', ' a', ' +', ' b', '\n'];
const many = (n: number) => Array.from({ length: n }, (_, i) => ` t${i}`);
const user = (content: string) => [{ role: 'user' as const, content }];

describe('Ollama provider: streaming and Stop', () => {
  let sim: OllamaSim;
  const provider = (stallTimeoutMs?: number) => new OllamaProvider({ host: sim.url, stallTimeoutMs });
  const use = (...models: SimModel[]) => sim.setScript({ models });

  beforeEach(async () => {
    sim = await startOllamaSim();
  });
  afterEach(async () => {
    await sim.close();
  });

  it('shows the answer token by token, in order, then the server timings in ms', async () => {
    use({ name: 'codellama:7b', tokens: TOKENS, paceMs: 10, loadMs: 80, promptEvalMs: 20 });
    const { items, error } = await drain(provider().stream(ollamaSlot('codellama:7b'), { messages: user('add') }));
    assert.equal(error, undefined);
    assert.deepEqual(items[0], { type: 'status', status: 'connecting' });
    const deltas = items.filter((e): e is Extract<StreamEvent, { type: 'delta' }> => e.type === 'delta');
    assert.deepEqual(deltas.map((d) => d.text), TOKENS);
    const done = items.at(-1);
    assert.ok(done?.type === 'done', 'the stream ends with done');
    assert.equal(items.filter((e) => e.type === 'done').length, 1);

    const final = sim.streams[0].final ?? {};
    assert.equal(done.outputTokens, TOKENS.length);
    assert.equal(done.finishReason, 'stop');
    assert.ok(done.server);
    // The client's arithmetic against what went over the wire (nanoseconds)...
    assert.equal(done.server.loadMs, Number(final.load_duration) / 1e6);
    assert.equal(done.server.promptEvalMs, Number(final.prompt_eval_duration) / 1e6);
    assert.equal(done.server.evalMs, Number(final.eval_duration) / 1e6);
    assert.equal(done.server.promptTokens, final.prompt_eval_count);
    assert.ok(Math.abs((done.server.evalTokensPerSecond ?? 0) - (TOKENS.length / Number(final.eval_duration)) * 1e9) < 1e-9);
    // ...and against the schedule the server was scripted with.
    assert.ok(done.server.loadMs !== null && done.server.loadMs >= 75 && done.server.loadMs < 2000, `loadMs ${done.server.loadMs}`);
    assert.ok(done.server.evalMs !== null && done.server.evalMs >= TOKENS.length * 10 * 0.8, `evalMs ${done.server.evalMs}`);
  });

  it('sends the slot system prompt, token limit, temperature and seed to Ollama', async () => {
    use({ name: 'codellama:7b', tokens: TOKENS });
    const slot = ollamaSlot('codellama:7b', { systemPrompt: 'You write Python.', temperature: 0.7, maxTokens: 64 });
    await drain(provider().stream(slot, { messages: user('add'), temperature: 0, seed: 42 }));
    await drain(provider().stream(slot, { messages: [{ role: 'system', content: 'Be brief.' }, ...user('add')] }));
    const [first, second] = sim.requests.filter((r) => r.path === '/api/chat').map((r) => r.body as Record<string, unknown>);
    assert.deepEqual(first.messages, [{ role: 'system', content: 'You write Python.' }, { role: 'user', content: 'add' }]);
    assert.deepEqual(first.options, { num_predict: 64, temperature: 0, seed: 42 });
    assert.equal(first.stream, true);
    assert.deepEqual(second.messages, [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'add' }], 'the request system prompt is kept, not doubled');
    assert.deepEqual(second.options, { num_predict: 64, temperature: 0.7 });
  });

  it('says "length" when the token limit cut the answer', async () => {
    use({ name: 'codellama:7b', tokens: TOKENS });
    const { items } = await drain(provider().stream(ollamaSlot('codellama:7b', { maxTokens: 3 }), { messages: user('add') }));
    assert.equal(items.filter((e) => e.type === 'delta').length, 3);
    const done = items.at(-1);
    assert.ok(done?.type === 'done');
    assert.equal(done.finishReason, 'length');
    assert.equal(done.outputTokens, 3);
  });

  it('shows unknown server counters as unknown (null), never as zero', async () => {
    use({ name: 'codellama:7b', tokens: TOKENS, omitMetrics: ['eval_count', 'eval_duration', 'load_duration'] });
    const { items } = await drain(provider().stream(ollamaSlot('codellama:7b'), { messages: user('add') }));
    const done = items.at(-1);
    assert.ok(done?.type === 'done' && done.server);
    assert.equal(done.outputTokens, null);
    assert.equal(done.server.loadMs, null);
    assert.equal(done.server.evalMs, null);
    assert.equal(done.server.evalTokensPerSecond, null);
    assert.equal(typeof done.server.promptEvalMs, 'number', 'the counters that were sent are still used');
  });

  it('Stop mid-answer ends the generation on the server', async () => {
    use({ name: 'codellama:7b', tokens: many(400), paceMs: 5 });
    const stop = new AbortController();
    let seen = 0;
    const run = drain(
      (async function* (events: AsyncIterable<StreamEvent>) {
        for await (const e of events) {
          if (e.type === 'delta' && ++seen === 10) stop.abort();
          yield e;
        }
      })(provider().stream(ollamaSlot('codellama:7b'), { messages: user('go'), signal: stop.signal })),
    );
    const { error } = await within(run, 5000, 'stream after Stop');
    assert.ok(error instanceof LlmError && error.kind === 'cancelled', `expected cancelled, got ${String(error)}`);
    const record = sim.streams[0];
    await within(record.ended, 2000, 'server saw the connection close');
    assert.equal(record.clientClosed, true, 'the client closed the connection');
    assert.equal(record.completed, false);
    assert.ok(record.chunksWritten < 200, `server wrote ${record.chunksWritten} of 400 tokens`);
  });

  it('Stop while the model is still loading closes the connection before anything streams', async () => {
    use({ name: 'codellama:7b', tokens: TOKENS, loadMs: 10_000 });
    const stop = new AbortController();
    const run = drain(provider().stream(ollamaSlot('codellama:7b'), { messages: user('go'), signal: stop.signal }));
    const record = await sim.waitForStream(0);
    await sleep(100);
    const stoppedAt = performance.now();
    stop.abort();
    const { items, error } = await within(run, 3000, 'stream after Stop');
    assert.ok(error instanceof LlmError && error.kind === 'cancelled', `expected cancelled, got ${String(error)}`);
    assert.deepEqual(items, [{ type: 'status', status: 'connecting' }]);
    await within(record.ended, 2000, 'server saw the connection close');
    assert.equal(record.clientClosed, true);
    assert.equal(record.headersAt, null, 'no response had started');
    assert.equal(record.chunksWritten, 0);
    assert.ok((record.closedAt ?? Infinity) - stoppedAt < 1000, `closed ${Math.round((record.closedAt ?? Infinity) - stoppedAt)} ms after Stop`);
  });

  it('leaving the loop early (break) closes the connection too', async () => {
    use({ name: 'codellama:7b', tokens: many(400), paceMs: 5 });
    let seen = 0;
    for await (const e of provider().stream(ollamaSlot('codellama:7b'), { messages: user('go') })) {
      if (e.type === 'delta' && ++seen === 5) break;
    }
    const record = sim.streams[0];
    await within(record.ended, 2000, 'server saw the connection close');
    assert.equal(record.clientClosed, true);
    assert.ok(record.chunksWritten < 200, `server wrote ${record.chunksWritten} of 400 tokens`);
  });

  it('stopping one column leaves the other one finishing normally', async () => {
    use({ name: 'codellama:7b', tokens: many(300), paceMs: 5 }, { name: 'qwen2.5-coder:3b', tokens: many(60), paceMs: 5 });
    const p = provider(); // one provider, as in the app: the columns share it
    const stop = new AbortController();
    const first = drain(p.stream(ollamaSlot('codellama:7b'), { messages: user('a'), signal: stop.signal }));
    const second = drain(p.stream(ollamaSlot('qwen2.5-coder:3b'), { messages: user('b') }));
    await sim.waitForStream(1);
    await sleep(60);
    stop.abort();
    const [a, b] = await within(Promise.all([first, second]), 10_000, 'both columns');
    assert.ok(a.error instanceof LlmError && a.error.kind === 'cancelled');
    assert.equal(b.error, undefined, `the other column failed: ${String(b.error)}`);
    assert.equal(b.items.filter((e) => e.type === 'delta').length, 60);
    const recA = sim.streams.find((s) => s.model === 'codellama:7b');
    const recB = sim.streams.find((s) => s.model === 'qwen2.5-coder:3b');
    await within(Promise.all([recA?.ended, recB?.ended]), 2000, 'both exchanges over');
    assert.equal(recA?.clientClosed, true);
    assert.equal(recB?.completed, true);
    assert.equal(recB?.clientClosed, false);
    assert.equal(sim.concurrency.maxActive, 2, 'both ran at the same time');
  });

  it('a server that goes silent is reported as stalled after the set time, and the connection is closed', async () => {
    use({ name: 'codellama:7b', tokens: TOKENS, paceMs: 5, fault: { kind: 'stall', afterChunks: 3 } });
    const started = performance.now();
    const { items, error } = await within(drain(provider(300).stream(ollamaSlot('codellama:7b'), { messages: user('go') })), 5000, 'stall');
    const took = performance.now() - started;
    assert.ok(error instanceof LlmError && error.kind === 'stream-stalled', `expected stream-stalled, got ${String(error)}`);
    assert.equal(error.fix, 'retry');
    assert.equal(items.filter((e) => e.type === 'delta').length, 3, 'what arrived before the stall was shown');
    assert.ok(took >= 290 && took < 3000, `gave up after ${Math.round(took)} ms`);
    const record = sim.streams[0];
    await within(record.ended, 2000, 'server saw the connection close');
    assert.equal(record.clientClosed, true);
  });

  it('a model that never starts answering is reported as stalled too', async () => {
    use({ name: 'codellama:7b', tokens: TOKENS, fault: { kind: 'stall', afterChunks: 0 } });
    const { error } = await within(drain(provider(300).stream(ollamaSlot('codellama:7b'), { messages: user('go') })), 5000, 'stall');
    assert.ok(error instanceof LlmError && error.kind === 'stream-stalled', `expected stream-stalled, got ${String(error)}`);
    const record = sim.streams[0];
    await within(record.ended, 2000, 'server saw the connection close');
    assert.equal(record.clientClosed, true);
  });

  it('Stop pressed before the request goes out sends nothing', async () => {
    use({ name: 'codellama:7b', tokens: TOKENS });
    const stop = new AbortController();
    stop.abort();
    const { error } = await drain(provider().stream(ollamaSlot('codellama:7b'), { messages: user('go'), signal: stop.signal }));
    assert.ok(error instanceof LlmError && error.kind === 'cancelled');
    assert.equal(sim.requests.length, 0);
  });
});
