/**
 * 503 "model loading": we wait as long as the router estimates, tell the user, try again a bounded number of
 * times, and never hammer the server the way the client's own retry does (hundreds of requests, no delay).
 */
import assert from 'node:assert/strict';
import { CancelledError, LlmError } from '../../src/core/providers/errors';
import type { StreamEvent } from '../../src/core/providers/types';
import { hfError, hfLoading, type HfSim } from '../support/hf-sim';
import { collect, doneOf, request, routerProvider, slot, useHfSim } from './huggingface.helpers';

/** A sleep that returns at once and remembers what it was asked to wait. */
function fakeSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    waits.push(ms);
    if (signal?.aborted) throw new CancelledError();
  };
  return { waits, sleep };
}

type Waiting = Extract<StreamEvent, { type: 'status' }>;
const waitingEvents = (events: StreamEvent[]) => events.filter((e): e is Waiting => e.type === 'status' && e.status === 'waiting');

describe('HuggingFaceProvider 503 model loading', () => {
  let sim: HfSim;
  useHfSim((started) => (sim = started));
  const chats = () => sim.requests.filter((r) => r.kind === 'chat').length;

  it('waits per estimated_time, shows "waiting" with retryInMs and attempt, then streams', async () => {
    sim.setScript({ chat: [hfLoading(20), hfLoading(7.5), { text: 'ready now' }] });
    const { waits, sleep } = fakeSleep();
    const c = await collect(routerProvider(sim, { sleep }).stream(slot(), request()));
    assert.equal(c.error, null);
    assert.equal(c.text, 'ready now');
    assert.deepEqual(waits, [20_000, 7_500]);
    const w = waitingEvents(c.events);
    assert.deepEqual(w.map((e) => [e.retryInMs, e.attempt]), [[20_000, 1], [7_500, 2]]);
    assert.match(w[0].detail ?? '', /loading.*20 s/);
    assert.ok(doneOf(c));
    assert.equal(chats(), 3);
  });

  it('gives up after maxLoadingRetries with model-loading (fix retry, retryAfterMs) and a bounded number of requests', async () => {
    sim.setScript({ chat: hfLoading(20) });
    const { waits, sleep } = fakeSleep();
    const c = await collect(routerProvider(sim, { sleep, maxLoadingRetries: 3 }).stream(slot(), request()));
    assert.ok(c.error instanceof LlmError);
    assert.equal(c.error.kind, 'model-loading');
    assert.equal(c.error.fix, 'retry');
    assert.equal(c.error.details.retryAfterMs, 20_000);
    assert.match(c.error.message, /still loading.*Try again later/);
    assert.equal(waits.length, 3);
    assert.equal(chats(), 4, 'first try + 3 retries, never the client’s endless retry');
  });

  it('caps the total wait at maxLoadingWaitMs', async () => {
    sim.setScript({ chat: hfLoading(300) });
    const { waits, sleep } = fakeSleep();
    const c = await collect(routerProvider(sim, { sleep, maxLoadingRetries: 10, maxLoadingWaitMs: 450_000 }).stream(slot(), request()));
    assert.ok(c.error instanceof LlmError && c.error.kind === 'model-loading');
    assert.deepEqual(waits, [300_000, 150_000]);
    assert.equal(chats(), 3);
  });

  it('never retries without a pause, even when the estimate is 0', async () => {
    sim.setScript({ chat: [hfLoading(0), { text: 'ok' }] });
    const { waits, sleep } = fakeSleep();
    const c = await collect(routerProvider(sim, { sleep }).stream(slot(), request()));
    assert.equal(c.text, 'ok');
    assert.ok(waits[0] >= 1000, `waited ${waits[0]} ms`);
  });

  it('a 503 without estimated_time is not a loading model: rate-limited at once, one request', async () => {
    sim.setScript({ chat: hfError(503, 'Service Unavailable') });
    const { waits, sleep } = fakeSleep();
    const c = await collect(routerProvider(sim, { sleep }).stream(slot(), request()));
    assert.ok(c.error instanceof LlmError);
    assert.equal(c.error.kind, 'rate-limited');
    assert.equal(waits.length, 0);
    assert.equal(chats(), 1);
  });

  it('cancel during the wait ends at once with CancelledError and sends nothing more', async () => {
    sim.setScript({ chat: hfLoading(30) });
    const ac = new AbortController();
    const p = routerProvider(sim); // the real abortable sleep: 30 s unless the abort wakes it
    const started = Date.now();
    const c = await collect(p.stream(slot(), request({ signal: ac.signal })), (e) => {
      if (e.type === 'status' && e.status === 'waiting') setTimeout(() => ac.abort(), 50);
    });
    assert.ok(c.error instanceof CancelledError, String(c.error));
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.equal(chats(), 1);
  });
});
