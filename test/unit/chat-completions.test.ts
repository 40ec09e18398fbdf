/**
 * Issue 18, one test per bullet, over real HTTP through both providers that share the chat-completions reader:
 * what real servers send (older TGI, plain-text 422s, unstreamed JSON, keep-alive comments, vendor usage, thinking
 * deltas) and what a user must see from it.
 */
import assert from 'node:assert/strict';
import { renderReport } from '../../src/core/compare/report';
import { startComparison } from '../../src/core/compare/run';
import { LlmError } from '../../src/core/providers/errors';
import { HuggingFaceProvider } from '../../src/core/providers/huggingface';
import { OpenAiProvider } from '../../src/core/providers/openai';
import type { ModelSlot, Provider, StreamEvent } from '../../src/core/providers/types';
import { chunk, sleep, startRawServer, type RawServer } from '../support/raw-server';

const slotFor = (server: RawServer, provider: 'openai' | 'huggingface'): ModelSlot => ({ id: 's', label: 'S', provider, model: 'm', maxTokens: 64, endpoint: `${server.url}/v1` });
const both = (stallTimeoutMs = 10_000): Array<[string, Provider]> => [
  ['openai', new OpenAiProvider({ stallTimeoutMs })],
  ['huggingface', new HuggingFaceProvider({ provider: 'auto', stallTimeoutMs, maxLoadingRetries: 0 })],
];

async function collect(p: Provider, slot: ModelSlot): Promise<{ events: StreamEvent[]; text: string; done: Extract<StreamEvent, { type: 'done' }> | undefined; error: unknown }> {
  const events: StreamEvent[] = [];
  let error: unknown = null;
  try {
    for await (const e of p.stream(slot, { messages: [{ role: 'user', content: 'hi' }] })) events.push(e);
  } catch (e) {
    error = e;
  }
  const text = events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
  return { events, text, done: events.find((e): e is Extract<StreamEvent, { type: 'done' }> => e.type === 'done'), error };
}

