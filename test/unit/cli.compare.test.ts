import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCli, startSims, TEST_HF_KEY, type Sims } from '../support/cli-harness';
import type { HfSimRequest } from '../support/hf-sim';

const QUICKSORT = 'def quicksort(xs):\n    return xs if len(xs) < 2 else quicksort([x for x in xs[1:] if x < xs[0]]) + [xs[0]] + quicksort([x for x in xs[1:] if x >= xs[0]])\n';

interface JsonResult {
  id: string;
  label: string;
  provider: string;
  model: string;
  text: string;
  error: { kind: string; message: string } | null;
  metrics: {
    ttftMs: number | null;
    totalMs: number | null;
    outputTokens: number | null;
    tokensPerSecond: number | null;
    chars: number;
    tokenSource: string;
    server: { loadMs: number | null; promptEvalMs: number | null; promptTokens: number | null; evalMs: number | null; evalTokensPerSecond: number | null } | null;
  };
}

describe('CLI compare', function () {
  this.timeout(30_000);
  let sims: Sims;

  beforeEach(async () => {
    sims = await startSims(
      {
        models: [
          { name: 'codellama:7b', reply: QUICKSORT, paceMs: 10, loadMs: 300 },
          { name: 'qwen2.5-coder:3b', reply: QUICKSORT, paceMs: 10 },
        ],
      },
      { chat: { text: QUICKSORT, chunkDelayMs: 10 } },
    );
  });
  afterEach(async () => sims.close());

  it('prints the prototype-style text report for all three default models and exits 0', async () => {
    const run = await runCli(['compare', 'Write a quick sort algorithm in Python.'], sims.env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^=== Model Comparison ===/);
    for (const label of ['Qwen2.5-Coder 32B (Hugging Face)', 'CodeLlama 7B (Ollama)', 'Qwen2.5-Coder 3B (Ollama)']) {
      assert.ok(run.stdout.includes(`Model: ${label}`), `missing ${label}`);
    }
    assert.match(run.stdout, /Type: Online \(huggingface/);
    assert.equal((run.stdout.match(/Type: Local \(ollama/g) ?? []).length, 2);
    assert.match(run.stdout, /Response length: \d+ characters/);
    assert.ok(run.stdout.includes('def quicksort'));
  });

  it('--format json has exactly the documented shape, with the server counters and both clocks', async () => {
    const run = await runCli(['compare', '--format', 'json', 'Write a quick sort algorithm in Python.'], sims.env);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { prompt: string; results: JsonResult[] };
    assert.deepEqual(Object.keys(report), ['prompt', 'results']);
    assert.equal(report.prompt, 'Write a quick sort algorithm in Python.');
    assert.deepEqual(report.results.map((r) => r.id), ['online-qwen', 'local-codellama', 'local-qwen']);
    for (const r of report.results) {
      assert.deepEqual(Object.keys(r), ['id', 'label', 'provider', 'model', 'text', 'finishReason', 'location', 'error', 'metrics']);
      assert.deepEqual(Object.keys(r.metrics), ['ttftMs', 'totalMs', 'outputTokens', 'tokensPerSecond', 'rateSource', 'chars', 'tokenSource', 'server', 'costUsd', 'priceSource']);
      assert.equal(r.error, null);
      assert.equal(r.text, QUICKSORT);
      assert.equal(r.metrics.chars, QUICKSORT.length);
      assert.equal(r.metrics.tokenSource, 'server');
    }
    const codellama = report.results[1];
    assert.equal(codellama.provider, 'ollama');
    assert.equal(codellama.model, 'codellama:7b');
    // The scripted 300 ms model load shows on both clocks: the server's load_duration and the client's first token.
    assert.ok(codellama.metrics.server);
    assert.ok(Math.abs((codellama.metrics.server.loadMs ?? 0) - 300) < 50, `server loadMs ${codellama.metrics.server.loadMs}`);
    assert.ok((codellama.metrics.ttftMs ?? 0) >= 290, `ttft ${codellama.metrics.ttftMs}`);
    assert.ok((report.results[2].metrics.ttftMs ?? Infinity) < (codellama.metrics.ttftMs ?? 0), 'the warm model answers first');
    const hf = report.results[0];
    assert.equal(hf.provider, 'huggingface');
    assert.ok(hf.metrics.outputTokens !== null && hf.metrics.outputTokens > 0);
    assert.equal(hf.metrics.server?.loadMs, null, 'HF reports no load time: null, never invented');
  });

  it('labels token counts as estimates when the server does not count', async () => {
    sims.hf.setScript({ chat: { text: QUICKSORT, usage: false } });
    const run = await runCli(['compare', '--models', 'online-qwen', '--format', 'json', 'sort'], sims.env);
    const [r] = (JSON.parse(run.stdout) as { results: JsonResult[] }).results;
    assert.equal(r.metrics.tokenSource, 'estimate');
    assert.equal(r.metrics.outputTokens, Math.round(QUICKSORT.length / 4));
    assert.equal(r.metrics.server, null);
  });

  it('runs the models concurrently: about as long as the slowest, not the sum', async () => {
    sims.ollama.setScript({
      models: [
        { name: 'codellama:7b', reply: QUICKSORT, tokens: Array(40).fill('x '), paceMs: 15 },
        { name: 'qwen2.5-coder:3b', reply: QUICKSORT, tokens: Array(40).fill('y '), paceMs: 15 },
      ],
    });
    sims.hf.setScript({ chat: { chunks: Array(40).fill('z '), chunkDelayMs: 15 } });
    const t0 = performance.now();
    const run = await runCli(['compare', '--format', 'json', 'go'], sims.env);
    const wall = performance.now() - t0;
    const totals = (JSON.parse(run.stdout) as { results: JsonResult[] }).results.map((r) => r.metrics.totalMs ?? 0);
    const sum = totals.reduce((a, b) => a + b, 0);
    assert.ok(wall < sum * 0.75, `wall ${wall.toFixed(0)} ms vs sum of totals ${sum.toFixed(0)} ms`);
    assert.equal(sims.ollama.concurrency.maxActive, 2, 'both local models streamed at the same time');
  });

  it('--mode sequential runs one model after another', async () => {
    const run = await runCli(['compare', '--mode', 'sequential', '--models', 'local-codellama,local-qwen', 'go'], sims.env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(sims.ollama.concurrency.maxActive, 1);
  });

  it('exits 1 when a model fails, and the others still print', async () => {
    sims.ollama.setScript({ models: [{ name: 'qwen2.5-coder:3b', reply: QUICKSORT }] });
    const run = await runCli(['compare', '--format', 'json', 'sort'], sims.env);
    assert.equal(run.code, 1);
    const results = (JSON.parse(run.stdout) as { results: JsonResult[] }).results;
    assert.equal(results[1].error?.kind, 'model-not-found');
    assert.match(results[1].error?.message ?? '', /ollama pull codellama:7b/);
    assert.equal(results[0].error, null);
    assert.equal(results[2].text, QUICKSORT);
  });

  it('never prints the API key, even when the server echoes it back', async () => {
    sims.hf.setScript({ chat: { status: 401, body: (req: HfSimRequest) => ({ error: `bad token ${req.headers.authorization}` }) } });
    const run = await runCli(['compare', '--models', 'online-qwen', 'sort'], { ...sims.env, LLM_COMPARE_DEBUG: '1' });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /Error \(unauthorized\)/);
    assert.ok(sims.hf.requests.some((r) => r.headers.authorization === `Bearer ${TEST_HF_KEY}`), 'the key was sent to the server');
    assert.ok(!run.stdout.includes(TEST_HF_KEY) && !run.stderr.includes(TEST_HF_KEY), 'the key leaked');
  });

  it('--format md prints a table and fenced answers', async () => {
    const run = await runCli(['compare', '--format', 'md', '--models', 'local-qwen', 'sort'], sims.env);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /\| Model \| Type \| First token \| Total \|/);
    assert.match(run.stdout, /\| Qwen2\.5-Coder 3B \(Ollama\) \| Local \|/);
    assert.match(run.stdout, /```text\ndef quicksort/);
  });

  it('shows live progress per model on a terminal, on stderr only', async () => {
    const run = await runCli(['compare', '--models', 'local-qwen', '--format', 'json', 'sort'], sims.env, { tty: true });
    assert.match(run.stderr, /Qwen2\.5-Coder 3B \(Ollama\)\s+done in/);
    assert.doesNotThrow(() => JSON.parse(run.stdout));
  });

  it('Ctrl+C cancels every model and the servers see the connections close', async () => {
    sims.ollama.setScript({ models: [{ name: 'qwen2.5-coder:3b', tokens: Array(400).fill('t '), paceMs: 10 }] });
    sims.hf.setScript({ chat: { chunks: Array(400).fill('h '), chunkDelayMs: 10 } });
    const ctrlC = new AbortController();
    setTimeout(() => ctrlC.abort(), 300);
    const run = await runCli(['compare', '--models', 'local-qwen,online-qwen', '--format', 'json', 'go'], sims.env, { signal: ctrlC.signal });
    assert.equal(run.code, 1);
    const results = (JSON.parse(run.stdout) as { results: JsonResult[] }).results;
    assert.deepEqual(results.map((r) => r.error?.kind), ['cancelled', 'cancelled']);
    assert.ok(results.every((r) => r.text.length > 0), 'partial text is kept');
    const ollamaStream = await sims.ollama.waitForStream(0);
    await ollamaStream.ended;
    assert.ok(ollamaStream.clientClosed && ollamaStream.chunksWritten < 300, `ollama wrote ${ollamaStream.chunksWritten}`);
    await sims.hf.waitFor(() => sims.hf.streams.length > 0 && sims.hf.streams[0].closedAt !== null);
    assert.ok(sims.hf.streams[0].clientClosedEarly && sims.hf.streams[0].chunksWritten < 300);
  });
});

describe('CLI bad input', function () {
  this.timeout(10_000);
  const env = { OLLAMA_HOST: 'http://127.0.0.1:9', HF_API_KEY: TEST_HF_KEY };

  const cases: Array<[string, string[], RegExp]> = [
    ['an empty prompt', ['compare', '   '], /prompt is empty/],
    ['an unknown model id', ['compare', '--models', 'nope', 'hi'], /Unknown model id "nope"\. Configured: online-qwen, local-codellama, local-qwen/],
    ['a negative max tokens', ['compare', '--max-tokens=-5', 'hi'], /--max-tokens must be a whole number from 1 to 32768/],
    ['an absurd max tokens', ['compare', '--max-tokens', '10000000', 'hi'], /--max-tokens must be a whole number/],
    ['an unknown format', ['compare', '--format', 'xml', 'hi'], /--format must be one of text, md, json, html/],
    ['an unknown flag', ['compare', '--frobnicate', 'hi'], /Unknown option '--frobnicate'/],
    ['an unknown command', ['frob'], /Unknown command "frob"/],
    ['a missing config file', ['compare', '--config', '/nonexistent/x.json', 'hi'], /Cannot read config file \/nonexistent\/x\.json: no such file/],
  ];
  for (const [what, argv, message] of cases) {
    it(`rejects ${what} with exit 2 and a clear message`, async () => {
      const run = await runCli(argv, env);
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    });
  }

  it('rejects a malformed config file, naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llmc-'));
    writeFileSync(join(dir, 'bad.json'), '{"models": [');
    const run = await runCli(['compare', '--config', join(dir, 'bad.json'), 'hi'], env);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /bad\.json is not valid JSON/);
  });

  it('rejects a config value, naming the setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llmc-'));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ models: [{ id: 'a', provider: 'chatgpt', model: 'x' }] }));
    const run = await runCli(['compare', '--config', join(dir, 'c.json'), 'hi'], env);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /models\[0\]\.provider must be one of "huggingface", "ollama", "openai", "llamacpp"/);
  });

  it('rejects an invalid host URL', async () => {
    const run = await runCli(['compare', 'hi'], { ...env, OLLAMA_HOST: 'http://exa mple:11434' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /OLLAMA_HOST is not a valid URL/);
  });

  it('reads the models from a config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llmc-'));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ models: [{ id: 'mine', label: 'Mine', provider: 'ollama', model: 'tiny:1b' }] }));
    const run = await runCli(['models', '--config', join(dir, 'c.json'), '--format', 'json'], env);
    assert.equal(run.code, 0, run.stderr);
    const infos = JSON.parse(run.stdout) as Array<{ id: string; model: string; reachable: boolean; reason: string }>;
    assert.deepEqual(infos.map((i) => [i.id, i.model, i.reachable]), [['mine', 'tiny:1b', false]]);
    assert.match(infos[0].reason, /127\.0\.0\.1:9/);
  });
});
