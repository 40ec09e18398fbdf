/**
 * `llm-compare engine pull` and `engine status` on a bare machine, against the stand-in for GitHub releases and the
 * Hub (serving the real llama-server and tiny.gguf): the plan first, with the sizes the servers state; consent
 * asked at a terminal, refused without one (with the command to run), skipped with --yes; files already here
 * checked again; Ctrl+C cancels and a second run resumes.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifiedNotePath } from '../../src/core/engine/verified';
import { runCli } from '../support/cli-harness';
import { startEngineReleaseServer, type EngineReleaseServer } from '../support/engine-release-server';
import { sharedServersDir } from '../support/llama-server';

const dir = sharedServersDir();
const MODEL_DIR = ['llm-compare', 'models', 'Qwen--Qwen2.5-Coder-0.5B-Instruct-GGUF'];
const MODEL_FILE = 'qwen2.5-coder-0.5b-instruct-q4_k_m.gguf';

describe('CLI: engine pull asks first, engine status shows the plan', function () {
  this.timeout(60_000);
  let tmp = '';
  let stand: EngineReleaseServer;
  let env: Record<string, string>;
  before(function () {
    if (!dir || process.platform !== 'linux' || process.arch !== 'x64') this.skip();
  });
  beforeEach(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'llmc-pull-'));
    stand = await startEngineReleaseServer();
    env = { XDG_CACHE_HOME: tmp, PATH: path.join(tmp, 'no-bin'), HF_HUB_URL: stand.hubUrl, LLM_COMPARE_LLAMACPP_RELEASES_URL: stand.releasesUrl };
  });
  afterEach(async () => {
    await stand?.close();
    rmSync(tmp, { recursive: true, force: true });
  });
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

  it('without a terminal and without --yes: shows the plan, downloads nothing, prints the command to run', async () => {
    const run = await runCli(['engine', 'pull'], env);
    assert.equal(run.code, 2);
    assert.match(run.stdout, new RegExp(`server: llama\\.cpp b4747 server for ubuntu-x64: to download, ${mb(stand.asset.bytes)}, verified by SHA-256`));
    assert.match(run.stdout, new RegExp(`to download: ${mb(stand.asset.bytes + stand.model.bytes)}`));
    assert.match(run.stdout, /from http:\/\/127\.0\.0\.1:\d+\/download\/b4747\/llama-b4747-bin-ubuntu-x64\.tar\.gz/);
    assert.match(run.stderr, /Nothing downloaded: no terminal to ask for consent\. To download, run:\n {2}llm-compare engine pull --yes\n/);
    assert.equal(existsSync(path.join(tmp, 'llm-compare', 'bin')), false);
    assert.deepEqual(stand.requests.filter((r) => r.includes('/download/') || r.includes('/resolve/')), [], 'not a byte fetched');
  });

  it('at a terminal: asks "Download N MB? [y/N]"; no (or Ctrl+C) downloads nothing, yes downloads both', async () => {
    const questions: string[] = [];
    const no = await runCli(['engine', 'pull'], env, { ask: async (q) => (questions.push(q), 'n') });
    assert.equal(no.code, 1);
    assert.equal(questions[0], `Download ${mb(stand.asset.bytes + stand.model.bytes)}? [y/N] `);
    assert.match(no.stdout, /Nothing downloaded\./);
    const ctrlC = await runCli(['engine', 'pull'], env, { ask: async () => null });
    assert.equal(ctrlC.code, 1);
    assert.equal(existsSync(path.join(tmp, 'llm-compare', 'bin')), false);
    const yes = await runCli(['engine', 'pull'], env, { ask: async () => 'y' });
    assert.equal(yes.code, 0, yes.stderr);
    assert.match(yes.stderr, /Downloading llama\.cpp b4747 server for ubuntu-x64\n[\s\S]*100% of [\d.]+ MB\nDownloading Qwen\/Qwen2\.5-Coder-0\.5B-Instruct-GGUF/);
    assert.match(yes.stdout, /Saved llama\.cpp b4747 server for ubuntu-x64 in .*\/llm-compare\/bin \(SHA-256 verified\)/);
    assert.match(yes.stdout, new RegExp(`Remove them with: rm -r "${tmp}/llm-compare"`));
    assert.deepEqual(readFileSync(path.join(tmp, ...MODEL_DIR, MODEL_FILE)), readFileSync(path.join(dir!, 'tiny.gguf')));
  });

  it('--yes skips the question; the second run checks what is there and has nothing to download', async () => {
    const first = await runCli(['engine', 'pull', '--yes'], env);
    assert.equal(first.code, 0, first.stderr);
    const second = await runCli(['engine', 'pull'], env); // no terminal, no --yes: fine, nothing to ask
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /was verified by SHA-256 on .* and is unchanged since/);
    assert.match(second.stdout, /llama-server matches the SHA-256 noted when llama\.cpp b4747 was installed/);
    assert.match(second.stdout, /Nothing to download/);
  });

  it('a model already here without a note is hashed now: a match is noted, a mismatch removed and fetched again', async () => {
    const model = path.join(tmp, ...MODEL_DIR, MODEL_FILE);
    await runCli(['engine', 'pull', '--yes'], env);
    rmSync(verifiedNotePath(model));
    const checked = await runCli(['engine', 'pull'], env);
    assert.match(checked.stdout, /verified now by SHA-256; noted for next time/);
    assert.ok(existsSync(verifiedNotePath(model)));
    rmSync(verifiedNotePath(model));
    writeFileSync(model, readFileSync(model).fill(7, 0, 64)); // same size, other bytes
    const fixed = await runCli(['engine', 'pull', '--yes'], env);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fixed.stdout, /does not match the Hub's SHA-256; removed, to be downloaded again/);
    assert.deepEqual(readFileSync(model), readFileSync(path.join(dir!, 'tiny.gguf')));
  });

  it('a server binary changed since its install is caught and replaced', async () => {
    await runCli(['engine', 'pull', '--yes'], env);
    const bin = path.join(tmp, 'llm-compare', 'bin', 'llama-server');
    writeFileSync(bin, 'tampered');
    const run = await runCli(['engine', 'pull', '--yes'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /changed since it was installed; removed, to be downloaded again/);
    assert.deepEqual(readFileSync(bin), readFileSync(path.join(dir!, 'llama-server')));
  });

  it('Ctrl+C during the download cancels it; running pull again resumes', async () => {
    stand.interrupt('asset', 'pause', 500_000);
    const aborter = new AbortController();
    const cancelled = runCli(['engine', 'pull', '--yes'], env, { signal: aborter.signal });
    while (!stand.requests.some((r) => r.includes('/download/'))) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    aborter.abort();
    const run = await cancelled;
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /cancelled .*run it again to resume/i);
    const again = await runCli(['engine', 'pull', '--yes'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /resuming at [\d.]+ MB/);
  });

  it('engine status shows what a setup would download, or why it cannot tell', async () => {
    const status = await runCli(['engine', 'status'], env);
    assert.match(status.stdout, new RegExp(`setup: +${mb(stand.asset.bytes + stand.model.bytes)} to download: llama\\.cpp b4747 server for ubuntu-x64 \\+ Qwen`));
    await stand.close();
    const offline = await runCli(['engine', 'status'], env);
    assert.equal(offline.code, 0);
    assert.match(offline.stdout, /setup: +cannot tell what a setup would download: Cannot reach the (llama\.cpp releases on GitHub|Hugging Face Hub)/);
  });
});