describe('real-server quirks through the shared chat-completions reader (issue 18)', () => {
  const servers: RawServer[] = [];
  const serve = async (handle: Parameters<typeof startRawServer>[0]) => {
    const s = await startRawServer(handle);
    servers.push(s);
    return s;
  };
  after(() => Promise.all(servers.map((s) => s.close())));

  it('older TGI: finish_reason "eos_token" and no [DONE] is a complete answer, without the leaked </s>', async () => {
    const s = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(chunk('One plus one') + chunk(' is two.') + chunk('</s>', { finish_reason: 'eos_token' }));
    });
    for (const [name, p] of both()) {
      const c = await collect(p, slotFor(s, name === 'openai' ? 'openai' : 'huggingface'));
      assert.equal(c.error, null, `${name}: ${String(c.error)}`);
      assert.equal(c.text, 'One plus one is two.', name);
      assert.equal(c.done?.finishReason, 'eos_token');
    }
  });

  it('a stream that ends with finish_reason and usage but no [DONE] keeps the server token count', async () => {
    const s = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(chunk('a') + chunk('b') + chunk(null, { finish_reason: 'stop', usage: { prompt_tokens: 5, completion_tokens: 2 } }));
    });
    for (const [name, p] of both()) {
      const c = await collect(p, slotFor(s, name === 'openai' ? 'openai' : 'huggingface'));
      assert.equal(c.error, null);
      assert.equal(c.done?.outputTokens, 2, name);
      assert.equal(c.done?.server?.promptTokens, 5);
    }
  });

  it("the server's own error text: a text/plain 422 and a {detail: [...]} body are read before anything drops them", async () => {
    let body: { type: string; text: string } = { type: '', text: '' };
    const s = await serve((res) => void res.writeHead(422, { 'content-type': body.type }).end(body.text));
    const cases = [
      { type: 'text/plain; charset=utf-8', text: 'Failed to deserialize the JSON body into the target type: missing field `messages` at line 1 column 144', want: /Failed to deserialize the JSON body.*missing field `messages`/ },
      { type: 'application/json', text: JSON.stringify({ detail: [{ type: 'missing', loc: ['body', 'messages'], msg: 'Field required' }] }), want: /messages: Field required/ },
    ];
    for (const k of cases) {
      body = k;
      for (const [name, p] of both()) {
        const c = await collect(p, slotFor(s, name === 'openai' ? 'openai' : 'huggingface'));
        assert.ok(c.error instanceof LlmError, name);
        assert.equal(c.error.kind, 'bad-request');
        assert.match(c.error.message, k.want, `${name}: ${c.error.message}`);
        assert.doesNotMatch(c.error.message, /no details/);
      }
    }
  });

  it('finish_reason "length" reaches the result and is shown as "stopped at the token limit" in the report', async () => {
    const s = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(chunk('def f(') + chunk('x', { finish_reason: 'length' }) + 'data: [DONE]\n\n');
    });
    const slot = slotFor(s, 'openai');
    const run = startComparison({ prompt: 'hi', models: [{ slot, provider: new OpenAiProvider(), endpoint: slot.endpoint }] });
    const report = await run.done;
    assert.equal(report.results[0].finishReason, 'length');
    assert.equal(report.results[0].error, null, 'a cut answer is not an error');
    assert.match(renderReport(report, 'text'), /Note: stopped at the token limit/);
    assert.match(renderReport(report, 'md'), /\| stopped at the token limit \|/);
    assert.match(renderReport(report, 'html'), /<p class="note">stopped at the token limit/);
    assert.equal((JSON.parse(renderReport(report, 'json')) as { results: Array<{ finishReason: string }> }).results[0].finishReason, 'length');
  });

  it('a server that ignores stream: true and answers one JSON completion: accepted, first token = total, marked', async () => {
    const s = await serve(async (res) => {
      await sleep(60);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'print("hi")' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 4 } }));
    });
    for (const [name, p] of both()) {
      const slot = slotFor(s, name === 'openai' ? 'openai' : 'huggingface');
      const run = startComparison({ prompt: 'hi', models: [{ slot, provider: p, endpoint: slot.endpoint }] });
      const [r] = (await run.done).results;
      assert.equal(r.error, null, `${name}: ${r.error?.message}`);
      assert.equal(r.text, 'print("hi")');
      assert.equal(r.metrics.notStreamed, true);
      assert.equal(r.metrics.ttftMs, r.metrics.totalMs, 'TTFT = total');
      assert.equal(r.metrics.tokensPerSecond, null, 'no client rate from one burst');
      assert.equal(r.metrics.outputTokens, 4);
    }
  });

  it('": ping" keep-alive comments are life: a slow but alive server is not reported stalled', async () => {
    const s = await serve(async (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk('thinking hard'));
      for (let i = 0; i < 8; i++) {
        await sleep(50);
        res.write(': ping\n\n');
      }
      res.end(chunk(' done', { finish_reason: 'stop' }) + 'data: [DONE]\n\n');
    });
    for (const [name, p] of both(200)) {
      const c = await collect(p, slotFor(s, name === 'openai' ? 'openai' : 'huggingface'));
      assert.equal(c.error, null, `${name}: ${String(c.error)}`);
      assert.equal(c.text, 'thinking hard done');
    }
    // And silence is still a stall.
    const silent = await serve(async (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk('then nothing'));
      await sleep(1000);
      res.end();
    });
    const c = await collect(new OpenAiProvider({ stallTimeoutMs: 150 }), slotFor(silent, 'openai'));
    assert.ok(c.error instanceof LlmError && c.error.kind === 'stream-stalled', String(c.error));
  });

  it('vendor usage fields (x_groq.usage) give the server token count', async () => {
    const s = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(chunk('a') + chunk('b', { finish_reason: 'stop', x_groq: { id: 'req_1', usage: { prompt_tokens: 9, completion_tokens: 2, completion_time: 0.01 } } }) + 'data: [DONE]\n\n');
    });
    const c = await collect(new OpenAiProvider(), slotFor(s, 'openai'));
    assert.equal(c.done?.outputTokens, 2);
    assert.equal(c.done?.server?.promptTokens, 9);
  });

  it('reasoning_content / reasoning deltas become thinking, apart from the answer, with their own first-token time', async () => {
    const s = await serve(async (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk(null, {}, { reasoning_content: 'Let me think. ' }));
      res.write(chunk(null, {}, { reasoning: 'Sum them.' }));
      await sleep(40);
      res.end(chunk('return a + b', { finish_reason: 'stop' }) + 'data: [DONE]\n\n');
    });
    const slot = slotFor(s, 'openai');
    const c = await collect(new OpenAiProvider(), slot);
    assert.deepEqual(c.events.filter((e) => e.type === 'reasoning').map((e) => (e.type === 'reasoning' ? e.text : '')), ['Let me think. ', 'Sum them.']);
    assert.equal(c.text, 'return a + b', 'thinking is never part of the answer (nor of inserted code)');
    const [r] = (await startComparison({ prompt: 'hi', models: [{ slot, provider: new OpenAiProvider(), endpoint: slot.endpoint }] }).done).results;
    assert.equal(r.text, 'return a + b');
    assert.equal(r.reasoning, 'Let me think. Sum them.');
    assert.ok(r.metrics.firstReasoningMs !== undefined && r.metrics.ttftMs !== null && r.metrics.firstReasoningMs < r.metrics.ttftMs, 'thinking came first, and is timed apart');
  });
});
