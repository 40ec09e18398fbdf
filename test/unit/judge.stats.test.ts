import * as assert from 'node:assert/strict';
import { fitBradleyTerry, toRatings, type PairOutcome } from '../../src/core/judge/bradley-terry';
import { csvCell, leaderboardToCsv, votesToCsv, votesToJson } from '../../src/core/judge/export';
import { buildLeaderboard, percentile } from '../../src/core/judge/leaderboard';
import { parseVotesFile } from '../../src/core/judge/parse';
import { filterVotes, pairOutcomes, rankingFor } from '../../src/core/judge/votes';
import { vote } from './judge.helpers';

const close = (a: number | null | undefined, b: number, eps = 1e-6) => assert.ok(typeof a === 'number' && Math.abs(a - b) < eps, `${a} ≉ ${b}`);
const games = (a: string, b: string, score: number, times: number): PairOutcome[] => Array.from({ length: times }, () => ({ a, b, score }));

describe('judge: Bradley–Terry', () => {
  it('two models, 3–1, no prior: odds 3:1, i.e. ±200·log10(3) ≈ ±95.42 points around 1000', () => {
    const r = toRatings(fitBradleyTerry([...games('a', 'b', 1, 3), ...games('a', 'b', 0, 1)], { prior: 0 }));
    close(r.get('a'), 1000 + 200 * Math.log10(3));
    close(r.get('b'), 1000 - 200 * Math.log10(3));
  });

  it('a tie is half a win: 2 wins, 1 tie, 1 loss → 2.5 : 1.5, odds 5:3', () => {
    const p = fitBradleyTerry([...games('a', 'b', 1, 2), { a: 'a', b: 'b', score: 0.5 }, { a: 'b', b: 'a', score: 1 }], { prior: 0 });
    close(p.get('a')! / p.get('b')!, 5 / 3);
  });

  it('a cycle A>B>C>A gives three equal strengths', () => {
    const r = toRatings(fitBradleyTerry([{ a: 'a', b: 'b', score: 1 }, { a: 'b', b: 'c', score: 1 }, { a: 'c', b: 'a', score: 1 }], { prior: 0 }));
    for (const k of ['a', 'b', 'c']) close(r.get(k), 1000);
  });

  it('with the default prior an undefeated model stays finite: one win → p solves x²/(x²+1) + x/(x+1) = 1.5 (x ≈ 2.13040)', () => {
    // Hand-derived: p_b = 1/p_a by symmetry; the likelihood equation of a (1 real win + ½ virtual win) is above;
    // bisection gives x = 2.1303954, i.e. 400·log10(x) = 131.384 points above 1000.
    const p = fitBradleyTerry([{ a: 'a', b: 'b', score: 1 }]);
    close(p.get('a'), 2.1303954, 1e-5);
    close(p.get('b'), 1 / 2.1303954, 1e-5);
    close(toRatings(p).get('a'), 1131.384, 1e-2);
  });

  it('pairwise outcomes of a vote: best = winner over each other, the rest tied; all bad = ties', () => {
    const best = vote(rankingFor('best', ['x', 'y', 'z'], [['y']]), 'best');
    assert.deepEqual(best.ranking, [['y'], ['x', 'z']]);
    assert.deepEqual(pairOutcomes(best), [{ a: 'ollama:y', b: 'ollama:x', score: 1 }, { a: 'ollama:y', b: 'ollama:z', score: 1 }, { a: 'ollama:x', b: 'ollama:z', score: 0.5 }]);
    const bad = vote(rankingFor('bad', ['x', 'y']), 'bad');
    assert.deepEqual(pairOutcomes(bad), [{ a: 'ollama:x', b: 'ollama:y', score: 0.5 }]);
    assert.throws(() => rankingFor('rank', ['x', 'y'], [['x']]), /every model/);
  });
});

