/**
 * VS Code's language models, both ways, in the real extension host. On VS Code 1.104+ (the `lm` e2e phase, with the
 * test-only stand-in extension loaded beside ours) the whole feature; on the 1.100 floor, that offering our models
 * says why it is unavailable while everything else keeps working.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startComparison } from '../../src/core/compare/run';
import { OllamaProvider } from '../../src/core/providers/ollama';
import { providerRegistration } from '../../src/vscode/lm/api-1.104';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { configure, EXTENSION_ID, extensionApi, resetSettings, SIM_SLOTS } from './helpers';

const REPLY = 'def add(a, b):\n    return a + b\n';
const hasProviderApi = providerRegistration(vscode.lm) !== undefined;
const standinLoaded = () => vscode.extensions.getExtension('llm-compare-tests.lm-standin') !== undefined;

interface UseResult {
  found: boolean;
  id?: string;
  name?: string;
  family?: string;
  maxInputTokens?: number;
  text?: string;
  tokens?: number;
  cancelled?: boolean;
  error?: { name: string; message: string } | null;
}

suite('VS Code language models', () => {
  let sim: OllamaSim;

  suiteSetup(async () => {
    sim = await startOllamaSim({ models: [{ name: 'codellama:7b', reply: REPLY, paceMs: 60 }] });
    await configure({ models: [SIM_SLOTS.local], defaultModel: 'local', 'ollama.host': sim.url });
  });
  suiteTeardown(async () => {
    await resetSettings();
    await sim.close();
  });

  test('without the 1.104 API, offering our models says why and the rest works', async function () {
    if (hasProviderApi) this.skip();
    const api = await extensionApi();
    assert.match(api.chatModels.offerUnavailable ?? '', /needs VS Code 1\.104 or newer \(this is 1\.\d+/);
    assert.deepEqual(await vscode.lm.selectChatModels({ vendor: 'llm-compare' }), []);
    // The rest of the extension is unaffected: a comparison still runs.
    const registry = await api.services.getRegistry();
    const report = await startComparison({ prompt: 'add', models: registry.select(['local']) }).done;
    assert.equal(report.results[0].error, null);
    assert.equal(report.results[0].text, REPLY);
  });

  // Public API only: on newer VS Code this suite runs from the stand-in extension against our installed extension,
  // which (production mode) has no test API.
  suite('on VS Code 1.104+', () => {
    suiteSetup(async function () {
      if (!hasProviderApi || !standinLoaded()) this.skip();
      await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    });

    test('our configured models are in the list VS Code offers (vendor llm-compare)', async () => {
      const ours = await vscode.lm.selectChatModels({ vendor: 'llm-compare' });
      assert.deepEqual(ours.map((m) => [m.id, m.name, m.family, m.version]), [['local', 'Local (sim)', 'ollama', 'codellama:7b']]);
      // The server's own context window, less room for the answer (the slot's maxTokens, 512 by default).
      const facts = await new OllamaProvider({ host: sim.url }).describe({ ...SIM_SLOTS.local, maxTokens: 512 });
      assert.ok(facts.contextWindow, 'the simulator tells a context window');
      assert.equal(ours[0].maxInputTokens, facts.contextWindow - 512);
    });

    test('another extension selects our model by vendor, streams and counts tokens', async () => {
      sim.reset();
      const r = await vscode.commands.executeCommand<UseResult>('lmStandin.useVendor', 'llm-compare', 'Write add(a, b)');
      assert.equal(r.found, true);
      assert.equal(r.id, 'local');
      assert.equal(r.error, null);
      assert.equal(r.text, REPLY);
      assert.equal(r.tokens, Math.round(REPLY.length / 4), 'provideTokenCount: the ÷4 estimate');
      assert.equal(sim.streams.length, 1);
      assert.equal(sim.streams[0].completed, true);
    });

    test('cancelling from the other extension closes the connection to the server', async () => {
      sim.reset();
      sim.setScript({ models: [{ name: 'codellama:7b', reply: REPLY.repeat(20), paceMs: 60 }] });
      try {
        const r = await vscode.commands.executeCommand<UseResult>('lmStandin.useVendor', 'llm-compare', 'Write add(a, b)', 8);
        assert.equal(r.cancelled, true);
        const stream = await sim.waitForStream(0);
        await stream.ended;
        assert.equal(stream.clientClosed, true, 'the simulator saw the connection close');
        assert.equal(stream.completed, false);
        assert.ok(stream.chunksWritten < stream.plannedChunks);
      } finally {
        sim.setScript({ models: [{ name: 'codellama:7b', reply: REPLY, paceMs: 60 }] });
      }
    });

    test('a stand-in chat model answers through vscode.lm with its own token count', async () => {
      const [model] = await vscode.lm.selectChatModels({ vendor: 'standin', id: 'standin-coder' });
      assert.ok(model, 'the stand-in offers its models');
      const r = await vscode.commands.executeCommand<UseResult>('lmStandin.useVendor', { vendor: 'standin', id: 'standin-coder' }, 'Write add(a, b)');
      assert.match(r.text ?? '', /def add/);
      assert.equal(r.tokens, Math.ceil((r.text ?? '').length / 3));
    });
  });
});
