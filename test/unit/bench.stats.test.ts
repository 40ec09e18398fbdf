import * as assert from 'node:assert/strict';
import { distribution, passAtK, quantile, reportedKs, summarizeModel } from '../../src/core/bench/stats';
import type { Sample, ScoreKind } from '../../src/core/bench/types';
import { FakeProvider, fakeModel } from '../support/fake-provider';

const close = (a: number | null, b: number, eps = 1e-6) => assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≉ ${b}`);

describe('bench: statistics', () => {
  it('quantiles interpolate between order statistics', () => {
    // [1..5]: median at position (5-1)*0.5 = 2 → 3; p95 at 3.8 → 4 + 0.8*(5-4) = 4.8.
    assert.equal(quantile([1, 2, 3, 4, 5], 0.5), 3);
    close(quantile([1, 2, 3, 4, 5], 0.95), 4.8);
    assert.equal(quantile([], 0.5), null);
  });

  it('distribution: median, p95, min, max, mean, ignoring nulls', () => {
    // [10,20,30,40]: median at 1.5 → 25; p95 at 2.85 → 30 + 0.85*10 = 38.5; mean 100/4 = 25.
    assert.deepEqual(distribution([40, null, 10, 30, 20]), { median: 25, p95: 38.5, min: 10, max: 40, mean: 25, count: 4 });
    assert.deepEqual(distribution([]), { median: null, p95: null, min: null, max: null, mean: null, count: 0 });
  });

  it('pass@k is the unbiased estimator 1 − C(n−c,k)/C(n,k)', () => {
    close(passAtK(5, 2, 1), 0.4); // 1 − C(3,1)/C(5,1) = 1 − 3/5
    close(passAtK(5, 2, 2), 0.7); // 1 − C(3,2)/C(5,2) = 1 − 3/10
    assert.equal(passAtK(5, 2, 4), 1); // n − c = 3 < k = 4: every 4-subset holds a pass
    close(passAtK(10, 3, 5), 1 - 21 / 252); // C(7,5) = 21, C(10,5) = 252 → 0.916667
    assert.equal(passAtK(5, 0, 3), 0);
    close(passAtK(200, 1, 100), 0.5); // C(199,100)/C(200,100) = 100/200: stays finite (no huge binomials)
    assert.throws(() => passAtK(3, 1, 4), RangeError);
  });

  it('reports pass@k only for k the repeats allow', () => {
    assert.deepEqual(reportedKs(1, 1), [1]);
    assert.deepEqual(reportedKs(3, 3), [1, 2, 3]);
    assert.deepEqual(reportedKs(10, 10), [1, 2, 5, 10]);
  });

  it('per-model summary: pass@1, pass@2, pass rate, failures and errors by kind', () => {
    const m = fakeModel('m', new FakeProvider());
    const s = (taskId: string, repeat: number, kind: ScoreKind | 'gen-error', totalMs = 100): Sample => ({
      taskId, modelId: 'm', repeat, finishedAt: '', text: '',
      error: kind === 'gen-error' ? { kind: 'rate-limited', message: 'slow down' } : null,
      metrics: { ttftMs: 10, totalMs, outputTokens: 5, tokensPerSecond: 50, rateSource: 'client', chars: 20, tokenSource: 'server', server: null },
      score: kind === 'gen-error' ? null : { kind, detail: '', durationMs: 1 },
    });
    const samples = [s('A', 0, 'passed', 100), s('A', 1, 'passed', 200), s('B', 0, 'passed', 300), s('B', 1, 'gen-error'), s('C', 0, 'failed', 400), s('C', 1, 'timeout', 500)];
    const sum = summarizeModel(m, samples, { repeats: 2, scoredTaskIds: new Set(['A', 'B', 'C']) });
    // Tasks: A c/n = 2/2, B 1/2 (the failed generation counts as not passed), C 0/2 → pass@1 = (1 + 0.5 + 0)/3 = 0.5.
    assert.equal(sum.passAt1, 0.5);
    // pass@2: A 1, B 1 − C(1,2)/C(2,2) = 1 (n−c = 1 < 2), C 0 → 2/3 = 0.6667.
    assert.deepEqual(sum.passAtK, { 1: 0.5, 2: 0.6667 });
    assert.equal(sum.passed, 3);
    assert.equal(sum.scored, 6);
    assert.equal(sum.passRate, 0.5);
    assert.deepEqual(sum.outcomes, { passed: 3, 'generation-error': 1, failed: 1, timeout: 1 });
    assert.deepEqual(sum.errors, { 'rate-limited': 1 });
    // Timings over the 5 successful generations: 100..500 → median 300, p95 at 3.8 → 400 + 0.8*100 = 480.
    assert.equal(sum.totalMs.median, 300);
    assert.equal(sum.totalMs.p95, 480);
    assert.equal(sum.totalMs.count, 5);
  });

  it('an answer cut at the token limit is its own outcome ("truncated"), not a failed answer of the same kind', () => {
    const m = fakeModel('m', new FakeProvider());
    const s = (taskId: string, kind: ScoreKind, finishReason: string): Sample => ({
      taskId, modelId: 'm', repeat: 0, finishedAt: '', text: 'def f(', error: null, finishReason,
      metrics: { ttftMs: 10, totalMs: 100, outputTokens: 5, tokensPerSecond: 50, rateSource: 'client', chars: 20, tokenSource: 'server', server: null },
      score: { kind, detail: '', durationMs: 1 },
    });
    const sum = summarizeModel(m, [s('A', 'error', 'length'), s('B', 'failed', 'stop'), s('C', 'passed', 'length')], { repeats: 1, scoredTaskIds: new Set(['A', 'B', 'C']) });
    assert.deepEqual(sum.outcomes, { truncated: 1, failed: 1, passed: 1 });
    assert.equal(sum.truncated, 2, 'both answers that hit the limit are counted');
    assert.equal(sum.passed, 1);
  });

  it('without execution nothing is scored and pass@1 is null', () => {
    const m = fakeModel('m', new FakeProvider());
    const sum = summarizeModel(m, [], { repeats: 1, scoredTaskIds: new Set() });
    assert.equal(sum.passAt1, null);
    assert.equal(sum.passRate, null);
    assert.deepEqual(sum.passAtK, {});
  });
});
