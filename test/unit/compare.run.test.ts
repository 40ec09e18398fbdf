import assert from 'node:assert/strict';
import { GenerationClock } from '../../src/core/compare/metrics';
import { startComparison } from '../../src/core/compare/run';
import type { CompareEvent } from '../../src/core/compare/types';
import { LlmError } from '../../src/core/providers/errors';
import type { ResolvedModel } from '../../src/core/providers/registry';
import type { GenerateRequest, ModelInfo, ModelSlot, Provider, StreamEvent } from '../../src/core/providers/types';

/** A provider that follows a script of events, one per tick of a manual clock, and honours abort. */
class ScriptedProvider implements Provider {
  readonly kind = 'ollama' as const;
  aborted = false;
  constructor(private readonly script: Array<StreamEvent | Error>, private readonly tick: () => Promise<void>) {}

  async *stream(_slot: ModelSlot, req: GenerateRequest): AsyncIterable<StreamEvent> {
    for (const step of this.script) {
      await this.tick();
      if (req.signal?.aborted) {
        this.aborted = true;
        throw new DOMException('Aborted', 'AbortError');
      }
      if (step instanceof Error) throw step;
      yield step;
    }
  }

  describe(): Promise<ModelInfo> {
    throw new Error('not used');
  }
}

const slot = (id: string): ModelSlot => ({ id, label: id.toUpperCase(), provider: 'ollama', model: `${id}:1b`, maxTokens: 16 });
const resolved = (id: string, provider: Provider): ResolvedModel => ({ slot: slot(id), provider });
const done = (outputTokens: number | null): StreamEvent => ({ type: 'done', outputTokens, server: null });
const delta = (text: string): StreamEvent => ({ type: 'delta', text });
const realTick = () => new Promise<void>((r) => setTimeout(r, 5));

