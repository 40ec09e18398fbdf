/** The extension as VS Code sees it: activation, commands vs package.json, settings validation, the API key. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConfigError } from '../../src/core/providers/errors';
import { Commands, SECRET_HF_KEY } from '../../src/vscode/ids';
import { configure, extensionApi, EXTENSION_ID, stubUi, waitFor } from './helpers';

interface Contributed {
  contributes?: { commands?: Array<{ command: string }>; views?: Record<string, Array<{ id: string }>> };
}

suite('Extension in VS Code', () => {

  test('activates and returns its services', async () => {
    const api = await extensionApi();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(api.services.getSettings().defaultModel, 'online-qwen');
  });

  test('every contributed command is registered, and every registered llmCompare command is contributed', async () => {
    await extensionApi();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Contributed;
    const contributed = new Set((pkg.contributes?.commands ?? []).map((c) => c.command));
    // VS Code itself registers `<viewId>.focus`, `.open`, … for every contributed view: not ours to contribute.
    const viewIds = Object.values(pkg.contributes?.views ?? {}).flat().map((v) => `${v.id}.`);
    const registered = new Set(
      (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('llmCompare.') && !viewIds.some((v) => c.startsWith(v))),
    );
    assert.deepEqual([...contributed].filter((c) => !registered.has(c)), [], 'contributed but not registered');
    assert.deepEqual([...registered].filter((c) => !contributed.has(c)), [], 'registered but not contributed');
    for (const id of Object.values(Commands)) assert.ok(contributed.has(id), `${id} (ids.ts) is not in package.json`);
  });

  test('a bad setting gets one error naming it, with Open Settings', async () => {
    const api = await extensionApi();
    const ui = stubUi(api);
    try {
      await configure({ requestTimeoutMs: 5 });
      await waitFor('the settings error', () => ui.shown.some((m) => m.level === 'error'));
      const errors = ui.shown.filter((m) => m.level === 'error');
      assert.equal(errors.length, 1);
      assert.match(errors[0].text, /llmCompare\.requestTimeoutMs/);
      assert.deepEqual(errors[0].actions, ['Open Settings']);
      assert.throws(() => api.services.getSettings(), (e: unknown) => e instanceof Error && e.name === new ConfigError('x').name && /llmCompare\.requestTimeoutMs/.test(e.message));
    } finally {
      ui.restore();
      await configure({ requestTimeoutMs: undefined });
    }
  });

  test('the API key goes to secret storage only, and Clear removes it', async () => {
    const api = await extensionApi();
    const key = 'hf_IntegrationTestKey0123456789';
    const ui = stubUi(api, { input: async (o) => (o.validateInput && (await o.validateInput('')) ? key : undefined) });
    try {
      assert.equal(await vscode.commands.executeCommand(Commands.setApiKey), true);
      assert.equal(await api.services.context.secrets.get(SECRET_HF_KEY), key);
      // User settings live two levels above the extension's global storage folder (…/User/globalStorage/<id>).
      const settingsFile = path.join(api.services.context.globalStorageUri.fsPath, '..', '..', 'settings.json');
      const settingsText = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : '';
      assert.ok(!settingsText.includes(key), 'the key leaked into settings.json');
      assert.equal(await vscode.commands.executeCommand(Commands.clearApiKey), true);
      assert.equal(await api.services.context.secrets.get(SECRET_HF_KEY), undefined);
    } finally {
      ui.restore();
    }
  });
});
