import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBench, type BenchOptions } from '../../src/core/bench/run';
import type { BenchEvent, BenchReport, Suite } from '../../src/core/bench/types';
import { LlmError } from '../../src/core/providers/errors';
import { FakeProvider, fakeModel } from '../support/fake-provider';

const suite: Suite = { name: 'mine', tasks: ['one', 'two', 'three'].map((p, i) => ({ kind: 'prompt', id: `t${i + 1}`, prompt: p })) };
const probe = async () => null;

async function run(o: Partial<BenchOptions> & Pick<BenchOptions, 'models'>): Promise<{ events: BenchEvent[]; report: BenchReport }> {
  const r = startBench({ suite, probe, ...o });
  const events: BenchEvent[] = [];
  for await (const e of r.events) events.push(e);
  return { events, report: await r.done };
}

describe('bench: runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-run-'));

  it('runs every task × model × repeat once, with fixed temperature and seed sent as overrides', async () => {
    const p = new FakeProvider();
    const { report } = await run({ models: [fakeModel('a', p), fakeModel('b', p)], repeats: 2, temperature: 0.3, seed: 7 });
    assert.equal(report.samples.length, 3 * 2 * 2);
    assert.equal(p.calls.length, 12);
    const keys = new Set(report.samples.map((s) => `${s.taskId}/${s.modelId}/${s.repeat}`));
    assert.equal(keys.size, 12);
    assert.ok(p.calls.every((c) => c.request.temperature === 0.3 && c.request.seed === 7));
    assert.equal(report.manifest.incomplete, false);
    assert.deepEqual(report.manifest.settings.suite, { name: 'mine', size: 3 });
  });

  it('warm-ups run first, are discarded from the samples and listed in the manifest', async () => {
    const p = new FakeProvider();
    const { report, events } = await run({ models: [fakeModel('a', p)], warmup: 2 });
    assert.equal(p.calls.length, 2 + 3);
    assert.equal(report.samples.length, 3);
    assert.deepEqual(report.manifest.warmups.map((w) => [w.modelId, w.index]), [['a', 0], ['a', 1]]);
    assert.equal(events.filter((e) => e.type === 'warmup').length, 2);
    assert.ok(events.findIndex((e) => e.type === 'warmup') < events.findIndex((e) => e.type === 'sample'));
  });

  it('parallel mode runs models at once; sequential runs one generation at a time', async () => {
    const par = new FakeProvider({ delayMs: 30 });
    await run({ models: [fakeModel('a', par), fakeModel('b', par), fakeModel('c', par)], mode: 'parallel' });
    assert.equal(par.maxInFlight, 3);
    const seq = new FakeProvider({ delayMs: 10 });
    const { report } = await run({ models: [fakeModel('a', seq), fakeModel('b', seq), fakeModel('c', seq)], mode: 'sequential' });
    assert.equal(seq.maxInFlight, 1);
    assert.equal(report.manifest.settings.concurrency, 1);
  });

  it('the concurrency limit caps generations in flight, and a model never has two at once', async () => {
    const shared = new FakeProvider({ delayMs: 20 });
    const own = new FakeProvider({ delayMs: 20 });
    await run({ models: [fakeModel('a', shared), fakeModel('b', shared), fakeModel('c', shared), fakeModel('d', own)], concurrency: 2, repeats: 2 });
    assert.equal(shared.maxInFlight, 2);
    assert.equal(own.maxInFlight, 1);
  });

  it('progress events count to the total with elapsed time and an ETA from the pace', async () => {
    let now = 0;
    const p = new FakeProvider({ reply: () => { now += 1000; return 'x'; } });
    const { events } = await run({ models: [fakeModel('a', p)], clock: () => now });
    const progress = events.filter((e) => e.type === 'sample').map((e) => e.type === 'sample' && e.progress);
    assert.deepEqual(progress.map((p) => p && [p.done, p.total]), [[1, 3], [2, 3], [3, 3]]);
    // After the first sample: 1000 ms for 1 of 3 → 2 remaining × 1000 ms.
    assert.ok(progress[0] && progress[0].elapsedMs === 1000 && progress[0].etaMs === 2000, JSON.stringify(progress[0]));
    assert.equal(progress[2] && progress[2].etaMs, 0);
    const start = events[0];
    assert.equal(start.type, 'start');
    assert.equal(start.type === 'start' && start.progress.etaMs, null);
  });

  it('the feature table is built live from describe() and the measurements', async () => {
    const p = new FakeProvider();
    const { events, report } = await run({ models: [fakeModel('a', p), fakeModel('web', new FakeProvider({ kind: 'huggingface' }))] });
    const first = events.find((e) => e.type === 'sample');
    assert.ok(first && first.type === 'sample' && first.features.length === 2);
    const web = report.features.find((f) => f.id === 'web')!;
    assert.deepEqual([web.location, web.needsInternet, web.needsApiKey, web.quantization], ['online', true, true, null]);
    const local = report.features.find((f) => f.id === 'a')!;
    assert.deepEqual([local.location, local.needsInternet, local.quantization, local.parameters], ['local', false, 'Q4_0', '7B']);
    assert.ok(local.medianTotalMs !== null && local.medianTtftMs !== null);
    assert.equal(report.manifest.ollamaVersion, '0.9.0');
    assert.equal(report.manifest.huggingfaceProvider, 'auto');
    assert.equal(report.manifest.models[0].digest, 'sha256:abc');
  });

  it('stop aborts the generations in flight, keeps the written samples and marks the run incomplete', async () => {
    const file = join(dir, 'cancel.jsonl');
    const ac = new AbortController();
    const p = new FakeProvider({ delayMs: (c) => (c.prompt.includes('three') ? 10_000 : 5) });
    const r = startBench({ suite, probe, models: [fakeModel('a', p)], resultsPath: file, signal: ac.signal });
    for await (const e of r.events) if (e.type === 'sample' && e.progress.done === 2) ac.abort();
    const report = await r.done;
    assert.equal(report.manifest.incomplete, true);
    assert.equal(report.samples.length, 2);
    assert.equal(p.aborted, 1, 'the third generation was aborted');
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 2);
  });

  it('resume: re-running with the same results file skips the samples already there', async () => {
    const file = join(dir, 'resume.jsonl');
    const first = new FakeProvider();
    await run({ models: [fakeModel('a', first)], resultsPath: file, repeats: 2 });
    // Drop the last sample and tear a line, as a crash mid-write would.
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, lines.slice(0, 4).join('\n') + '\n{"taskId":"t3","mod');
    const again = new FakeProvider();
    const { report, events } = await run({ models: [fakeModel('a', again)], resultsPath: file, repeats: 2 });
    assert.equal(again.calls.length, 2, 'only the two missing samples ran');
    assert.equal(report.samples.length, 6);
    const start = events[0];
    assert.ok(start.type === 'start' && start.progress.resumed === 4 && start.progress.done === 4);
  });

  it('resume re-runs samples whose generation failed', async () => {
    const file = join(dir, 'retry.jsonl');
    let fail = true;
    const p = new FakeProvider({ reply: () => { if (fail) throw new LlmError('rate-limited', 'slow down'); return 'ok'; } });
    const a = await run({ models: [fakeModel('a', p)], resultsPath: file });
    assert.deepEqual(a.report.summary[0].errors, { 'rate-limited': 3 });
    fail = false;
    const b = await run({ models: [fakeModel('a', p)], resultsPath: file });
    assert.equal(b.report.samples.filter((s) => s.error === null).length, 3);
    assert.equal(p.calls.length, 6);
  });

  it('execution off: code tasks are timed only and the report says how to score them', async () => {
    const code: Suite = { name: 'c', tasks: [{ kind: 'code', id: 'k', language: 'python', style: 'builtin', prompt: 'def f(): ...', entryPoint: 'f', tests: 'def check(c):\n    assert False' }] };
    const r = startBench({ suite: code, probe, models: [fakeModel('a', new FakeProvider({ reply: () => '```python\ndef f(): return 1\n```' }))] });
    const report = await r.done;
    assert.equal(report.samples[0].score, null);
    assert.equal(report.summary[0].passAt1, null);
    assert.match(report.manifest.scoringNote, /NOT scored.*--execute/);
  });
});
