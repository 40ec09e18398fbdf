/**
 * The Models view inside the real extension host: states from real servers, "Add model…" step by step (Back
 * included) writing the entry and keeping the key in SecretStorage only, per-model keys, the 401 fix, and edits.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runFixAction } from '../../src/vscode/errors';
import { ModelsCommands, modelKeySecret } from '../../src/vscode/models/ids';
import type { TestOutcome } from '../../src/core/compare/quick-test';
import type { AddedModel } from '../../src/vscode/models/add-flow';
import { BACK } from '../../src/vscode/models/steps';
import type { Ui } from '../../src/vscode/ui';
import { startHfSim, type HfSim } from '../support/hf-sim';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { deadPort } from '../support/ollama-sim-kit';
import { configure, extensionApi, resetSettings, stubUi, waitFor } from './helpers';

const KEY = 'sk-IntegrationModelKey0123456789';

suite('Models view', () => {
  let ollama: OllamaSim;
  let openai: HfSim;
  let dead: string;

  suiteSetup(async () => {
    ollama = await startOllamaSim({ models: [{ name: 'codellama:7b' }] });
    openai = await startHfSim({ requireToken: KEY, openaiModels: ['tiny-coder', 'other-coder'] });
    dead = `http://127.0.0.1:${await deadPort()}`;
    await configure({
      'ollama.host': ollama.url,
      defaultModel: 'here',
      models: [
        { id: 'here', label: 'Here', provider: 'ollama', model: 'codellama:7b' },
        { id: 'missing', label: 'Missing', provider: 'ollama', model: 'llama3:8b' },
        { id: 'gone', label: 'Gone', provider: 'ollama', model: 'codellama:7b', endpoint: dead },
        { id: 'keyed', label: 'Keyed', provider: 'openai', model: 'tiny-coder', endpoint: `${openai.url}/v1` },
      ],
    });
  });
  suiteTeardown(async () => {
    const api = await extensionApi();
    for (const id of ['keyed', 'openai-tiny-coder']) await api.modelKeys.clear(id);
    await resetSettings();
    await ollama.close();
    await openai.close();
  });

  test('each model gets its state from its own server', async () => {
    const api = await extensionApi();
    await api.models.refresh();
    const kinds = Object.fromEntries(api.models.slots().map((s) => [s.id, api.models.stateOf(s.id).kind]));
    assert.deepEqual(kinds, { here: 'ready', missing: 'missing', gone: 'unreachable', keyed: 'key-missing' });
  });

  test('a per-model key is stored in SecretStorage under its slot id, and the view then sees the model ready', async () => {
    const api = await extensionApi();
    const ui = stubUi(api, { input: async (o) => ((o.title ?? '').includes('Set API key for Keyed') ? KEY : undefined) });
    try {
      assert.equal(await vscode.commands.executeCommand(ModelsCommands.setKey, 'keyed'), true);
      assert.equal(await api.services.context.secrets.get(modelKeySecret('keyed')), KEY);
      await waitFor('the keyed model to be ready', async () => (await api.models.refresh(), api.models.stateOf('keyed').kind === 'ready'));
      assert.equal(openai.requests.at(-1)?.headers.authorization, `Bearer ${KEY}`);
      // Its key never goes to the other servers.
      assert.ok(ollama.requests.every((r) => r.headers.authorization === undefined));
      assert.equal(await vscode.commands.executeCommand(ModelsCommands.clearKey, 'keyed'), true);
      assert.equal(await api.services.context.secrets.get(modelKeySecret('keyed')), undefined);
    } finally {
      ui.restore();
    }
  });

  test('the 401 fix of an openai column asks for THAT model’s key', async () => {
    const api = await extensionApi();
    const titles: string[] = [];
    const ui = stubUi(api, { input: async (o) => (titles.push(o.title ?? ''), KEY) });
    try {
      runFixAction('set-api-key', 'rejected', 'keyed');
      await waitFor('the key to be stored', async () => (await api.services.context.secrets.get(modelKeySecret('keyed'))) === KEY);
      assert.deepEqual(titles, ['Set API key for Keyed']);
    } finally {
      ui.restore();
      await api.modelKeys.clear('keyed');
    }
  });

  test('"Add model…" step by step, with Back, writes the entry and keeps the key out of settings', async () => {
    const api = await extensionApi();
    const seen: string[] = [];
    let backedOnce = false;
    const answers: Partial<Ui> = {
      pickStep: async (o) => {
        seen.push(`pick ${o.step}/${o.totalSteps}`);
        const items = await o.items;
        if (o.title === 'Add model') return items.find((i) => i.label.includes('OpenAI-compatible'));
        if (o.title.endsWith('model')) {
          if (!backedOnce) return (backedOnce = true), BACK;
          return items.find((i) => i.label === 'tiny-coder');
        }
        if (o.title.endsWith('save in')) return items.find((i) => i.label === 'User settings');
        return undefined;
      },
      inputStep: async (o) => {
        seen.push(`input ${o.step}/${o.totalSteps}`);
        if (o.title.endsWith('OpenAI-compatible server')) {
          const check = await o.validate?.(`${openai.url}/v1`);
          assert.match(typeof check === 'object' ? check.message : String(check), /wants a key/);
          return `${openai.url}/v1`;
        }
        if (o.title.endsWith('API key')) {
          const wrong = await o.validate?.('sk-wrong');
          assert.match(typeof wrong === 'object' ? wrong.message : String(wrong), /rejected the key/);
          return KEY;
        }
        if (o.title.endsWith('label')) return 'Tiny';
        return undefined;
      },
    };
    const ui = stubUi(api, answers);
    try {
      const added = await vscode.commands.executeCommand<AddedModel>(ModelsCommands.addModel);
      assert.deepEqual(added.entry, { id: 'openai-tiny-coder', label: 'Tiny', provider: 'openai', model: 'tiny-coder', endpoint: `${openai.url}/v1` });
      assert.equal(added.storedKey, 'own');
      // Back from the model list went to the key step, then forward again.
      assert.deepEqual(seen, [
        'pick 1/6', 'input 2/6', 'input 3/6', 'pick 4/6', 'input 3/6', 'pick 4/6', 'input 5/6', 'pick 6/6',
      ]);
      const models = vscode.workspace.getConfiguration('llmCompare').get<Array<{ id: string }>>('models') ?? [];
      assert.equal(models.at(-1)?.id, 'openai-tiny-coder');
      assert.equal(await api.services.context.secrets.get(modelKeySecret('openai-tiny-coder')), KEY);
      const settingsFile = path.join(api.services.context.globalStorageUri.fsPath, '..', '..', 'settings.json');
      assert.ok(!fs.readFileSync(settingsFile, 'utf8').includes(KEY), 'the key leaked into settings.json');
    } finally {
      ui.restore();
    }
  });

  test('"Test" sends one short request and reports the first-token time on this machine\'s clock', async () => {
    const api = await extensionApi();
    const ui = stubUi(api);
    try {
      const before = ollama.requests.filter((r) => r.path === '/api/chat').length;
      const out = await vscode.commands.executeCommand<TestOutcome>(ModelsCommands.test, 'here');
      assert.ok(out?.ok, 'the test failed');
      assert.equal(typeof out.firstTokenMs, 'number');
      assert.ok(out.totalMs >= (out.firstTokenMs ?? 0));
      assert.equal(ollama.requests.filter((r) => r.path === '/api/chat').length, before + 1, 'exactly one request');
      await waitFor('the result message', () => ui.shown.some((m) => m.level === 'info' && /Here: first token after \d+ ms/.test(m.text)));
      // A model that cannot answer: the typed error with its fix, not a crash.
      const failed = await vscode.commands.executeCommand<TestOutcome>(ModelsCommands.test, 'gone');
      assert.ok(failed && !failed.ok);
      assert.equal(failed.error.kind, 'connection-refused');
    } finally {
      ui.restore();
    }
  });

  test('Move, Set as default and Remove rewrite the settings list', async () => {
    const api = await extensionApi();
    const ids = () => (vscode.workspace.getConfiguration('llmCompare').get<Array<{ id: string }>>('models') ?? []).map((m) => m.id);
    await vscode.commands.executeCommand(ModelsCommands.moveUp, 'keyed');
    assert.deepEqual(ids().slice(0, 4), ['here', 'missing', 'keyed', 'gone']);
    await vscode.commands.executeCommand(ModelsCommands.setDefault, 'keyed');
    assert.equal(vscode.workspace.getConfiguration('llmCompare').get('defaultModel'), 'keyed');
    const ui = stubUi(api, { confirm: async (text, _detail, action) => text.startsWith('Remove Keyed') && action === 'Remove' });
    try {
      assert.equal(await vscode.commands.executeCommand(ModelsCommands.remove, 'keyed'), true);
    } finally {
      ui.restore();
    }
    assert.ok(!ids().includes('keyed'));
    // The default moved on to a model that still exists.
    assert.equal(vscode.workspace.getConfiguration('llmCompare').get('defaultModel'), 'here');
  });

  test('a broken entry is shown with its reason while the others keep their state', async () => {
    const api = await extensionApi();
    const models = vscode.workspace.getConfiguration('llmCompare').get<unknown[]>('models') ?? [];
    await configure({ models: [...models, { id: 'typo', provider: 'olama', model: 'x' }] });
    await waitFor('the broken entry', () => api.models.entries.checks.some((c) => !c.ok));
    const broken = api.models.entries.checks.find((c) => !c.ok);
    assert.match(broken && !broken.ok ? broken.problem : '', /llmCompare\.models\[\d\]\.provider/);
    await api.models.refresh();
    assert.equal(api.models.stateOf('here').kind, 'ready');
  });
});
