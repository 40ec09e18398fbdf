/**
 * What VS Code says about the built-in engine's set-up: the offer's size, the consent dialog (what, from where, to
 * where, how big as reported, how checked), progress, network failures, and the model entry it adds.
 */
import * as assert from 'node:assert/strict';
import { defaultEngineSettings } from '../../src/core/engine/engine-settings';
import { downloadWords, megabytes, offerLabel } from '../../src/shared/engine-offer';
import { parseFromWebview } from '../../src/shared/protocol';
import { engineEntry, engineModelName, hasEngineEntry } from '../../src/vscode/engine/model-entry';
import type { EngineSetupPlan } from '../../src/vscode/engine/setup-types';
import { consentText, isNetworkFailure, progressLine } from '../../src/vscode/engine/words';

const URL_BIN = 'https://github.com/ggml-org/llama.cpp/releases/download/b4747/llama-b4747-bin-ubuntu-x64.zip';
const URL_MODEL = 'https://huggingface.co/Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF/resolve/main/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf';

function plan(over: { binary?: Partial<EngineSetupPlan['binary']>; model?: Partial<EngineSetupPlan['model']>; downloadBytes?: number | null } = {}): EngineSetupPlan {
  return {
    binary: { what: 'binary', present: false, path: '/store/bin/llama-server', source: URL_BIN, bytes: 21_300_000, sha256: 'ab'.repeat(32), label: 'llama.cpp b4747 server for ubuntu-x64', ...over.binary },
    model: { what: 'model', present: false, path: '/store/models/Qwen--x/q.gguf', source: URL_MODEL, bytes: 397_800_000, sha256: 'cd'.repeat(32), label: 'Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF q4_k_m', ...over.model },
    downloadBytes: 'downloadBytes' in over ? over.downloadBytes! : 419_100_000,
  };
}

describe('the built-in engine set-up, as VS Code words it', () => {
  it('the offer quotes the planned size, and says "size unknown" when no size was reported or no plan made', () => {
    assert.equal(offerLabel(419_100_000), 'Use the built-in engine (downloads about 419 MB)');
    assert.equal(offerLabel(3_456_789), 'Use the built-in engine (downloads about 3.5 MB)');
    assert.equal(offerLabel(null), 'Use the built-in engine (size unknown)');
    assert.equal(downloadWords(0), 'nothing to download');
    assert.equal(megabytes(9_990_000), '10.0 MB');
  });

  it('the consent names every file, its source, its destination, its reported size and how it is checked', () => {
    const c = consentText(plan(), '/store');
    assert.equal(c.message, 'Download the built-in engine (about 419 MB)?');
    assert.match(c.detail, /Engine: llama\.cpp b4747 server for ubuntu-x64, 21 MB, from https:\/\/github\.com\/ggml-org\/llama\.cpp\/releases\/download\/b4747\/llama-b4747-bin-ubuntu-x64\.zip\n {4}to \/store\/bin\/llama-server \(checked against its published SHA-256 abababababab…\)/);
    assert.match(c.detail, /Model: Qwen\/Qwen2\.5-Coder-0\.5B-Instruct-GGUF q4_k_m, 398 MB, from https:\/\/huggingface\.co\/.+\n {4}to \/store\/models\/Qwen--x\/q\.gguf/);
    assert.match(c.detail, /Files go to \/store\. "LLM Compare: Remove built-in engine downloads" deletes them\./);
    assert.match(c.detail, /partial file is kept/);
    assert.equal(c.action, 'Download and set up');
  });

  it('an unreported size is "size unknown", never a guess; a file without a digest says it is checked by size only', () => {
    const c = consentText(plan({ binary: { bytes: null, sha256: null }, downloadBytes: null }), '/store');
    assert.equal(c.message, 'Download the built-in engine (size unknown)?');
    assert.match(c.detail, /Engine: .*, size unknown \(not reported\), from /);
    assert.match(c.detail, /no SHA-256 published: checked by size only/);
    assert.match(c.detail, /The total size is unknown/);
    assert.doesNotMatch(c.detail, /In all:/);
  });

  it('a file already there is named with where it was found, and only the missing one is downloaded', () => {
    const c = consentText(plan({ binary: { present: true, source: 'PATH', path: '/usr/bin/llama-server', label: 'llama-server from PATH' }, downloadBytes: 397_800_000 }), '/store');
    assert.match(c.detail, /Engine: llama-server from PATH, already at \/usr\/bin\/llama-server \(found on PATH\)\./);
    assert.equal(c.message, 'Download the built-in engine (about 398 MB)?');
  });

  it('progress says which file, how much of how much, and the percent; a resumed download says where it resumed', () => {
    const p = plan();
    assert.equal(progressLine({ what: 'binary', received: 10_650_000, total: 21_300_000, resumedFrom: 0 }, p), 'Downloading the engine (1 of 2): 11 MB of 21 MB, 50%');
    assert.equal(progressLine({ what: 'model', received: 200_000_000, total: 397_800_000, resumedFrom: 100_000_000 }, p), 'Downloading the model (2 of 2): 200 MB of 398 MB, 50%, resumed at 100 MB');
    assert.equal(progressLine({ what: 'model', received: 5_000_000, total: null, resumedFrom: 0 }, p), 'Downloading the model (2 of 2): 5.0 MB (size unknown)');
    // The archive is whole; its check and unpacking report no bytes, so the line says what happens meanwhile.
    assert.equal(progressLine({ what: 'binary', received: 21_300_000, total: 21_300_000, resumedFrom: 0 }, p), 'Engine downloaded (21 MB); checking and unpacking it…');
  });

  it('a refused connection anywhere in the cause chain is a network failure; a full disk is not', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const wrapped = { message: 'Cannot reach the Hub', details: { cause: new TypeError('fetch failed', { cause: refused }) } };
    assert.equal(isNetworkFailure(wrapped), true);
    assert.equal(isNetworkFailure(Object.assign(new Error('no space'), { code: 'ENOSPC' })), false);
    assert.equal(isNetworkFailure(new Error('plain')), false);
  });

  it('the model entry it adds is a llamacpp model named after the GGUF file, with an id no entry has', () => {
    const engine = defaultEngineSettings();
    assert.equal(engineModelName(engine), 'qwen2.5-coder-0.5b-instruct-q4_k_m');
    assert.equal(engineModelName({ ...engine, modelPath: '/m/Tiny.GGUF' }), 'Tiny');
    const first = engineEntry(engine, [{ id: 'online-qwen' }]);
    assert.deepEqual(first, { id: 'builtin-qwen2.5-coder-0.5b-instruct-q4_k_m', label: 'Built-in engine (qwen2.5-coder-0.5b-instruct-q4_k_m)', provider: 'llamacpp', model: 'qwen2.5-coder-0.5b-instruct-q4_k_m' });
    assert.equal(engineEntry(engine, [first]).id, `${first.id}-2`);
    assert.equal(hasEngineEntry([{ provider: 'ollama' }, first]), true);
    assert.equal(hasEngineEntry([{ provider: 'ollama' }, null, 'x']), false);
  });

  it('the offer button\'s message crosses the webview boundary with nothing else attached', () => {
    assert.deepEqual(parseFromWebview({ type: 'setUpEngine', command: 'rm -rf /' }), { type: 'setUpEngine' });
  });
});
