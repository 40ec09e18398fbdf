/**
 * The simulator itself, on the wire (plain fetch, no client): other suites trust it to behave like Ollama, so the
 * shapes they rely on are pinned here.
 */
import assert from 'node:assert/strict';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { sleep, within } from '../support/ollama-sim-kit';

const post = (url: string, body: unknown, signal?: AbortSignal) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('Ollama simulator: wire format and records', () => {
  let sim: OllamaSim;
  beforeEach(async () => {
    sim = await startOllamaSim({ models: [{ name: 'codellama:7b', tokens: ['a', 'b', 'c'], paceMs: 2 }] });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('streams /api/generate as NDJSON with `response` and a final line with counters in ns', async () => {
    const res = await post(`${sim.url}/api/generate`, { model: 'codellama:7b', prompt: 'hi' });
    assert.equal(res.headers.get('content-type'), 'application/x-ndjson');
    const got = lines(await res.text());
    assert.deepEqual(got.slice(0, 3).map((l) => [l.response, l.done]), [['a', false], ['b', false], ['c', false]]);
    assert.ok(typeof got[0].created_at === 'string' && !Number.isNaN(Date.parse(got[0].created_at)));
    const final = got[3];
    assert.equal(final.done, true);
    assert.equal(final.done_reason, 'stop');
    assert.equal(final.eval_count, 3);
    assert.ok(Number(final.eval_duration) >= 3 * 2 * 1e6 * 0.8, 'eval_duration is in nanoseconds and follows the pacing');
    assert.ok(Array.isArray(final.context));
  });

  it('answers stream:false with one JSON object holding the whole text', async () => {
    const res = await post(`${sim.url}/api/chat`, { model: 'codellama:7b', stream: false, messages: [{ role: 'user', content: 'hi' }] });
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(body.message, { role: 'assistant', content: 'abc' });
    assert.equal(body.done, true);
  });

  it('answers an unknown route like Ollama: 404 text/plain "404 page not found"', async () => {
    const res = await fetch(`${sim.url}/api/nope`);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'text/plain');
    assert.equal(await res.text(), '404 page not found');
  });

  it('with numParallel 1, a second generation waits for the first (and is seen queued)', async () => {
    sim.setScript({ numParallel: 1, models: [{ name: 'codellama:7b', tokens: ['a', 'b', 'c', 'd'], paceMs: 20 }] });
    const chat = () => post(`${sim.url}/api/chat`, { model: 'codellama:7b', messages: [] }).then((r) => r.text());
    await Promise.all([chat(), chat()]);
    assert.equal(sim.concurrency.maxActive, 1);
    assert.equal(sim.concurrency.maxQueued, 1);
    assert.equal(sim.concurrency.active, 0);
    const [a, b] = sim.streams;
    assert.ok((b.headersAt ?? 0) >= (a.closedAt ?? Infinity), 'the second started after the first ended');
  });

  it('answers 503 busy when the queue is full', async () => {
    sim.setScript({ numParallel: 1, maxQueue: 0, models: [{ name: 'codellama:7b', tokens: ['a', 'b'], paceMs: 50 }] });
    const first = post(`${sim.url}/api/chat`, { model: 'codellama:7b', messages: [] });
    await sim.waitForStream(0);
    await sleep(20);
    const second = await post(`${sim.url}/api/chat`, { model: 'codellama:7b', messages: [] });
    assert.equal(second.status, 503);
    assert.match(((await second.json()) as { error: string }).error, /server busy/);
    await (await first).text();
  });

  it('records a client that leaves while queued, and frees nothing twice', async () => {
    sim.setScript({ numParallel: 1, models: [{ name: 'codellama:7b', tokens: ['a', 'b', 'c'], paceMs: 30 }] });
    const leave = new AbortController();
    const first = post(`${sim.url}/api/chat`, { model: 'codellama:7b', messages: [] }).then((r) => r.text());
    await sim.waitForStream(0);
    const second = post(`${sim.url}/api/chat`, { model: 'codellama:7b', messages: [] }, leave.signal).catch(() => 'left');
    await sim.waitForStream(1);
    leave.abort();
    assert.equal(await second, 'left');
    await first;
    await within(sim.streams[1].ended, 2000, 'queued exchange over');
    assert.equal(sim.streams[1].clientClosed, true);
    assert.equal(sim.streams[1].headersAt, null);
    assert.equal(sim.concurrency.active, 0);
    assert.equal(sim.concurrency.queued, 0);
  });

  it('a connection the server drops is not recorded as a client hang-up', async () => {
    sim.setScript({ models: [{ name: 'codellama:7b', tokens: ['a', 'b', 'c'], fault: { kind: 'cut', afterChunks: 1 } }] });
    await post(`${sim.url}/api/chat`, { model: 'codellama:7b', messages: [] })
      .then((r) => r.text())
      .catch(() => undefined);
    await within(sim.streams[0].ended, 2000, 'exchange over');
    assert.equal(sim.streams[0].clientClosed, false);
    assert.equal(sim.streams[0].completed, false);
    assert.equal(sim.streams[0].chunksWritten, 1);
  });
});
