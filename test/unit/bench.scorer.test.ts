import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Semaphore } from '../../src/core/bench/pool';
import { noIsolation } from '../../src/core/bench/isolation/none';
import { resolveSandbox } from '../../src/core/bench/isolation/resolve';
import type { Isolation } from '../../src/core/bench/isolation/types';
import { runInSandbox, type SandboxOptions, type SpawnFn } from '../../src/core/bench/sandbox';
import { scoreAnswer as score } from '../../src/core/bench/scorer';
import { builtinSuite, loadSuite } from '../../src/core/bench/suites/load';
import type { CodeTask } from '../../src/core/bench/types';
import { HUMANEVAL_PATH } from '../support/shared';

const HUMANEVAL = HUMANEVAL_PATH;
/** The best sandbox here (bubblewrap on Linux: setup installs it); a machine without one fails, with how to install. */
let sandbox: Isolation;
before(async () => {
  sandbox = await resolveSandbox('auto');
});
const scoreAnswer = (t: CodeTask, answer: string, o: Partial<SandboxOptions> = {}) => score(t, answer, { isolation: sandbox, ...o });
const fence = (lang: string, code: string) => '```' + lang + '\n' + code + '\n```';
const codeTasks = () => builtinSuite().tasks.filter((t): t is CodeTask => t.kind === 'code');

