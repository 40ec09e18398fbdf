/**
 * "One after another": Stop on a column that is still waiting its turn ends it at once, and its model is never
 * asked. Real Ollama provider against the Ollama simulator, so "never asked" is what the server saw.
 */
import assert from 'node:assert/strict';
import { startComparison } from '../../src/core/compare/run';
import type { CompareEvent } from '../../src/core/compare/types';
import { OllamaProvider } from '../../src/core/providers/ollama';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { ollamaSlot } from '../support/ollama-sim-kit';

const WORDS = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');

describe('stopping a queued column ("one after another")', () => {
  let sim: OllamaSim;
  beforeEach(async () => {
    sim = await startOllamaSim({
      models: [
        { name: 'first:1b', reply: WORDS, paceMs: 20 },
        { name: 'second:1b', reply: 'second answer' },
        { name: 'third:1b', reply: 'third answer' },
      ],
    });
  });
  afterEach(() => sim.close());

  const models = () => {
    const provider = new OllamaProvider({ host: sim.url });
    return ['first:1b', 'second:1b', 'third:1b'].map((m) => ({ slot: { ...ollamaSlot(m), id: m.replace(':1b', '') }, provider }));
  };

  it('ends the queued column as cancelled at once and never sends its request; the others still run', async () => {
    const run = startComparison({ prompt: 'hi', mode: 'sequential', models: models() });
    const seen: Array<{ e: CompareEvent; firstStreaming: boolean }> = [];
    let firstStreaming = false;
    for await (const e of run.events) {
      if (e.type === 'delta' && e.slotId === 'first' && !firstStreaming) {
        firstStreaming = true;
        run.cancel('second'); // while "first" streams and "second" waits its turn
      }
      seen.push({ e, firstStreaming });
    }
    const report = await run.done;
    const secondDone = seen.findIndex(({ e }) => e.type === 'done' && e.slotId === 'second');
    const firstDone = seen.findIndex(({ e }) => e.type === 'done' && e.slotId === 'first');
    assert.ok(secondDone >= 0 && secondDone < firstDone, 'the stopped column ended before the one ahead of it finished');
    const second = report.results[1];
    assert.equal(second.error?.kind, 'cancelled');
    assert.equal(second.text, '');
    assert.deepEqual([second.metrics.ttftMs, second.metrics.totalMs], [null, null], 'nothing was sent, so nothing was timed');
    assert.ok(!seen.some(({ e }) => e.slotId === 'second' && e.type === 'status' && e.phase === 'connecting'), 'never connected');
    assert.deepEqual(sim.streams.map((s) => s.model), ['first:1b', 'third:1b'], 'the simulator never received the stopped model');
    assert.equal(report.results[0].error, null);
    assert.equal(report.results[2].text, 'third answer');
  });

  it('Stop all ends every queued column at once, and only the running one was asked', async () => {
    const controller = new AbortController();
    const run = startComparison({ prompt: 'hi', mode: 'sequential', models: models(), signal: controller.signal });
    const order: string[] = [];
    for await (const e of run.events) {
      if (e.type === 'delta' && e.slotId === 'first' && !order.includes('abort')) {
        order.push('abort');
        controller.abort();
      }
      if (e.type === 'done') order.push(e.slotId);
    }
    assert.equal(order[0], 'abort');
    assert.deepEqual(new Set(order.slice(1, 3)), new Set(['second', 'third']), `queued columns end first: ${order.join(' → ')}`);
    assert.deepEqual((await run.done).results.map((r) => r.error?.kind), ['cancelled', 'cancelled', 'cancelled']);
    await Promise.all(sim.streams.map((s) => s.ended));
    assert.deepEqual(sim.streams.map((s) => [s.model, s.clientClosed]), [['first:1b', true]]);
  });
});
