/** "Explain selection": to the panel when it is there, else a read-only document streaming every model. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplainOutcome } from '../../src/vscode/explain/command';
import { Commands } from '../../src/vscode/ids';
import type { PanelRunRequest } from '../../src/vscode/panel/api';
import { startHfSim, type HfSim } from '../support/hf-sim';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { configure, extensionApi, openDoc, resetSettings, stubUi, waitFor, SIM_SLOTS, simulatorHosts } from './helpers';

suite('Explain selection', () => {
  let hf: HfSim;
  let ollama: OllamaSim;

  suiteSetup(async () => {
    hf = await startHfSim({ chat: { text: 'It adds two numbers and returns the sum.' } });
    ollama = await startOllamaSim({ models: [{ name: 'codellama:7b', reply: 'This is an addition function.' }] });
    await configure({
      models: [SIM_SLOTS.online, SIM_SLOTS.local],
      defaultModel: 'online',
      ...simulatorHosts(ollama.url, hf.url),
    });
  });
  suiteTeardown(async () => {
    (await extensionApi()).setPanelOverride(undefined);
    await resetSettings();
    await hf.close();
    await ollama.close();
  });

  async function selectCode(): Promise<void> {
    const editor = await openDoc('javascript', 'const x = 1;\nfunction add(a, b) { return a + b; }\n');
    editor.selection = new vscode.Selection(1, 0, 1, 36);
  }

  test('hands the selection and its language to the panel, default model only', async () => {
    const api = await extensionApi();
    const received: PanelRunRequest[] = [];
    api.setPanelOverride({ reveal: async () => undefined, run: async (r) => void received.push(r) });
    await selectCode();
    const out = await vscode.commands.executeCommand<ExplainOutcome>(Commands.explainSelection);
    assert.equal(out.via, 'panel');
    assert.equal(received.length, 1);
    assert.equal(received[0].kind, 'explain');
    assert.deepEqual(received[0].modelIds, ['online']);
    const sent = JSON.stringify(received[0].messages);
    assert.match(sent, /javascript/);
    assert.match(sent, /function add\(a, b\)/);
    assert.doesNotMatch(sent, /const x = 1/, 'only the selection is sent');

    await vscode.commands.executeCommand<ExplainOutcome>(Commands.explainSelectionAllModels);
    assert.equal(received[1].modelIds, undefined, 'all models');
  });

  test('without the panel, streams into a read-only markdown document', async () => {
    const api = await extensionApi();
    const ui = stubUi(api);
    api.setPanelOverride(null);
    await selectCode();
    try {
      const out = await vscode.commands.executeCommand<ExplainOutcome>(Commands.explainSelectionAllModels);
      assert.equal(out.via, 'document');
      assert.match(out.text ?? '', /## Online \(sim\)\n\nIt adds two numbers and returns the sum\./);
      assert.match(out.text ?? '', /## Local \(sim\)\n\nThis is an addition function\./);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === out.uri);
      assert.ok(doc, 'the explanation document is open');
      assert.equal(doc.uri.scheme, 'llm-compare-explain');
      // The document re-reads its content asynchronously after the provider's change event.
      await waitFor('the document to show the answer', () => /It adds two numbers/.test(doc.getText()));
      assert.equal(hf.requests.filter((r) => r.kind === 'chat').length, 1);
      assert.deepEqual(ui.shown.filter((m) => m.level === 'error'), []);
    } finally {
      ui.restore();
    }
  });

  // Opening a 5 MB document is slow on a loaded machine: the behaviour, not the speed, is under test.
  test('a 5 MB selection is cut to what the models can take, with a visible warning; binary and blank ones are refused', async () => {
    const api = await extensionApi();
    const ui = stubUi(api);
    const received: PanelRunRequest[] = [];
    api.setPanelOverride({ reveal: async () => undefined, run: async (r) => void received.push(r) });
    try {
      const line = 'const value = compute(1, 2, 3); // a line of generated code\n';
      const big = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
      const editor = await openDoc('javascript', big);
      editor.selection = new vscode.Selection(0, 0, editor.document.lineCount - 1, 0);
      const out = await vscode.commands.executeCommand<ExplainOutcome>(Commands.explainSelection);
      assert.equal(out.via, 'panel');
      const sent = JSON.stringify(received[0].messages);
      assert.ok(sent.length < 100_000, `sent ${sent.length} characters`);
      assert.ok(ui.shown.some((m) => m.level === 'warning' && /only the first [\d,]+ were sent/.test(m.text)), JSON.stringify(ui.shown));

      const binary = await openDoc('plaintext', 'PNG\u0000\u0000\u0001IHDR\u0000\u0000' + '\ufffd'.repeat(40));
      binary.selection = new vscode.Selection(0, 0, 0, binary.document.lineAt(0).text.length);
      const refused = await vscode.commands.executeCommand<ExplainOutcome>(Commands.explainSelection);
      assert.equal(refused.via, 'none');
      assert.ok(ui.shown.some((m) => /binary data/.test(m.text)));

      const blank = await openDoc('plaintext', '   \n\t\n');
      blank.selection = new vscode.Selection(0, 0, 1, 1);
      assert.equal((await vscode.commands.executeCommand<ExplainOutcome>(Commands.explainSelection)).via, 'none');
      assert.equal(received.length, 1, 'only the big selection was sent');
    } finally {
      ui.restore();
    }
  }).timeout(90_000);
});