describe('bench: scoring by running the code', function () {
  this.timeout(180_000);

  describe('HumanEval (the real dataset)', () => {
    let tasks: CodeTask[] = [];
    before(async function () {
      if (!existsSync(HUMANEVAL)) {
        console.log(`    (skipped: HumanEval dataset not found at ${HUMANEVAL})`);
        this.skip();
      }
      tasks = (await loadSuite(HUMANEVAL)).tasks as CodeTask[];
    });

    it('every canonical solution passes inside the sandbox (164/164)', async () => {
      assert.equal(tasks.length, 164);
      assert.notEqual(sandbox.kind, 'none');
      const pool = new Semaphore(2);
      const results = await Promise.all(tasks.map((t) => pool.run(async () => [t.id, await scoreAnswer(t, fence('python', t.reference ?? ''))] as const)));
      const notPassed = results.filter(([, s]) => s.kind !== 'passed').map(([id, s]) => `${id}: ${s.kind} ${s.detail}`);
      assert.deepEqual(notPassed, []);
      assert.deepEqual([...new Set(results.map(([, s]) => s.sandbox))], [sandbox.kind]);
    });

    it('inside the sandbox, no task passes with a body that returns nothing', async () => {
      const pool = new Semaphore(2);
      const results = await Promise.all(tasks.map((t) => pool.run(async () => [t.id, await scoreAnswer(t, fence('python', '    return None'))] as const)));
      assert.deepEqual(results.filter(([, s]) => s.kind === 'passed').map(([id]) => id), []);
      assert.ok(results.filter(([, s]) => s.kind === 'failed').length > 140, 'most are assertion failures, not errors');
    });

    it('a wrong solution fails: body replaced by `pass` / `return None`, or a whole wrong function', async () => {
      const t = tasks[0];
      for (const wrong of ['    pass', '    return None', `def ${t.entryPoint}(numbers, threshold):\n    return not True`]) {
        const s = await scoreAnswer(t, fence('python', wrong));
        assert.equal(s.kind, 'failed', `${wrong}: ${s.kind} ${s.detail}`);
        assert.match(s.detail, /AssertionError/);
      }
    });

    it('a syntax error is an error, prose is no-code', async () => {
      assert.equal((await scoreAnswer(tasks[2], fence('python', 'def truncate_number(x:\n    return'))).kind, 'error');
      assert.equal((await scoreAnswer(tasks[2], 'Just take the fractional part.')).kind, 'no-code');
    });
  });

  describe('built-in suite', () => {
    it('every reference solution passes, in both languages', async () => {
      const pool = new Semaphore(2);
      const results = await Promise.all(codeTasks().map((t) => pool.run(async () => [t.id, await scoreAnswer(t, fence(t.language, t.reference ?? ''))] as const)));
      assert.deepEqual(results.filter(([, s]) => s.kind !== 'passed').map(([id, s]) => `${id}: ${s.kind} ${s.detail}`), []);
      assert.ok(results.some(([id]) => id.startsWith('py/')) && results.some(([id]) => id.startsWith('js/')));
    });

    it('a deliberately wrong solution fails, with the assertion message', async () => {
      const py = codeTasks().find((t) => t.id === 'py/count-vowels')!;
      const js = codeTasks().find((t) => t.id === 'js/sum-digits')!;
      const a = await scoreAnswer(py, fence('python', 'def count_vowels(text):\n    return sum(c in "aeiouy" for c in text.lower())'));
      assert.equal(a.kind, 'failed');
      assert.match(a.detail, /y is not a vowel/);
      const b = await scoreAnswer(js, fence('javascript', 'function sumDigits(n) { return String(n).length; }'));
      assert.equal(b.kind, 'failed');
      assert.match(b.detail, /AssertionError/);
      const c = await scoreAnswer(js, fence('javascript', 'function sumDigits(n) { return n.foo.bar; }'));
      assert.equal(c.kind, 'error');
      assert.match(c.detail, /TypeError/);
    });
  });

  for (const [name, isolation] of [['no sandbox', () => noIsolation], ['the sandbox', () => sandbox]] as const) {
    describe(`limits that hold with ${name}`, () => {
      const py = () => codeTasks().find((t) => t.id === 'py/count-vowels')!;
      const run = (lang: 'python' | 'javascript', src: string, o: Partial<SandboxOptions> = {}) => runInSandbox(lang, src, { isolation: isolation(), ...o });
      const scoreIn = (t: CodeTask, answer: string, o: Partial<SandboxOptions> = {}) => score(t, answer, { isolation: isolation(), ...o });

      it('a sample that loops forever times out, and the run goes on', async () => {
        const started = Date.now();
        const s = await scoreIn(py(), fence('python', 'def count_vowels(text):\n    while True:\n        pass'), { timeoutMs: 500 });
        assert.equal(s.kind, 'timeout');
        assert.equal(s.sandbox, isolation().kind);
        assert.ok(Date.now() - started < 5000, 'killed promptly');
      });

      it('the time limit kills the whole process group (a child the program started too)', async () => {
        const r = await run('python', 'import subprocess, time\nsubprocess.Popen(["sleep", "30"])\ntime.sleep(30)\n', { timeoutMs: 400 });
        assert.equal(r.timedOut, true);
        assert.ok(r.durationMs < 3000, `took ${r.durationMs} ms`);
      });

      it('model code sees no API key: only PATH, LANG, HOME (its working dir) and a Python flag', async () => {
        const parent = { ...process.env, HF_API_KEY: 'hf_parentSecret123456789', HF_TOKEN: 'hf_parentSecret987654321', OTHER_SECRET: 'x' };
        const r = await run('python', 'import os, json\nprint(json.dumps(dict(os.environ)))\n', { env: parent });
        const env = JSON.parse(r.stdout) as Record<string, string>;
        assert.equal(env.HF_API_KEY, undefined);
        assert.equal(env.HF_TOKEN, undefined);
        assert.equal(env.OTHER_SECRET, undefined);
        assert.ok(!r.stdout.includes('hf_parentSecret'));
        assert.deepEqual(Object.keys(env).filter((k) => !['PATH', 'LANG', 'HOME', 'PYTHONDONTWRITEBYTECODE', 'LC_CTYPE', 'PWD'].includes(k)), []);
        assert.match(env.HOME, /llm-bench-|^\/tmp\/work$/);
        const js = await run('javascript', 'console.log(JSON.stringify(process.env))', { env: parent });
        assert.ok(!js.stdout.includes('hf_parentSecret'));
      });

      it('the process environment is not inherited even without an explicit env', async () => {
        process.env.HF_API_KEY_BENCH_TEST = 'leak-me-please';
        try {
          const r = await run('javascript', 'console.log(Object.keys(process.env).join(","))');
          assert.equal(r.exitCode, 0, r.stderr);
          assert.ok(!r.stdout.includes('HF_API_KEY_BENCH_TEST'), r.stdout);
        } finally {
          delete process.env.HF_API_KEY_BENCH_TEST;
        }
      });

      it('output beyond the cap kills the program and is not kept', async () => {
        const r = await run('javascript', 'for (;;) process.stdout.write("x".repeat(1024));', { outputCapBytes: 8 * 1024, timeoutMs: 5000 });
        assert.equal(r.outputCapped, true);
        assert.equal(r.timedOut, false);
        assert.ok(r.stdout.length <= 8 * 1024);
        const s = await scoreIn(py(), fence('python', 'def count_vowels(text):\n    print("y" * 100000)\n    return 0'), { outputCapBytes: 4096 });
        assert.equal(s.kind, 'error');
        assert.match(s.detail, /more output than allowed/);
      });

      it('uses the injected spawn, detached, with the minimal environment, and removes the program folder after', async () => {
        const seen: Array<{ cmd: string; args: readonly string[]; detached?: boolean; env?: NodeJS.ProcessEnv; cwd?: string }> = [];
        const spy: SpawnFn = (cmd, args, opts) => {
          seen.push({ cmd, args, detached: opts.detached, env: opts.env, cwd: String(opts.cwd) });
          return spawn(cmd, args, opts);
        };
        const s = await scoreIn(py(), fence('python', py().reference ?? ''), { spawn: spy, python: 'python3' });
        assert.equal(s.kind, 'passed', s.detail);
        assert.equal(seen.length, 1);
        if (isolation().kind === 'none') {
          assert.match(seen[0].cmd, /python3/);
          assert.equal(seen[0].args[0], '-I');
        } else {
          assert.match(seen[0].cmd, /bwrap|docker|podman|sandbox-exec/);
          assert.ok(seen[0].args.includes('-I'));
        }
        assert.equal(seen[0].detached, true);
        assert.deepEqual(Object.keys(seen[0].env ?? {}).sort(), ['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE']);
        assert.match(seen[0].cwd ?? '', /llm-bench-/);
        assert.equal(existsSync(seen[0].cwd ?? ''), false, 'the program folder is removed');
      });
    });
  }
});