async function collect(events: AsyncIterable<CompareEvent>): Promise<CompareEvent[]> {
  const out: CompareEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

describe('comparison clocks', () => {
  it('measures first token, total and tokens/s over the generation phase on the injected clock', () => {
    let now = 1000;
    const clock = new GenerationClock(() => now);
    now = 1400; // 400 ms before anything visible (queue, model load, prompt eval)
    clock.onText('');
    now = 1500;
    clock.onText('def ');
    now = 2500; // one more second of generation
    clock.onText('f(): pass');
    clock.end();
    const m = clock.metrics(50, null);
    assert.equal(m.ttftMs, 500, 'an empty delta is not the first token');
    assert.equal(m.totalMs, 1500);
    assert.equal(m.tokensPerSecond, 49, '49 tokens after the first, over the 1 s from first to last token, not the 1.5 s total');
    assert.equal(m.rateSource, 'client');
    assert.equal(m.tokenSource, 'server');
    assert.equal(m.chars, 13);
  });

  it('estimates tokens when the server does not count, and says so', () => {
    let now = 0;
    const clock = new GenerationClock(() => now);
    clock.onText('x'.repeat(400));
    now = 2000;
    clock.end();
    const m = clock.metrics(null, null);
    assert.equal(m.outputTokens, 100);
    assert.equal(m.tokenSource, 'estimate');
  });

  it('reports null, not zero, for what did not happen', () => {
    const clock = new GenerationClock(() => 0);
    clock.end();
    const m = clock.metrics(null, null);
    assert.equal(m.ttftMs, null);
    assert.equal(m.tokensPerSecond, null);
  });
});

describe('startComparison', () => {
  it('emits one done per slot, in configured order in the report, with each slot tagged', async () => {
    const a = new ScriptedProvider([delta('a1'), delta('a2'), done(2)], realTick);
    const b = new ScriptedProvider([delta('b1'), done(1)], realTick);
    const run = startComparison({ prompt: 'hi', models: [resolved('a', a), resolved('b', b)] });
    const events = await collect(run.events);
    const report = await run.done;
    assert.deepEqual(report.results.map((r) => [r.id, r.text, r.error]), [['a', 'a1a2', null], ['b', 'b1', null]]);
    assert.equal(events.filter((e) => e.type === 'done').length, 2);
    assert.deepEqual(events.filter((e) => e.slotId === 'a' && e.type === 'status').map((e) => e.type === 'status' && e.phase), ['connecting', 'streaming']);
  });

  it('stopping one column leaves the others running to the end', async () => {
    const long = Array.from({ length: 50 }, (_, i) => delta(`${i} `));
    const a = new ScriptedProvider([...long, done(50)], realTick);
    const b = new ScriptedProvider([...long, done(50)], realTick);
    const run = startComparison({ prompt: 'hi', models: [resolved('a', a), resolved('b', b)] });
    let cancelled = false;
    for await (const e of run.events) {
      if (!cancelled && e.type === 'delta' && e.slotId === 'a') {
        run.cancel('a');
        cancelled = true;
      }
    }
    const [ra, rb] = (await run.done).results;
    assert.equal(ra.error?.kind, 'cancelled');
    assert.ok(ra.text.length > 0, 'partial text kept');
    assert.ok(a.aborted);
    assert.equal(rb.error, null);
    assert.equal(rb.text, long.map((d) => (d.type === 'delta' ? d.text : '')).join(''));
  });

  it('the run signal stops every column', async () => {
    const aborter = new AbortController();
    const long = Array.from({ length: 100 }, () => delta('x'));
    const run = startComparison({ prompt: 'hi', signal: aborter.signal, models: [resolved('a', new ScriptedProvider(long, realTick)), resolved('b', new ScriptedProvider(long, realTick))] });
    setTimeout(() => aborter.abort(), 30);
    const report = await run.done;
    assert.deepEqual(report.results.map((r) => r.error?.kind), ['cancelled', 'cancelled']);
  });

  it('keeps partial text and the typed error when a stream breaks', async () => {
    const broken = new ScriptedProvider([delta('part'), new LlmError('stream-broken', 'Connection dropped.', { fix: 'retry' })], realTick);
    const ok = new ScriptedProvider([delta('fine'), done(1)], realTick);
    const report = await startComparison({ prompt: 'hi', models: [resolved('a', broken), resolved('b', ok)] }).done;
    assert.deepEqual(report.results[0].error, { kind: 'stream-broken', message: 'Connection dropped.', fix: 'retry' });
    assert.equal(report.results[0].text, 'part');
    assert.equal(report.results[1].text, 'fine');
  });

  it('sequential mode queues every slot first and runs them one at a time', async () => {
    let active = 0;
    let maxActive = 0;
    const counting = (): Provider => ({
      kind: 'ollama',
      async *stream() {
        active++;
        maxActive = Math.max(maxActive, active);
        await realTick();
        yield delta('x');
        active--;
        yield done(1);
      },
      describe: () => Promise.reject(new Error('not used')),
    });
    const run = startComparison({ prompt: 'hi', mode: 'sequential', models: [resolved('a', counting()), resolved('b', counting())] });
    const events = await collect(run.events);
    assert.equal(maxActive, 1);
    assert.deepEqual(events.slice(0, 2).map((e) => [e.type, e.slotId, e.type === 'status' && e.phase]), [['status', 'a', 'queued'], ['status', 'b', 'queued']]);
  });

  it('passes the waiting phase through with its countdown', async () => {
    const waiting: StreamEvent = { type: 'status', status: 'waiting', retryInMs: 20_000, attempt: 1, detail: 'Model is loading' };
    const run = startComparison({ prompt: 'hi', models: [resolved('a', new ScriptedProvider([waiting, delta('x'), done(1)], realTick))] });
    const events = await collect(run.events);
    assert.ok(events.some((e) => e.type === 'status' && e.phase === 'waiting' && e.retryInMs === 20_000 && e.attempt === 1));
  });
});
