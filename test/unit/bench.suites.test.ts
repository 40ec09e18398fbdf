import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildTaskPrompt } from '../../src/core/bench/prompt';
import { builtinSuite, loadSuite, parseHumanEval, parsePromptsText } from '../../src/core/bench/suites/load';

describe('bench: suites', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-suite-'));

  it('the built-in suite has ≥ 20 tasks in Python and JavaScript, each complete and uniquely named', () => {
    const { tasks } = builtinSuite();
    assert.ok(tasks.length >= 20);
    const ids = new Set(tasks.map((t) => t.id));
    assert.equal(ids.size, tasks.length);
    for (const lang of ['python', 'javascript']) assert.ok(tasks.some((t) => t.kind === 'code' && t.language === lang), lang);
    for (const diff of ['easy', 'medium', 'hard']) assert.ok(tasks.some((t) => t.kind === 'code' && t.difficulty === diff), diff);
    for (const t of tasks) {
      assert.equal(t.kind, 'code');
      if (t.kind !== 'code') continue;
      assert.ok(t.prompt && t.entryPoint && t.tests && t.reference, t.id);
      assert.ok(t.prompt.includes(t.entryPoint), `${t.id} prompt names the entry point`);
    }
  });

  it('the model is asked for the function in the task language and never sees the tests', () => {
    const t = builtinSuite().tasks[1];
    assert.equal(t.kind, 'code');
    if (t.kind !== 'code') return;
    const p = buildTaskPrompt(t);
    assert.match(p, /JavaScript/);
    assert.ok(p.includes(t.prompt));
    assert.ok(!p.includes(t.tests));
  });

  it('loads HumanEval JSONL, gzipped too, keeping canonical solutions', async () => {
    const line = JSON.stringify({ task_id: 'X/0', prompt: 'def f():\n', entry_point: 'f', test: 'def check(c): pass', canonical_solution: '    return 1\n' });
    writeFileSync(join(dir, 'x.jsonl.gz'), gzipSync(`${line}\n`));
    const suite = await loadSuite(join(dir, 'x.jsonl.gz'));
    assert.equal(suite.name, 'x');
    assert.deepEqual(suite.tasks.map((t) => t.kind === 'code' && [t.id, t.style, t.reference]), [['X/0', 'humaneval', '    return 1\n']]);
  });

  it('a malformed HumanEval file fails with the line number', () => {
    const good = JSON.stringify({ task_id: 'a', prompt: 'p', entry_point: 'f', test: 't' });
    assert.throws(() => parseHumanEval(`${good}\n{not json`, 'he.jsonl'), /he\.jsonl:2: not valid JSON/);
    assert.throws(() => parseHumanEval(`${good}\n\n{"task_id":"b","prompt":"p","test":"t"}`, 'he.jsonl'), /he\.jsonl:3: missing text field "entry_point"/);
    assert.throws(() => parseHumanEval(`${good}\n${good}`, 'he.jsonl'), /he\.jsonl:2: task_id "a" appears twice/);
  });

  it('loads a user’s prompts from text separated by --- and from JSON', async () => {
    writeFileSync(join(dir, 'mine.txt'), 'first prompt\nline two\n---\nsecond\n');
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ prompts: ['a', { id: 'named', prompt: 'b' }] }));
    const txt = await loadSuite(join(dir, 'mine.txt'));
    assert.deepEqual(txt.tasks, [{ kind: 'prompt', id: 'prompt-1', prompt: 'first prompt\nline two' }, { kind: 'prompt', id: 'prompt-2', prompt: 'second' }]);
    const json = await loadSuite(join(dir, 'mine.json'));
    assert.deepEqual(json.tasks.map((t) => t.id), ['prompt-1', 'named']);
  });

  it('an empty prompt between separators is reported with its line', () => {
    assert.throws(() => parsePromptsText('a\n---\n\n---\nb', 'p.txt'), /p\.txt:4: empty prompt/);
  });

  it('a missing file says so', async () => {
    await assert.rejects(loadSuite(join(dir, 'nope.jsonl')), /Cannot read suite file .*ENOENT/);
  });
});
