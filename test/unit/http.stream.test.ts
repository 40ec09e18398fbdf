/** Live answers over real HTTP: Server-Sent Events, NDJSON, and a client that goes away cancelling the model. */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { runCli } from '../support/cli-harness';
import { hfError } from '../support/hf-sim';
import { parseSse, postJson, startHttpRig, type HttpRig } from '../support/http-harness';
import { within } from '../support/ollama-sim-kit';

const SLOW = { name: 'qwen2.5-coder:3b', tokens: Array(500).fill('t '), paceMs: 10 };

describe('HTTP streaming and cancellation', function () {
  this.timeout(20_000);
  let rig: HttpRig;

  beforeEach(async () => {
    rig = await startHttpRig(
      { models: [{ name: 'qwen2.5-coder:3b', reply: 'print("hi")\nprint("bye")\n' }, { name: 'codellama:7b', reply: 'fn main() {}' }] },
      { chat: { text: 'def add(a, b):\n    return a + b', chunkDelayMs: 2 } },
    );
  });
  afterEach(async () => rig.close());

  it('SSE from ?stream=true, "stream": true or Accept: text/event-stream: delta events, then one done with the metrics', async () => {
    const asks: Array<[string, Record<string, unknown>, Record<string, string>]> = [
      ['/generate?stream=true', { prompt: 'add' }, {}],
      ['/generate', { prompt: 'add', stream: true }, {}],
      ['/generate', { prompt: 'add' }, { accept: 'text/event-stream' }],
    ];
    for (const [path, body, headers] of asks) {
      const res = await postJson(rig.base, path, body, headers);
      assert.equal(res.status, 200, res.text);
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
      const events = parseSse(res.text);
      const deltas = events.filter((e) => e.event === 'delta');
      assert.ok(deltas.length > 3, `only ${deltas.length} deltas`);
      assert.equal(events.filter((e) => e.event === 'done').length, 1);
      assert.equal(events.at(-1)!.event, 'done');
      const done = events.at(-1)!.data as { response: string; metrics: { chars: number; ttftMs: number }; model: { id: string } };
      assert.equal(deltas.map((e) => (e.data as { text: string }).text).join(''), 'def add(a, b):\n    return a + b');
      assert.equal(done.response, 'def add(a, b):\n    return a + b');
      assert.equal(done.model.id, 'online-qwen');
      assert.equal(typeof done.metrics.ttftMs, 'number');
    }
    const off = await postJson(rig.base, '/generate?stream=false', { prompt: 'add', stream: true }, { accept: 'text/event-stream' });
    assert.match(String(off.headers['content-type']), /^text\/plain/, 'the query says no stream and wins');
  });

  it('SSE drops an echoed prompt from the live deltas too', async () => {
    rig.sims.hf.setScript({ chat: { text: 'Write add\n\nreturn a + b' } });
    const events = parseSse((await postJson(rig.base, '/generate?stream=true', { prompt: 'Write add' })).text);
    assert.equal(events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text).join(''), 'return a + b');
  });

  it('a provider failure before any text is a plain HTTP error; one mid-stream is an error event', async () => {
    rig.sims.hf.setScript({ chat: hfError(404, 'Model not found') });
    const early = await postJson(rig.base, '/generate?stream=true', { prompt: 'x' });
    assert.equal(early.status, 502);
    assert.equal(early.json<{ error: { kind: string } }>().error.kind, 'model-not-found');

    rig.sims.hf.setScript({ chat: { text: 'one two three four', fault: { kind: 'error-event', afterChunks: 2, error: { message: 'upstream blew up' } } } });
    const late = await postJson(rig.base, '/generate?stream=true', { prompt: 'x' });
    assert.equal(late.status, 200);
    const events = parseSse(late.text);
    assert.ok(events.some((e) => e.event === 'delta'));
    assert.equal(events.at(-1)!.event, 'error');
    assert.equal(events.filter((e) => e.event === 'done').length, 0);
    assert.ok((events.at(-1)!.data as { error: { kind: string; message: string } }).error.message.length > 0);
  });

  it('a client that disconnects from an SSE stream cancels the model: the model server sees the connection close', async () => {
    rig.sims.ollama.setScript({ models: [SLOW] });
    const res = await fetch(`${rig.base}/generate?stream=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'x', model: 'local-qwen' }) });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    const stream = await rig.sims.ollama.waitForStream(0);
    await within(stream.ended, 5000, 'the upstream stream to end');
    assert.ok(stream.clientClosed, 'ollama kept generating for nobody');
    assert.ok(stream.chunksWritten < 400, `wrote ${stream.chunksWritten}`);
    await within(waitUntil(() => rig.server.running === 0), 5000, 'the generation slot to be released');
  });

  it('a client that disconnects while waiting for a plain answer cancels the model too', async () => {
    rig.sims.ollama.setScript({ models: [SLOW] });
    const req = httpRequest(`${rig.base}/generate?format=json`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('error', () => undefined);
    req.end(JSON.stringify({ prompt: 'x', model: 'local-qwen' }));
    const stream = await rig.sims.ollama.waitForStream(0);
    await within(waitUntil(() => stream.chunksWritten > 3), 5000, 'tokens to flow');
    req.destroy();
    await within(stream.ended, 5000, 'the upstream stream to end');
    assert.ok(stream.clientClosed, 'ollama kept generating for nobody');
    assert.ok(stream.chunksWritten < 400, `wrote ${stream.chunksWritten}`);
  });

  it('POST /compare streams NDJSON events and SSE events ending with the report', async () => {
    const nd = await postJson(rig.base, '/compare?format=ndjson', { prompt: 'hello', models: ['local-qwen', 'online-qwen'] });
    assert.match(String(nd.headers['content-type']), /^application\/x-ndjson/);
    const lines = nd.text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; slotId: string });
    assert.ok(lines.some((e) => e.type === 'delta'));
    assert.deepEqual(lines.filter((e) => e.type === 'done').map((e) => e.slotId).sort(), ['local-qwen', 'online-qwen']);

    const sse = parseSse((await postJson(rig.base, '/compare', { prompt: 'hello', models: 'local-qwen,online-qwen', stream: true })).text);
    assert.equal(sse.filter((e) => e.event === 'done').length, 2);
    assert.equal(sse.at(-1)!.event, 'report');
    const report = sse.at(-1)!.data as { results: Array<{ id: string; text: string }> };
    assert.deepEqual(report.results.map((r) => r.id), ['local-qwen', 'online-qwen']);
  });

  it('POST /compare answers what `llm-compare compare` prints, in every format', async () => {
    // Timings differ between two runs: compare everything else.
    const steady = (s: string) =>
      s.replace(/"(ttftMs|totalMs|tokensPerSecond|loadMs|promptEvalMs|evalMs|evalTokensPerSecond)": [\d.e+-]+/g, '"$1": N').replace(/\d+\.\d+(e[-+]?\d+)?/g, 'N');
    for (const format of ['text', 'md', 'json', 'html']) {
      const cli = await runCli(['compare', '--format', format, '--models', 'local-qwen,online-qwen,local-codellama', 'hello'], rig.sims.env);
      assert.equal(cli.code, 0, cli.stderr);
      const res = await postJson(rig.base, `/compare?format=${format}`, { prompt: 'hello', models: ['local-qwen', 'online-qwen', 'local-codellama'] });
      assert.equal(res.status, 200);
      assert.equal(steady(res.text), steady(cli.stdout), format);
    }
    const all = (await postJson(rig.base, '/compare?format=json', { prompt: 'hello' })).json<{ results: Array<{ id: string }> }>();
    assert.deepEqual(all.results.map((r) => r.id), ['online-qwen', 'local-codellama', 'local-qwen'], 'no "models" = every configured model');
  });

  it('POST /compare passes max_tokens to every model and reports a failed model inside a 200', async () => {
    await postJson(rig.base, '/compare', { prompt: 'hello', models: ['local-qwen', 'online-qwen'], max_tokens: 9 });
    assert.equal((rig.sims.ollama.requests.find((r) => r.path === '/api/chat')!.body as { options: { num_predict: number } }).options.num_predict, 9);
    assert.equal((rig.sims.hf.requests.find((r) => r.kind === 'chat')!.body as { max_tokens: number }).max_tokens, 9);
    rig.sims.hf.setScript({ chat: hfError(404, 'Model not found') });
    const res = await postJson(rig.base, '/compare?format=json', { prompt: 'hello', models: ['local-qwen', 'online-qwen'] });
    assert.equal(res.status, 200);
    const errors = res.json<{ results: Array<{ error: { kind: string } | null }> }>().results.map((r) => r.error?.kind ?? null);
    assert.deepEqual(errors, [null, 'model-not-found']);
  });
});

async function waitUntil(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 10));
}
