import * as assert from 'node:assert/strict';
import { blindLetter, shuffled } from '../../src/core/judge/shuffle';

describe('judge: blind shuffle', () => {
  it('is reproducible: the same seed gives the same order, and a different seed usually another', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    assert.deepEqual(shuffled(items, 12345), shuffled(items, 12345));
    const orders = new Set(Array.from({ length: 50 }, (_, s) => shuffled(items, s).join('')));
    assert.ok(orders.size > 30, `${orders.size} distinct orders of 50`);
    assert.deepEqual(items, ['a', 'b', 'c', 'd', 'e'], 'the input is not modified');
  });

  it('is uniform over the 6 orders of 3 columns: chi-square over 60 000 consecutive seeds below the 0.1 % critical value', () => {
    // 5 degrees of freedom: P(χ² > 20.52) = 0.001. A biased shuffle (e.g. j drawn from [0, n) instead of [0, i])
    // lands far above it; a correct one fails this test once in a thousand seeds ranges at most.
    const counts = new Map<string, number>();
    const runs = 60_000;
    for (let seed = 0; seed < runs; seed++) {
      const k = shuffled(['a', 'b', 'c'], seed).join('');
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    assert.equal(counts.size, 6);
    const expected = runs / 6;
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    assert.ok(chi2 < 20.52, `χ² = ${chi2.toFixed(2)}`);
  });

  it('each column lands in each position equally often (4 columns, 40 000 seeds, within 5 σ)', () => {
    const runs = 40_000;
    const at = Array.from({ length: 4 }, () => new Array<number>(4).fill(0));
    for (let seed = 0; seed < runs; seed++) shuffled([0, 1, 2, 3], seed).forEach((item, pos) => at[item][pos]++);
    const p = 0.25;
    const sigma = Math.sqrt(runs * p * (1 - p));
    for (const row of at) for (const c of row) assert.ok(Math.abs(c - runs * p) < 5 * sigma, `${c} vs ${runs * p}`);
  });

  it('letters: A…Z then AA', () => {
    assert.deepEqual([0, 1, 25, 26, 27].map(blindLetter), ['A', 'B', 'Z', 'AA', 'AB']);
  });
});
