/**
 * The bundles leave parts of their dependencies out (scripts/esbuild-shake.mjs: the HF packages are declared free
 * of side effects, ollama's fetch polyfill is dropped). Unit tests run the sources, so they cannot see what a
 * bundle lost: this builds a bundle with the same plugins and streams through it from the simulators.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { startHfSim, type HfSim } from '../support/hf-sim';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';

const root = resolve(__dirname, '..', '..');
const TOKEN = 'hf_BundleProbeToken0123456789abcdef';

describe('the shipped bundles', () => {
  let dir: string;
  let hf: HfSim;
  let ollama: OllamaSim;
  let probe: string;

  before(async function () {
    this.timeout(60_000);
    dir = mkdtempSync(join(tmpdir(), 'llm-compare-bundle-'));
    const { shakePlugins } = (await import(pathToFileURL(join(root, 'scripts', 'esbuild-shake.mjs')).href)) as { shakePlugins: esbuild.Plugin[] };
    probe = join(dir, 'probe.js');
    await esbuild.build({
      entryPoints: [join(root, 'test', 'support', 'bundle-probe.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      outfile: probe,
      plugins: shakePlugins,
      logLevel: 'silent',
    });
    hf = await startHfSim({ chat: { text: 'hello from the simulator' } });
    ollama = await startOllamaSim({ models: [{ name: 'codellama:7b', reply: 'hello from ollama' }] });
  });
  after(async () => {
    await Promise.all([hf?.close(), ollama?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('leave out the HF code-snippet tables, the template engine, the non-chat provider helpers and the fetch polyfill', () => {
    const code = readFileSync(probe, 'utf8');
    // Strings that only exist in those modules (library snippets, jinja's lexer, image/audio-only providers, the
    // polyfill's UMD name).
    const left = [/model-libraries|snippetImportInferenceClient|transformers\.js/i, /Unexpected character: |Unknown statement type: /, /queue\.fal\.run|api\.replicate\.com|api\.wavespeed\.ai/, /WHATWGFetch/]
      .filter((re) => re.test(code))
      .map(String);
    assert.deepEqual(left, [], 'code the providers never call is in the bundle');
  });

  it('still stream through every Hugging Face routing mode and Ollama', async function () {
    this.timeout(30_000);
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [probe, JSON.stringify({ hf: hf.url, ollama: ollama.url, token: TOKEN })], { timeout: 25_000 });
    const results = JSON.parse(stdout) as { name: string; text: string; error: string | null }[];
    for (const r of results) {
      assert.equal(r.error, null, `${r.name}: ${r.error}`);
      assert.equal(r.text, r.name === 'ollama' ? 'hello from ollama' : 'hello from the simulator', r.name);
    }
    assert.deepEqual(results.map((r) => r.name), ['hf auto', 'hf together', 'hf hf-inference', 'hf endpoint', 'ollama']);
    const providers = hf.requests.filter((r) => r.kind === 'chat').map((r) => r.provider);
    assert.deepEqual(providers, [null, 'together', 'hf-inference', null], 'each routing mode reached its own path (auto: the router picks)');
  });
});
