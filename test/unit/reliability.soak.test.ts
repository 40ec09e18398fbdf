/** A short soak: 30 comparison runs × 3 streaming models; everything completes and nothing accumulates. */
import assert from 'node:assert/strict';
import { soak } from '../reliability/soak';

describe('reliability: short soak (30 runs × 3 streaming models)', function () {
  this.timeout(120_000);
  it('completes every run in full and returns timers, sockets and listeners to the baseline', async () => {
    const f = await soak(30, { warmup: 5 });
    assert.deepEqual(f.failures, []);
    assert.equal(f.completed, 30);
    // ≤ 0: nothing accumulated (a pooled keep-alive socket of the warm-up may close during the runs: −1).
    for (const [what, n] of Object.entries(f.extra)) assert.ok(n <= 0, `${n} ${what} left over: ${JSON.stringify(f.extra)}`);
    // Generous: a leak of one answer per run (~2 KB × 3 × 30) would not trip it, a leak of a stream or a client would.
    assert.ok(f.heapGrowthMb < 20, `heap grew by ${f.heapGrowthMb.toFixed(1)} MB`);
  });
});
