/** "Generate code" against the Ollama simulator: streamed code lands at the cursor, undo, cancel. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/vscode/ids';
import type { GenerateOutcome } from '../../src/vscode/generate/command';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { configure, extensionApi, openDoc, resetSettings, stubUi, waitFor } from './helpers';

const ANSWER = 'Here is the function:\n```python\ndef add(a, b):\n    return a + b\n```\nIt adds two numbers.';

suite('Generate code', () => {
  let sim: OllamaSim;

  suiteSetup(async () => {
    sim = await startOllamaSim({ models: [{ name: 'codellama:7b', reply: ANSWER, paceMs: 5 }] });
    await configure({
      models: [{ id: 'local-sim', label: 'CodeLlama (sim)', provider: 'ollama', model: 'codellama:7b' }],
      defaultModel: 'local-sim',
      'ollama.host': sim.url,
    });
  });
  suiteTeardown(async () => {
    await resetSettings();
    await sim.close();
  });
  setup(() => sim.reset());

  test('streams only the code into the editor at the cursor, and one undo removes it', async () => {
    const api = await extensionApi();
    const ui = stubUi(api);
    const original = '# top\n\n# bottom\n';
    const editor = await openDoc('python', original);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    try {
      const out = await vscode.commands.executeCommand<GenerateOutcome>(Commands.generateCode, { description: 'add two numbers' });
      assert.equal(out.status, 'inserted');
      assert.equal(out.code, 'def add(a, b):\n    return a + b');
      assert.equal(editor.document.getText(), '# top\ndef add(a, b):\n    return a + b\n# bottom\n');
      assert.equal(out.answer, ANSWER, 'the full answer is kept');
      const sent = JSON.stringify(sim.requests.find((r) => r.path === '/api/chat')?.body);
      assert.match(sent, /python/);
      assert.match(sent, /# top/);
      assert.match(sent, /add two numbers/);

      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), original);
    } finally {
      ui.restore();
    }
  });

  test('replaces the selection', async () => {
    const api = await extensionApi();
    const ui = stubUi(api);
    const editor = await openDoc('python', 'x = 1\nOLD\ny = 2\n');
    editor.selection = new vscode.Selection(1, 0, 1, 3);
    try {
      await vscode.commands.executeCommand<GenerateOutcome>(Commands.generateCode, { description: 'rewrite' });
      assert.equal(editor.document.getText(), 'x = 1\ndef add(a, b):\n    return a + b\ny = 2\n');
    } finally {
      ui.restore();
    }
  });

  test('asks for a description (remembering it) when none is given', async () => {
    const api = await extensionApi();
    const asked: string[] = [];
    const ui = stubUi(api, {
      pick: async (items) => items[0],
      input: async (o) => {
        asked.push(o.title ?? '');
        return 'a remembered description';
      },
    });
    await openDoc('python', '\n');
    try {
      const out = await vscode.commands.executeCommand<GenerateOutcome>(Commands.generateCode);
      assert.equal(out.status, 'inserted');
      assert.match(asked[0], /CodeLlama \(sim\)/);
      ui.restore();
      let recents: readonly vscode.QuickPickItem[] = [];
      const again = stubUi(api, { pick: async (items) => ((recents = items), items.find((i) => i.label === 'a remembered description')) });
      await vscode.commands.executeCommand<GenerateOutcome>(Commands.generateCode);
      again.restore();
      assert.ok(recents.some((i) => i.label === 'a remembered description'));
    } finally {
      ui.restore();
    }
  });

  test('Stop generating closes the server stream and keeps what arrived', async () => {
    const api = await extensionApi();
    const ui = stubUi(api);
    const long = '```python\n' + Array.from({ length: 200 }, (_, i) => `x${i} = ${i}`).join('\n') + '\n```';
    sim.setScript({ models: [{ name: 'codellama:7b', reply: long, paceMs: 30 }] });
    const editor = await openDoc('python', '');
    try {
      const pending = vscode.commands.executeCommand<GenerateOutcome>(Commands.generateCode, { description: 'many lines' });
      const stream = await sim.waitForStream(0, 5000);
      await waitFor('some code in the editor', () => editor.document.getText().includes('x3 = 3'));
      assert.equal(await vscode.commands.executeCommand(Commands.stopGeneration), 1);
      const out = await pending;
      await stream.ended;
      assert.equal(out.status, 'cancelled');
      assert.equal(stream.clientClosed, true, 'the server saw the connection close');
      assert.equal(stream.completed, false);
      assert.ok(stream.chunksWritten < stream.plannedChunks);
      assert.ok(editor.document.getText().startsWith('x0 = 0\nx1 = 1'));
      assert.ok(ui.shown.some((m) => /cancelled/i.test(m.text)));
    } finally {
      sim.setScript({ models: [{ name: 'codellama:7b', reply: ANSWER, paceMs: 5 }] });
      ui.restore();
    }
  });

  suite('code with invisible characters (bidi overrides)', () => {
    const RLO = '\u202e';
    const lines = Array.from({ length: 12 }, (_, i) => `v${i} = ${i}`).join('\n');
    const TROJAN = `Here:\n\`\`\`python\n${lines}\naccess = "user${RLO} # admin"\n\`\`\`\n`;

    test('asks before inserting; refused, the editor is left as it was (selection back)', async () => {
      const api = await extensionApi();
      const ui = stubUi(api);
      sim.setScript({ models: [{ name: 'codellama:7b', reply: TROJAN, paceMs: 5 }] });
      const editor = await openDoc('python', 'x = 1\nOLD\ny = 2\n');
      editor.selection = new vscode.Selection(1, 0, 1, 3);
      try {
        const out = await vscode.commands.executeCommand<GenerateOutcome>(Commands.generateCode, { description: 'check access' });
        assert.equal(ui.confirms.length, 1, 'asked once');
        assert.equal(ui.confirms[0].action, 'Insert anyway');
        assert.match(ui.confirms[0].text, /1 invisible character \(U\+202E RIGHT-TO-LEFT OVERRIDE\)/);
        assert.match(ui.confirms[0].detail, /line 13: access = "user⟦U\+202E RLO⟧ # admin"/);
        assert.equal(out.status, 'dismissed');
        assert.equal(editor.document.getText(), 'x = 1\nOLD\ny = 2\n');
        assert.ok(ui.shown.some((m) => /Not inserted: .* invisible characters/.test(m.text)));
      } finally {
        sim.setScript({ models: [{ name: 'codellama:7b', reply: ANSWER, paceMs: 5 }] });
        ui.restore();
      }
    });

    test('"Insert anyway" inserts the code as it was written', async () => {
      const api = await extensionApi();
      const ui = stubUi(api, { confirm: async () => true });
      sim.setScript({ models: [{ name: 'codellama:7b', reply: TROJAN, paceMs: 5 }] });
      const editor = await openDoc('python', '');
      try {
        const out = await vscode.commands.executeCommand<GenerateOutcome>(Commands.generateCode, { description: 'check access' });
        assert.equal(out.status, 'inserted');
        assert.equal(editor.document.getText(), `${lines}\naccess = "user${RLO} # admin"`);
      } finally {
        sim.setScript({ models: [{ name: 'codellama:7b', reply: ANSWER, paceMs: 5 }] });
        ui.restore();
      }
    });
  });
});
