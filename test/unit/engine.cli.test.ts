/**
 * The CLI with a `llamacpp` model, against the REAL llama-server: `compare` starts the engine before the run and
 * leaves no process behind; `engine status` says where things are; `engine start` runs until Ctrl+C and stops it.
 * Each run loads the model through a uniquely named link, so the process scan sees only this test's engines.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { forgetSecrets } from '../../src/core/redact';
import { runCli } from '../support/cli-harness';
import { sharedServersDir } from '../support/llama-server';
import { processesWith } from '../support/processes';

const root = path.resolve(__dirname, '..', '..');
const dir = sharedServersDir();

describe('CLI: the built-in engine', function () {
  this.timeout(60_000);
  let tmp = '';
  let model = '';
  let config = '';
  before(function () {
    if (!dir || process.platform !== 'linux') {
      console.log('engine CLI tests skipped: needs ../shared/servers/llama-server on Linux');
      return this.skip();
    }
    tmp = mkdtempSync(path.join(tmpdir(), 'llmc-engine-cli-'));
    model = path.join(tmp, `tiny-${process.pid}-${Date.now()}.gguf`);
    symlinkSync(path.join(dir, 'tiny.gguf'), model);
    config = path.join(tmp, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        models: [{ id: 'builtin', label: 'Built-in engine', provider: 'llamacpp', model: 'tiny', maxTokens: 16, temperature: 0 }],
        engine: { binaryPath: path.join(dir, 'llama-server'), modelPath: model, contextSize: 512, threads: 1 },
      }),
    );
  });
  after(() => {
    forgetSecrets();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('compare starts the engine first, reports llama.cpp\'s counters, and stops it', async () => {
    const run = await runCli(['compare', '--config', config, '--format', 'json', 'hi'], { XDG_CACHE_HOME: tmp });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Starting the built-in engine…\nBuilt-in engine ready at http:\/\/127\.0\.0\.1:\d+\/v1/);
    const report = JSON.parse(run.stdout) as { results: Array<{ provider: string; error: unknown; metrics: { rateSource: string } }> };
    assert.equal(report.results[0].provider, 'llamacpp');
    assert.equal(report.results[0].error, null);
    assert.equal(report.results[0].metrics.rateSource, 'server');
    assert.deepEqual(processesWith(model), [], 'no llama-server left after compare');
  });

  it('bench starts the engine for a llamacpp model and stops it after', async () => {
    const run = await runCli(['bench', '--config', config, '--suite', 'builtin', '--limit', '1', '--repeats', '1'], { XDG_CACHE_HOME: tmp });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Built-in engine ready at/);
    assert.match(run.stdout, /builtin/);
    assert.deepEqual(processesWith(model), [], 'no llama-server left after bench');
  });

  it('engine status names the cache folder, the binary, the model and its size', async () => {
    const run = await runCli(['engine', 'status', '--config', config], { XDG_CACHE_HOME: tmp, PATH: '' });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`cache folder: +${path.join(tmp, 'llm-compare')}`));
    assert.match(run.stdout, /binary: +.*llama-server \(from setting\)/);
    assert.match(run.stdout, /model: +.*tiny-.*\.gguf \(0\.5 MB\)/);
    assert.match(run.stdout, /running: +no engine/);
  });

  it('engine status without a binary anywhere says how to get one', async () => {
    const bare = path.join(tmp, 'bare.json');
    writeFileSync(bare, JSON.stringify({ engine: {} }));
    const run = await runCli(['engine', 'status', '--config', bare], { XDG_CACHE_HOME: tmp, PATH: '' });
    assert.match(run.stdout, /binary: +not found \(run "llm-compare engine pull"/);
    assert.match(run.stdout, /not downloaded: Qwen\/Qwen2\.5-Coder-0\.5B-Instruct-GGUF qwen2\.5-coder-0\.5b-instruct-q4_k_m\.gguf/);
  });

  it('engine start runs in the foreground; status sees it; Ctrl+C stops it with nothing left', async () => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'src/cli/main.ts', 'engine', 'start', '--config', config], { cwd: root, env: { ...process.env, XDG_CACHE_HOME: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    for (let i = 0; i < 400 && !/Ctrl\+C stops it/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /Built-in engine ready at http:\/\/127\.0\.0\.1:\d+\/v1 \(pid \d+\)/);
    assert.equal(processesWith(model).length, 1);
    const status = await runCli(['engine', 'status', '--config', config], { XDG_CACHE_HOME: tmp });
    assert.match(status.stdout, /running: +pid \d+ at http:\/\/127\.0\.0\.1:\d+\/v1/);
    child.kill('SIGINT');
    assert.equal(await exited, 130, out); // interrupted, as every command says after Ctrl+C
    assert.match(out, /Stopped\./);
    assert.deepEqual(processesWith(model), [], 'no llama-server left after Ctrl+C');
  });

  it('engine stop from another terminal stops an engine started with engine start', async () => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'src/cli/main.ts', 'engine', 'start', '--config', config], { cwd: root, env: { ...process.env, XDG_CACHE_HOME: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    for (let i = 0; i < 400 && !/Ctrl\+C stops it/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    const stop = await runCli(['engine', 'stop'], { XDG_CACHE_HOME: tmp });
    assert.match(stop.stdout, /Stopped the engine \(pid \d+, started by pid \d+\)/);
    // The property that matters: the engine does not outlive the command (its exit code varied once under load).
    await exited;
    for (let i = 0; i < 100 && processesWith(model).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(processesWith(model), []);
  });
});
