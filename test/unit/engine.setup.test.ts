/**
 * Setting up the built-in engine on a machine with nothing, against a local stand-in for GitHub's release API and the
 * Hugging Face Hub that serves the REAL llama-server (inside a release-shaped archive) and the REAL tiny.gguf: the plan
 * (what is missing, sizes and digests as served), the download and install of the official build, then a real start
 * of the installed server with a streamed answer; refusals (digest mismatch, no build for the platform) leave nothing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DownloadError } from '../../src/core/engine/download';
import { LlamaEngine } from '../../src/core/engine/engine';
import { defaultEngineSettings, type EngineSettings } from '../../src/core/engine/engine-settings';
import { installedRelease } from '../../src/core/engine/install';
import { findReleaseAsset, NoEngineBuildError } from '../../src/core/engine/release';
import { planEngineSetup, runEngineSetup, type EngineSetupProgress } from '../../src/core/engine/setup';
import { readVerified } from '../../src/core/engine/verified';
import { OpenAiProvider } from '../../src/core/providers/openai';
import { CancelledError } from '../../src/core/providers/errors';
import { forgetSecrets } from '../../src/core/redact';
import { startEngineReleaseServer, type EngineReleaseServer, type EngineReleaseServerOptions } from '../support/engine-release-server';
import { sharedServersDir } from '../support/llama-server';

const dir = sharedServersDir();

describe('built-in engine setup (a local stand-in for GitHub releases and the Hub)', function () {
  this.timeout(60_000);
  let tmp = '';
  let stand: EngineReleaseServer | null = null;
  const settings = (over: Partial<EngineSettings> = {}): EngineSettings => ({ ...defaultEngineSettings(), ...over });
  const serve = async (o: EngineReleaseServerOptions = {}) => {
    stand = await startEngineReleaseServer(o);
    return stand;
  };
  /** A host with no llama-server on PATH and the stand-in's URLs. */
  const host = (s: EngineReleaseServer, extra: Record<string, string> = {}) => ({
    cacheDir: path.join(tmp, 'cache'),
    env: { PATH: path.join(tmp, 'empty-path'), HF_HUB_URL: s.hubUrl, LLM_COMPARE_LLAMACPP_RELEASES_URL: s.releasesUrl, ...extra },
  });

  before(function () {
    if (!dir || process.platform !== 'linux' || process.arch !== 'x64') {
      console.log('engine setup tests skipped: needs ../shared/servers and linux-x64');
      this.skip();
    }
  });
  beforeEach(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'llmc-setup-'));
  });
  afterEach(async () => {
    await stand?.close();
    stand = null;
    rmSync(tmp, { recursive: true, force: true });
    forgetSecrets();
  });

  it('plans both files on a bare machine: where from, where to, the sizes and digests the servers state', async () => {
    const s = await serve();
    const plan = await planEngineSetup(settings(), host(s));
    assert.equal(plan.binary.present, false);
    assert.equal(plan.binary.source, `${s.hubUrl}/download/b4747/llama-b4747-bin-ubuntu-x64.tar.gz`);
    assert.equal(plan.binary.bytes, s.asset.bytes);
    assert.equal(plan.binary.sha256, s.asset.sha256);
    assert.equal(plan.binary.path, path.join(tmp, 'cache', 'bin', 'llama-server'));
    assert.equal(plan.binary.label, 'llama.cpp b4747 server for ubuntu-x64');
    assert.equal(plan.model.present, false);
    assert.equal(plan.model.bytes, s.model.bytes);
    assert.equal(plan.model.sha256, s.model.sha256);
    assert.match(plan.model.source, /\/Qwen\/Qwen2\.5-Coder-0\.5B-Instruct-GGUF\/resolve\/main\/qwen2\.5-coder-0\.5b-instruct-q4_k_m\.gguf$/);
    assert.equal(plan.downloadBytes, s.asset.bytes + s.model.bytes);
  });

  it('plans nothing to fetch for a server on PATH or in the setting and a model on disk (no network asked)', async () => {
    const s = await serve();
    const onPath = path.join(tmp, 'on-path');
    mkdirSync(onPath);
    symlinkSync(path.join(dir!, 'llama-server'), path.join(onPath, 'llama-server'));
    const viaPath = await planEngineSetup(settings({ modelPath: path.join(dir!, 'tiny.gguf') }), { ...host(s), env: { ...host(s).env, PATH: onPath } });
    assert.deepEqual([viaPath.binary.present, viaPath.binary.source, viaPath.binary.path], [true, 'PATH', path.join(onPath, 'llama-server')]);
    assert.deepEqual([viaPath.model.present, viaPath.model.source], [true, 'setting']);
    assert.equal(viaPath.downloadBytes, 0);
    const viaSetting = await planEngineSetup(settings({ binaryPath: path.join(dir!, 'llama-server'), modelPath: path.join(dir!, 'tiny.gguf') }), host(s));
    assert.equal(viaSetting.binary.source, 'setting');
    assert.deepEqual(s.requests, [], 'nothing present needs the network');
    await assert.rejects(planEngineSetup(settings({ binaryPath: path.join(tmp, 'nope') }), host(s)), /does not exist or cannot be run/);
  });

  it('downloads, verifies and installs the official build, then the installed server really answers', async () => {
    const s = await serve();
    const h = host(s);
    const seen: EngineSetupProgress[] = [];
    const plan = await planEngineSetup(settings(), h);
    const got = await runEngineSetup(plan, { ...h, onProgress: (p) => seen.push(p) });
    assert.equal(got.binary, path.join(tmp, 'cache', 'bin', 'llama-server'));
    assert.ok((statSync(got.binary).mode & 0o111) !== 0, 'llama-server keeps its run bits');
    assert.ok(existsSync(path.join(tmp, 'cache', 'bin', 'LICENSE-llama.cpp')), 'the whole folder is installed, not only the binary');
    assert.deepEqual(readFileSync(got.binary), readFileSync(path.join(dir!, 'llama-server')));
    const note = installedRelease(path.join(tmp, 'cache'));
    assert.equal(note?.tag, 'b4747');
    assert.equal(note?.verifiedBy, 'sha256');
    assert.equal(readVerified(got.model)?.sha256, s.model.sha256);
    assert.equal(seen.filter((p) => p.what === 'binary').at(-1)?.received, s.asset.bytes);
    assert.equal(seen.filter((p) => p.what === 'model').at(-1)?.received, s.model.bytes);
    assert.deepEqual(readdirSync(path.join(tmp, 'cache')).sort(), ['bin', 'models'], 'no archive, staging or partial file left');

    const again = await planEngineSetup(settings(), h);
    assert.deepEqual([again.binary.source, again.model.source, again.downloadBytes], ['cache', 'cache', 0]);

    const engine = new LlamaEngine({ binary: got.binary, model: got.model, threads: 1, contextSize: 512, gpuLayers: 0, port: 0 });
    try {
      const endpoint = await engine.ensureStarted();
      const provider = new OpenAiProvider({ secrets: { modelKeys: { e: endpoint.apiKey } } });
      let text = '';
      for await (const e of provider.stream({ id: 'e', label: 'e', provider: 'openai', model: 'tiny', endpoint: endpoint.baseUrl, maxTokens: 8, temperature: 0 } as never, { messages: [{ role: 'user', content: 'hi' }] })) {
        if (e.type === 'delta') text += e.text;
      }
      assert.ok(text.length > 0, 'a streamed answer from the installed server');
    } finally {
      await engine.stop();
    }
  });

  it('an older zip release (build/bin/ inside, modes in the zip) installs the same way', async () => {
    const s = await serve({ format: 'zip', layout: 'build-bin', tag: 'b4000' });
    const h = host(s);
    const plan = await planEngineSetup(settings({ releaseTag: 'b4000', modelPath: path.join(dir!, 'tiny.gguf') }), h);
    assert.match(plan.binary.source, /llama-b4000-bin-ubuntu-x64\.zip$/);
    assert.ok(s.requests.includes('GET /releases/tags/b4000'), 'engine.releaseTag pins the release');
    const got = await runEngineSetup(plan, h);
    assert.ok((statSync(got.binary).mode & 0o111) !== 0);
    assert.ok(existsSync(path.join(path.dirname(got.binary), 'LICENSE-llama.cpp')));
    assert.equal(installedRelease(path.join(tmp, 'cache'))?.tag, 'b4000');
  });

  it('a release tag that does not exist is a clear error', async () => {
    const s = await serve();
    await assert.rejects(planEngineSetup(settings({ releaseTag: 'b1' }), host(s)), (e: unknown) => e instanceof DownloadError && /no release "b1" \(engine\.releaseTag\)/.test(e.message));
  });

  it('an archive whose SHA-256 differs from the published digest is refused and nothing is installed', async () => {
    const s = await serve({ digest: 'wrong' });
    const h = host(s);
    const plan = await planEngineSetup(settings({ modelPath: path.join(dir!, 'tiny.gguf') }), h);
    await assert.rejects(runEngineSetup(plan, h), (e: unknown) => e instanceof DownloadError && /does not match its published SHA-256/.test(e.message));
    assert.equal(existsSync(path.join(tmp, 'cache', 'bin')), false, 'no bin/ folder');
    assert.deepEqual(readdirSync(path.join(tmp, 'cache', 'downloads')), [], 'the partial archive removed');
  });

  it('no published digest: installed after a size check, and the plan and the note say so', async () => {
    const s = await serve({ digest: 'none' });
    const h = host(s);
    const plan = await planEngineSetup(settings({ modelPath: path.join(dir!, 'tiny.gguf') }), h);
    assert.equal(plan.binary.sha256, null);
    assert.equal(plan.binary.bytes, s.asset.bytes);
    await runEngineSetup(plan, h);
    assert.equal(installedRelease(path.join(tmp, 'cache'))?.verifiedBy, 'size');
  });

  it('no official build for this platform: a typed error naming the platform', async () => {
    const s = await serve({ platforms: ['macos-arm64', 'win-cpu-x64'] });
    await assert.rejects(planEngineSetup(settings(), host(s)), (e: unknown) => e instanceof NoEngineBuildError && e.platform === 'linux-x64' && /no ready-made server for linux-x64 in llama\.cpp b4747.*engine\.binaryPath/.test(e.message));
    await assert.rejects(findReleaseAsset({ releasesUrl: s.releasesUrl, platform: 'freebsd', arch: 'x64' }), (e: unknown) => e instanceof NoEngineBuildError && /freebsd-x64/.test(e.message));
  });

  it('each platform gets its own CPU build, never a GPU variant with a similar name', async () => {
    const s = await serve({ format: 'zip' });
    const pick = async (platform: string, arch: string) => (await findReleaseAsset({ releasesUrl: s.releasesUrl, platform, arch })).name;
    assert.equal(await pick('linux', 'x64'), 'llama-b4747-bin-ubuntu-x64.zip');
    assert.equal(await pick('darwin', 'arm64'), 'llama-b4747-bin-macos-arm64.zip');
    assert.equal(await pick('darwin', 'x64'), 'llama-b4747-bin-macos-x64.zip');
    assert.equal(await pick('win32', 'x64'), 'llama-b4747-bin-win-cpu-x64.zip');
    assert.equal(await pick('linux', 'arm64'), 'llama-b4747-bin-ubuntu-arm64.zip');
    await assert.rejects(pick('linux', 'ia32'), (e: unknown) => e instanceof NoEngineBuildError && e.platform === 'linux-ia32');
  });

  it('offline: planning says which server could not be reached', async () => {
    const s = await serve();
    await s.close();
    await assert.rejects(planEngineSetup(settings(), host(s)), (e: unknown) => e instanceof DownloadError && e.fix === 'retry' && /Cannot reach the (llama\.cpp releases on GitHub|Hugging Face Hub).*ECONNREFUSED/.test(e.message));
  });

  it('an interrupted server download resumes where it stopped; a cancelled model download keeps its partial file', async () => {
    const s = await serve();
    const h = host(s);
    const plan = await planEngineSetup(settings(), h);
    s.interrupt('asset', 'cut', 1_000_000);
    await assert.rejects(runEngineSetup(plan, h), /run it again to resume/);
    assert.equal(existsSync(path.join(tmp, 'cache', 'bin')), false);
    s.interrupt('model', 'pause', 100_000);
    const aborter = new AbortController();
    await assert.rejects(runEngineSetup(plan, { ...h, signal: aborter.signal, onProgress: (p) => p.what === 'model' && p.received >= 100_000 && aborter.abort() }), (e: unknown) => e instanceof CancelledError);
    assert.ok(s.requests.some((r) => /^GET \/download\/.* bytes=\d+-$/.test(r)), 'the server download was resumed with a Range request');
    assert.ok(existsSync(`${plan.model.path}.part`), 'the partial model is kept for a resume');
    const done = await runEngineSetup(await planEngineSetup(settings(), h), h);
    assert.deepEqual(readFileSync(done.model), readFileSync(path.join(dir!, 'tiny.gguf')));
    assert.ok(s.requests.at(-1)?.includes('bytes='), 'the model download resumed too');
  });

  it('a cache folder that cannot be written is a clear error, not a crash', async () => {
    const s = await serve();
    const plain = path.join(tmp, 'plain-file');
    writeFileSync(plain, 'x'); // a folder under a regular file cannot be made, even by root
    const h = { ...host(s), cacheDir: path.join(plain, 'cache') };
    const plan = await planEngineSetup(settings(), h);
    await assert.rejects(runEngineSetup(plan, h), (e: unknown) => e instanceof DownloadError && /Cannot write .*plain-file/.test(e.message));
  });

  it('one set-up at a time per cache folder (two windows share it); a lock left by a dead process is taken over', async () => {
    const s = await serve();
    const h = host(s);
    const plan = await planEngineSetup(settings(), h);
    s.interrupt('asset', 'pause', 100_000);
    const aborter = new AbortController();
    const first = runEngineSetup(plan, { ...h, signal: aborter.signal });
    while (!s.requests.some((r) => r.includes('/download/'))) await new Promise((r) => setTimeout(r, 20));
    await assert.rejects(runEngineSetup(plan, h), (e: unknown) => e instanceof DownloadError && e.fix === 'retry' && /Another set-up of the built-in engine is running \(process \d+, this one\)/.test(e.message));
    aborter.abort();
    await assert.rejects(first, (e: unknown) => e instanceof CancelledError);
    assert.equal(existsSync(path.join(h.cacheDir, 'setup.lock')), false, 'the lock goes with the set-up that held it');
    // A holder that no longer exists: the lock is stale.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(path.join(h.cacheDir, 'setup.lock'), gone);
    await runEngineSetup(plan, h);
    assert.equal(existsSync(path.join(h.cacheDir, 'setup.lock')), false);
  });

  it('a server already installed is replaced whole by a new install (nothing of the old left beside it)', async () => {
    const s = await serve();
    const h = host(s);
    const cacheBin = path.join(tmp, 'cache', 'bin');
    mkdirSync(cacheBin, { recursive: true });
    writeFileSync(path.join(cacheBin, 'stale.so'), 'old');
    const plan = await planEngineSetup(settings({ modelPath: path.join(dir!, 'tiny.gguf') }), h);
    assert.equal(plan.binary.present, false, 'a bin/ without llama-server is not an install');
    await runEngineSetup(plan, h);
    assert.deepEqual(readdirSync(cacheBin).sort(), ['LICENSE-llama.cpp', 'llama-cpp-release.json', 'llama-server']);
  });
});
