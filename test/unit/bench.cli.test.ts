import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectContainer } from '../../src/core/bench/isolation/container';
import { benchCommand } from '../../src/cli/bench';
import type { CliIO } from '../../src/cli/io';
import { builtinSuite } from '../../src/core/bench/suites/load';
import type { BenchReport, CodeTask } from '../../src/core/bench/types';
import { ModelRegistry } from '../../src/core/providers/registry';
import { validateSettings } from '../../src/core/settings';
import { startHfSim, type HfSim } from '../support/hf-sim';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';

const KEY = 'hf_BenchCliSecret0123456789abcdef';
const tasks = builtinSuite().tasks.slice(0, 2) as CodeTask[]; // py/clamp-all, js/sum-digits
const taskOf = (prompt: string) => tasks.find((t) => prompt.includes(t.prompt))!;
const fenced = (t: CodeTask, code: string) => `Here it is:\n\n\`\`\`${t.language}\n${code}\n\`\`\`\n`;
const HOSTILE = '</script><script>alert(1)</script>';

/** Scripted answers: right, wrong, prose only, and hostile code that only passes when no API key reaches it. */
const answers: Record<string, (t: CodeTask) => string> = {
  right: (t) => fenced(t, t.reference ?? ''),
  wrong: (t) => fenced(t, t.language === 'python' ? 'def clamp_all(values, low, high):\n    return values' : 'function sumDigits(n) { return 0; }'),
  prose: () => 'You should loop over the values and limit each one. I hope this helps!',
  hostile: (t) =>
    `${HOSTILE}\n` +
    fenced(t, t.language === 'python'
      ? `import os\nassert "HF_API_KEY" not in os.environ and "HF_TOKEN" not in os.environ, "key leaked"\nprint("${HOSTILE}")\n${t.reference}`
      : `if (process.env.HF_API_KEY || process.env.HF_TOKEN) throw new Error('key leaked');\nconsole.log('${HOSTILE}');\n${t.reference}`),
};

function io(env: Record<string, string>, signal?: AbortSignal) {
  const out = { stdout: '', stderr: '' };
  const cli: CliIO = { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, env, signal };
  return { cli, out };
}

