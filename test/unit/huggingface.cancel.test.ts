/**
 * Stopping a generation must stop the server's work: the simulator records whether the client closed the
 * connection before the end, which is the only proof that a cancel went further than our own loop.
 */
import assert from 'node:assert/strict';
import { CancelledError, LlmError } from '../../src/core/providers/errors';
import { startHfSim, type HfSim, type HfSimStream } from '../support/hf-sim';
import { collect, request, routerProvider, slot } from './huggingface.helpers';

const many = Array.from({ length: 200 }, (_, i) => `t${i} `);

/** Waits (bounded) until the simulator saw the connection of `s` end. */
async function closedWithin(s: HfSimStream | undefined, ms: number): Promise<HfSimStream> {
  assert.ok(s, 'the simulator saw the request');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
  const result = await Promise.race([s.closed.then(() => 'closed' as const), timeout]);
  clearTimeout(timer);
  assert.equal(result, 'closed', `the server still had the connection open after ${ms} ms`);
  return s;
}

describe('HuggingFaceProvider cancellation reaches the server', () => {
  let sim: HfSim;
  before(async () => {
    sim = await startHfSim();
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  it('abort mid-stream: CancelledError, and the server sees the connection close before the end', async () => {
    sim.setScript({ chat: { chunks: many, chunkDelayMs: 20 } });
    const ac = new AbortController();
    let deltas = 0;
    const c = await collect(routerProvider(sim).stream(slot({ maxTokens: 500 }), request({ signal: ac.signal })), (e) => {
      if (e.type === 'delta' && ++deltas === 3) ac.abort();
    });
    assert.ok(c.error instanceof CancelledError, String(c.error));
    const s = await closedWithin(sim.streams[0], 3000);
    assert.equal(s.clientClosedEarly, true);
    assert.ok(s.chunksWritten < s.totalChunks, `${s.chunksWritten}/${s.totalChunks} written`);
  });

  it('abort before the response headers (slow router / cold model): closed quickly', async () => {
    sim.setScript({ chat: { headerDelayMs: 15_000 } });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const started = Date.now();
    const c = await collect(routerProvider(sim).stream(slot(), request({ signal: ac.signal })));
    assert.ok(c.error instanceof CancelledError, String(c.error));
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    const s = await closedWithin(sim.streams[0], 3000);
    assert.equal(s.clientClosedEarly, true);
    assert.equal(s.chunksWritten, 0);
  });

  it('break out of the loop: no error, and the connection is closed (the server stops generating)', async () => {
    sim.setScript({ chat: { chunks: many, chunkDelayMs: 20 } });
    let deltas = 0;
    for await (const e of routerProvider(sim).stream(slot({ maxTokens: 500 }), request())) {
      if (e.type === 'delta' && ++deltas === 2) break;
    }
    const s = await closedWithin(sim.streams[0], 3000);
    assert.equal(s.clientClosedEarly, true);
    assert.ok(s.chunksWritten < s.totalChunks);
  });

  it('a stalled stream → stream-stalled (fix retry), and the connection is closed', async () => {
    sim.setScript({ chat: { chunks: ['a', 'b', 'c', 'd'], fault: { kind: 'stall', afterChunks: 2 } } });
    const c = await collect(routerProvider(sim, { stallTimeoutMs: 300 }).stream(slot(), request()));
    assert.ok(c.error instanceof LlmError);
    assert.equal(c.error.kind, 'stream-stalled');
    assert.equal(c.error.fix, 'retry');
    assert.equal(c.text, 'ab');
    const s = await closedWithin(sim.streams[0], 3000);
    assert.equal(s.clientClosedEarly, true);
  });

  it('no response headers within the stall timeout → stream-stalled, not cancelled', async () => {
    sim.setScript({ chat: { headerDelayMs: 15_000 } });
    const c = await collect(routerProvider(sim, { stallTimeoutMs: 300 }).stream(slot(), request({ signal: new AbortController().signal })));
    assert.ok(c.error instanceof LlmError);
    assert.equal(c.error.kind, 'stream-stalled');
    await closedWithin(sim.streams[0], 3000);
  });

  it('two generations run side by side on the same provider', async () => {
    sim.setScript({ chat: { chunks: ['x ', 'y ', 'z'], chunkDelayMs: 100 } });
    const p = routerProvider(sim);
    const [a, b] = await Promise.all([collect(p.stream(slot(), request())), collect(p.stream(slot(), request()))]);
    assert.equal(a.text, 'x y z');
    assert.equal(b.text, 'x y z');
    assert.equal(sim.maxConcurrentStreams, 2);
  });
});