describe('judge: leaderboard', () => {
  it('counts votes, wins, losses, ties and all-bad per model, and says "not enough votes" below the minimum', () => {
    const votes = [vote([['a'], ['b']]), vote([['a'], ['b']]), vote([['b', 'a']], 'tie'), vote([['a', 'b']], 'bad')];
    const board = buildLeaderboard(votes, { samples: 50, minVotes: 4 });
    const a = board.rows.find((r) => r.key === 'ollama:a')!;
    const b = board.rows.find((r) => r.key === 'ollama:b')!;
    assert.deepEqual([a.votes, a.wins, a.losses, a.ties, a.allBad, a.enough], [4, 2, 0, 2, 1, true]);
    assert.deepEqual([b.votes, b.wins, b.losses, b.ties, b.allBad], [4, 0, 2, 2, 1]);
    assert.equal(board.rows[0].key, 'ollama:a');
    assert.equal(buildLeaderboard(votes, { samples: 10 }).rows.every((r) => !r.enough), true, 'default minimum is 10 votes');
  });

  it('bootstrap CI: brackets the estimate, is reproducible by seed, and narrows with ten times the votes', () => {
    const some = [...Array.from({ length: 6 }, () => vote([['a'], ['b']])), ...Array.from({ length: 4 }, () => vote([['b'], ['a']]))];
    const many = Array.from({ length: 10 }, () => some).flat();
    const small = buildLeaderboard(some, { seed: 7, samples: 400 });
    const large = buildLeaderboard(many, { seed: 7, samples: 400 });
    for (const board of [small, large]) {
      for (const r of board.rows) assert.ok(r.ci && r.ci.low <= r.rating! && r.rating! <= r.ci.high, `${r.key}: ${JSON.stringify(r.ci)} vs ${r.rating}`);
    }
    const width = (b: typeof small) => b.rows[0].ci!.high - b.rows[0].ci!.low;
    assert.ok(width(large) < width(small) / 2, `${width(large)} vs ${width(small)}`);
    // Symmetric two-model data: a's interval mirrors b's around 1000.
    const [ra, rb] = small.rows;
    close(ra.ci!.low + rb.ci!.high, 2000, 1e-6);
    assert.deepEqual(buildLeaderboard(some, { seed: 7, samples: 400 }).rows, small.rows);
  });

  it('percentile interpolates like the bench quantiles', () => {
    close(percentile([1, 2, 3, 4, 5], 0.975), 4.9);
    close(percentile([1, 2, 3, 4, 5], 0.025), 1.1);
  });

  it('filters by language (case-insensitive, "none") and inclusive dates', () => {
    const votes = [
      vote([['a'], ['b']], 'rank', { at: '2026-11-30T23:59:00Z', language: 'Python' }),
      vote([['a'], ['b']], 'rank', { at: '2026-12-01T12:00:00Z', language: 'typescript' }),
      vote([['a'], ['b']], 'rank', { at: '2026-12-02T00:00:01Z', language: null }),
    ];
    assert.equal(filterVotes(votes, { language: 'python' }).length, 1);
    assert.equal(filterVotes(votes, { language: 'none' }).length, 1);
    assert.equal(filterVotes(votes, { from: '2026-12-01', to: '2026-12-01' }).length, 1);
    assert.equal(filterVotes(votes, { from: '2026-12-01' }).length, 2);
  });
});

describe('judge: votes file', () => {
  it('round-trips through JSON, skipping (and counting) malformed votes; rejects a non-votes file', () => {
    const votes = [vote([['a'], ['b']]), vote([['b', 'a']], 'tie')];
    const parsed = parseVotesFile(votesToJson(votes));
    assert.deepEqual(parsed, { votes, skipped: 0 });
    const file = JSON.parse(votesToJson(votes));
    file.votes.push({ id: 'x' }, { ...votes[0], ranking: [['a']] });
    assert.equal(parseVotesFile(JSON.stringify(file)).skipped, 2);
    assert.throws(() => parseVotesFile('[]'), /Not a votes file/);
    assert.throws(() => parseVotesFile('{"version":9,"votes":[]}'), /version 9/);
  });

  it('CSV: quotes, and defuses cells a spreadsheet would run as formulas', () => {
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell(null), '');
    const csv = votesToCsv([vote([['a'], ['b']], 'rank', { prompt: 'line1\nline2' })]);
    assert.equal(csv.split('\n')[0].split(',').length, 17);
    assert.match(csv, /"line1\nline2"/);
    assert.match(leaderboardToCsv(buildLeaderboard([vote([['a'], ['b']])], { samples: 5 })), /^provider,model,label,votes/);
  });
});
