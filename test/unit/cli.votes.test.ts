import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { votesToJson } from '../../src/core/judge/export';
import { parseVotesFile } from '../../src/core/judge/parse';
import { runCli } from '../support/cli-harness';
import { vote } from './judge.helpers';

describe('CLI votes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmc-votes-'));
  const file = join(dir, 'votes.json');
  const votes = [
    ...Array.from({ length: 7 }, () => vote([['a'], ['b']])),
    ...Array.from({ length: 3 }, () => vote([['b'], ['a']], 'rank', { language: 'typescript', at: '2026-12-02T09:00:00Z' })),
    vote([['a', 'b']], 'bad', { prompt: '=cmd|evil' }),
  ];
  writeFileSync(file, votesToJson(votes));

  it('leaderboard: counts and a strength with interval once a model has 10 votes; the same seed gives the same output', async () => {
    const r = await runCli(['votes', 'leaderboard', '--file', file], {});
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Model\s+Votes\s+W\s+L\s+T\s+Bad\s+Strength \(95 % CI\)/);
    assert.match(r.stdout, /A \(ollama:a\)\s+11\s+7\s+3\s+1\s+1\s+\d{4} \(\d+–\d+\)/);
    assert.match(r.stdout, /11 vote\(s\)/);
    assert.equal((await runCli(['votes', 'leaderboard', '--file', file], {})).stdout, r.stdout);
    const few = await runCli(['votes', 'leaderboard', '--file', file, '--language', 'typescript'], {});
    assert.match(few.stdout, /B \(ollama:b\)\s+3\s+3\s+0\s+0\s+0\s+not enough votes yet \(3 of 10\)/);
  });

  it('list, filters by date, export JSON round-trips and CSV defuses formulas; the file can come from LLM_COMPARE_VOTES', async () => {
    const list = await runCli(['votes', 'list'], { LLM_COMPARE_VOTES: file });
    assert.equal(list.stdout.trim().split('\n').length, 11);
    assert.match(list.stdout, /A>B\s+python\s+A=A, B=B/);
    const dated = await runCli(['votes', 'export', '--file', file, '--from', '2026-12-02'], {});
    assert.equal(parseVotesFile(dated.stdout).votes.length, 3);
    const csv = await runCli(['votes', 'export', '--file', file, '--format', 'csv'], {});
    assert.match(csv.stdout, /"'=cmd\|evil"/);
    assert.equal(csv.stdout.trim().split('\n').length, 1 + 11 * 2);
  });

  it('a missing or foreign file is a usage error that says how to get one', async () => {
    const missing = await runCli(['votes', 'list', '--file', join(dir, 'nope.json')], {});
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Cannot read the votes file .*Export votes/);
    const foreign = join(dir, 'x.json');
    writeFileSync(foreign, '{"hello":1}');
    const bad = await runCli(['votes', 'leaderboard', '--file', foreign], {});
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Not a votes file/);
    assert.equal((await runCli(['votes', 'rank'], {})).code, 2);
  });
});
