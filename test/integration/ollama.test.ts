/** Ollama model management against the simulator: missing models, pull with progress, status and diagnosis. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/vscode/ids';
import type { CheckOutcome } from '../../src/vscode/ollama/pull';
import type { OllamaState } from '../../src/vscode/ollama/status';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { configure, extensionApi, resetSettings, stubUi } from './helpers';

const MODELS = [
  { id: 'cl', label: 'CodeLlama', provider: 'ollama', model: 'codellama:7b' },
  { id: 'qw', label: 'Qwen', provider: 'ollama', model: 'qwen2.5-coder:3b' },
];

suite('Ollama models and status', () => {
  let sim: OllamaSim;

  suiteSetup(async () => {
    sim = await startOllamaSim({
      version: '0.12.6',
      models: [{ name: 'codellama:7b' }],
      pulls: { 'qwen2.5-coder:3b': { layers: [1_900_000_000, 7_000], steps: 5, paceMs: 10 } },
    });
    await configure({ models: MODELS, defaultModel: 'cl', 'ollama.host': sim.url });
  });
  suiteTeardown(async () => {
    await resetSettings();
    await sim.close();
  });

  test('the status shows the version and the missing model', async () => {
    const api = await extensionApi();
    const state = await api.ollamaStatus.refresh();
    assert.equal(state.diagnosis?.reachable, true);
    assert.equal(state.diagnosis?.version, '0.12.6');
    assert.deepEqual(state.missing, ['qwen2.5-coder:3b']);
  });

  test('clicking the status offers the diagnosis and the fixes', async () => {
    const api = await extensionApi();
    let title = '';
    let labels: string[] = [];
    const ui = stubUi(api, { pick: async (items, o) => ((title = o.title ?? ''), (labels = items.map((i) => i.label)), undefined) });
    try {
      const state = await vscode.commands.executeCommand<OllamaState>(Commands.showOllamaStatus);
      assert.equal(state.diagnosis?.reachable, true);
      assert.match(title, /Ollama 0\.12\.6 at http:\/\/127\.0\.0\.1:\d+/);
      assert.ok(labels.some((l) => l.includes('Pull missing models (1)')));
      assert.ok(labels.some((l) => l.includes('Open Settings')));
    } finally {
      ui.restore();
    }
  });

  test('pulls a missing model with byte progress, then it is installed', async () => {
    const api = await extensionApi();
    const ui = stubUi(api, { pickMany: async (items) => items.filter((i) => i.picked) });
    try {
      const out = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkLocalModels);
      assert.deepEqual(out.missing, ['qwen2.5-coder:3b']);
      assert.equal(out.pulls.length, 1);
      assert.equal(out.pulls[0].status, 'installed');
      assert.ok(out.pulls[0].reports >= 5, `progress reported ${out.pulls[0].reports} times`);
      assert.equal(out.pulls[0].totalBytes, 1_900_007_000);
      const registry = await api.services.getRegistry();
      assert.equal(await registry.ollama.isInstalled('qwen2.5-coder:3b'), true);
      assert.ok(ui.shown.some((m) => /Installed in Ollama: qwen2\.5-coder:3b/.test(m.text)));
      assert.deepEqual((await api.ollamaStatus.refresh()).missing, []);
    } finally {
      ui.restore();
    }
  });

  test('a failed pull is reported clearly', async () => {
    const api = await extensionApi();
    sim.setScript({ ...sim.script, pulls: { 'broken:1b': { failAtLine: 2, failMessage: 'disk full' } } });
    await configure({ models: [...MODELS, { id: 'br', label: 'Broken', provider: 'ollama', model: 'broken:1b' }] });
    const ui = stubUi(api);
    try {
      const out = await vscode.commands.executeCommand<CheckOutcome>(Commands.checkLocalModels, { models: ['broken:1b'] });
      assert.equal(out.pulls[0].status, 'failed');
      assert.match(out.pulls[0].error ?? '', /disk full/);
      const error = ui.shown.find((m) => m.level === 'error');
      assert.match(error?.text ?? '', /Pulling broken:1b failed: .*disk full/);
    } finally {
      ui.restore();
      await configure({ models: MODELS });
    }
  });

  test('an unreachable server shows as offline with the host', async () => {
    const api = await extensionApi();
    const dead = await startOllamaSim({});
    const deadUrl = dead.url;
    await dead.close();
    await configure({ 'ollama.host': deadUrl });
    try {
      const state = await api.ollamaStatus.refresh();
      assert.equal(state.diagnosis?.reachable, false);
      assert.equal(state.diagnosis?.host, deadUrl);
      assert.ok(state.diagnosis?.reason);
    } finally {
      await configure({ 'ollama.host': sim.url });
    }
  });
});