describe('bench: CLI end to end through both simulators', function () {
  this.timeout(60_000);
  let ollama: OllamaSim;
  let hf: HfSim;
  let registry: () => ModelRegistry;
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  const env = { HF_API_KEY: KEY, HF_TOKEN: KEY };

  before(async () => {
    const reply = (kind: string) => (req: { messages: Array<{ content: string }> }) => answers[kind](taskOf(req.messages.map((m) => m.content).join('\n')));
    ollama = await startOllamaSim({
      version: '0.12.6',
      models: [
        { name: 'right:7b', quantization: 'Q4_0', reply: reply('right') },
        { name: 'prose:3b', quantization: 'Q4_K_M', reply: reply('prose') },
      ],
    });
    hf = await startHfSim({
      requireToken: KEY,
      openaiModels: ['org/wrong', 'org/hostile'],
      chat: (req) => {
        const body = req.body as { model: string; messages: Array<{ content: string }> };
        const kind = body.model === 'org/wrong' ? 'wrong' : 'hostile';
        return { text: answers[kind](taskOf(body.messages.map((m) => m.content).join('\n'))) };
      },
    });
    registry = () =>
      new ModelRegistry(
        validateSettings({
          models: [
            { id: 'local-right', provider: 'ollama', model: 'right:7b' },
            { id: 'local-prose', provider: 'ollama', model: 'prose:3b' },
            { id: 'online-wrong', provider: 'huggingface', model: 'org/wrong' },
            { id: 'online-hostile', provider: 'huggingface', model: 'org/hostile' },
          ],
          ollama: { host: ollama.url },
        }),
        // The simulator stands in for Hugging Face's router and Hub, where the token may go.
        { hfToken: KEY, hfRouterUrl: hf.url, hfHubUrl: hf.url },
      );
  });
  after(async () => {
    await Promise.all([ollama?.close(), hf?.close()]);
  });
  const context = async () => ({ settings: registry().settings, registry: registry() });

  it('scores each model as expected and writes JSON, CSV and Markdown', async () => {
    const json = join(dir, 'r.json');
    const { cli, out } = io(env);
    const code = await benchCommand(['--suite', 'builtin', '--limit', '2', '--repeats', '2', '--execute', '--out', json, '--out', join(dir, 'r.csv'), '--out', join(dir, 'r.md')], cli, context);
    assert.equal(code, 0, out.stderr);
    const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
    const by = Object.fromEntries(report.summary.map((s) => [s.id, s]));
    assert.equal(by['local-right'].passAt1, 1);
    assert.deepEqual(by['local-right'].passAtK, { 1: 1, 2: 1 });
    assert.equal(by['online-wrong'].passAt1, 0);
    assert.deepEqual(by['online-wrong'].outcomes, { failed: 4 });
    assert.deepEqual(by['local-prose'].outcomes, { 'no-code': 4 });
    assert.equal(by['online-hostile'].passAt1, 1, 'passes only because no key reached its code');
    assert.equal(report.samples.length, 2 * 4 * 2);
    assert.ok(report.samples.some((s) => s.text.includes(HOSTILE)));
    assert.equal(report.manifest.ollamaVersion, '0.12.6');
    assert.equal(report.manifest.settings.execute, true);
    // The HF endpoint is on 127.0.0.1 here, which its provider rightly reports as local.
    assert.deepEqual(report.features.map((f) => [f.id, f.provider]), [['local-right', 'ollama'], ['local-prose', 'ollama'], ['online-wrong', 'huggingface'], ['online-hostile', 'huggingface']]);
    assert.equal(report.features[0].quantization, 'Q4_0');
    assert.match(out.stderr, /running model-written code in a sandbox: (bubblewrap|container|sandbox-exec) /);
    assert.notEqual(report.manifest.sandbox?.kind, 'none');
    assert.ok(report.samples.every((s) => s.score?.kind === 'no-code' || s.score?.sandbox === report.manifest.sandbox?.kind));
    assert.ok(!readFileSync(join(dir, 'r.results.jsonl'), 'utf8').includes(KEY));
    const md = readFileSync(join(dir, 'r.md'), 'utf8');
    assert.ok(md.includes('| local-right (right:7b) | 4 | 0 | 0 | 100.0% |'));
    assert.equal(readFileSync(join(dir, 'r.csv'), 'utf8').trim().split('\r\n').length, 1 + 16);
  });

  it('re-running the same command resumes: nothing is generated again', async () => {
    const before = ollama.requests.filter((r) => r.path === '/api/chat').length + hf.streams.length;
    const { cli, out } = io(env);
    const code = await benchCommand(['--limit', '2', '--repeats', '2', '--execute', '--out', join(dir, 'r.json')], cli, context);
    assert.equal(code, 0, out.stderr);
    assert.equal(ollama.requests.filter((r) => r.path === '/api/chat').length + hf.streams.length, before);
  });

  it('--sandbox none runs unsandboxed only when named, says the risk, and the report records it', async () => {
    const { cli, out } = io(env);
    const json = join(dir, 'none.json');
    const code = await benchCommand(['--limit', '1', '--models', 'local-right', '--execute', '--sandbox', 'none', '--out', json], cli, context);
    assert.equal(code, 0, out.stderr);
    assert.match(out.stderr, /WARNING: --sandbox none\. .*NO sandbox.*files.*network/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
    assert.equal(report.manifest.sandbox?.kind, 'none');
    assert.equal(report.samples[0].score?.sandbox, 'none');
    assert.match(report.manifest.scoringNote, /WITHOUT a sandbox/);
  });

  it('a sandbox that is not available stops the run before anything is generated, saying how to install one', async function () {
    if ('isolation' in (await detectContainer())) {
      console.log('    (skipped: a container engine is available here)');
      return this.skip();
    }
    const before = ollama.requests.filter((r) => r.path === '/api/chat').length;
    const { cli, out } = io(env);
    assert.equal(await benchCommand(['--limit', '1', '--execute', '--sandbox', 'container'], cli, context), 2);
    assert.match(out.stderr, /The sandbox "container" is not available/);
    assert.match(out.stderr, /docker pull python:3\.12-slim/);
    assert.equal(ollama.requests.filter((r) => r.path === '/api/chat').length, before);
    const bad = io(env);
    assert.equal(await benchCommand(['--limit', '1', '--execute', '--sandbox', 'firejail'], bad.cli, context), 2);
    assert.match(bad.out.stderr, /--sandbox must be one of auto, bubblewrap, container, sandbox-exec, none/);
  });

  it('without --execute the answers are timed only and the report says how to score them', async () => {
    const { cli, out } = io(env);
    const code = await benchCommand(['--limit', '1', '--models', 'local-right'], cli, context);
    assert.equal(code, 0, out.stderr);
    assert.match(out.stdout, /Quality was NOT scored.*--execute/);
    assert.match(out.stderr, /Add --execute/);
  });

  it('bad usage exits 2 with a clear message', async () => {
    for (const args of [['--repeats', '0'], ['--mode', 'fast'], ['--out', 'x.pdf'], ['--models', 'nope'], ['--suite', join(dir, 'missing.jsonl')], ['stray']]) {
      const { cli, out } = io(env);
      assert.equal(await benchCommand(args, cli, context), 2, args.join(' '));
      assert.match(out.stderr, /^llm-compare: .+\nUsage: llm-compare bench/, out.stderr);
    }
  });

  it('Ctrl+C stops cleanly, keeps the finished samples and exits 1', async () => {
    const ac = new AbortController();
    const { cli, out } = io(env, ac.signal);
    ollama.close();
    ollama = await startOllamaSim({ models: [{ name: 'right:7b', reply: 'slow ```python\nx\n```', paceMs: 200 }] });
    const file = join(dir, 'stop.json');
    setTimeout(() => ac.abort(), 1500);
    const code = await benchCommand(['--models', 'local-right', '--out', file], cli, context);
    assert.equal(code, 1);
    assert.match(out.stderr, /Stopped before the end: \d+ of 23 samples\. Kept/);
    const report = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
    assert.equal(report.manifest.incomplete, true);
    assert.ok(report.samples.length < 23);
  });
});
