/**
 * Phase "models": the Models view in the real workbench against simulators in every state a model can be in
 * (two Ollama machines, a dead port, a server that never answers, an OpenAI-compatible server that wants a key),
 * the add flow by keyboard, per-model keys, Remove / Move / Set as default seen in the panel and in Generate, and
 * hand edits of settings.json. Screenshots: `models-NN-<name>.png`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startHfSim, type HfSim } from '../support/hf-sim';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { deadPort } from '../support/ollama-sim-kit';
import { launchChromium, newWorkbenchPage, numberedShots, workbenchUrl } from './browser';
import { startCodeServer } from './code-server';
import { ANSWER, openSideBarDark, ask, column, runCommand, runScenarios, sideView, tabView, useTheme, waitAllDone, type PanelCtx } from './panel-kit';
import type { UiStep } from './ui';

/** The OpenAI-compatible server's key, and a wrong one; neither may reach any settings or log file. */
export const MODELS_KEYS = ['sk-E2eModelsServerKey0123456789', 'sk-E2eModelsWrongKey0123456789'];
const [GOOD_KEY, WRONG_KEY] = MODELS_KEYS;
const QUICK_INPUT = '.quick-input-widget .quick-input-box input';

interface Servers {
  a: OllamaSim;
  b: OllamaSim;
  openai: HfSim;
  online: HfSim;
  dead: string;
  silent: { url: string; close(): Promise<void> };
}

/** Accepts connections and never answers: a model that stays "checking…" until the check gives up. */
async function silentServer(): Promise<Servers['silent']> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { sockets.forEach((s) => s.destroy()); server.close(() => r()); }) };
}

function initialModels(s: Servers): unknown[] {
  return [
    { id: 'laptop', label: 'Laptop', provider: 'ollama', model: 'codellama:7b' },
    { id: 'workstation', label: 'Workstation', provider: 'ollama', model: 'codellama:7b', endpoint: s.b.url },
    { id: 'to-pull', label: 'To pull', provider: 'ollama', model: 'qwen2.5-coder:3b' },
    { id: 'down', label: 'Down', provider: 'ollama', model: 'codellama:7b', endpoint: s.dead },
    { id: 'nokey', label: 'No key', provider: 'openai', model: 'tiny-coder', endpoint: `${s.openai.url}/v1` },
    { id: 'badkey', label: 'Bad key', provider: 'openai', model: 'tiny-coder', endpoint: `${s.openai.url}/v1` },
    { id: 'slow', label: 'Slow', provider: 'openai', model: 'any', endpoint: `${s.silent.url}/v1` },
    { id: 'online', label: 'Online', provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct' },
  ];
}

interface ModelsCtx extends PanelCtx {
  servers: Servers;
  settingsFile: string;
}

/** The Models view's pane in the LLM Compare side bar. */
function modelsPane(page: Page) {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Models/ }) });
}

/** A model's row; its aria-label is "<label>, <model>, <state words>[, default model]". */
function row(page: Page, label: string) {
  return modelsPane(page).locator(`.monaco-list-row[aria-label^="${label}, "]`);
}

async function waitState(page: Page, label: string, words: string, timeout = 20_000): Promise<void> {
  await modelsPane(page).locator(`.monaco-list-row[aria-label^="${label}, "][aria-label*=", ${words}"]`).waitFor({ timeout });
}

async function contextAction(page: Page, label: string, action: string): Promise<void> {
  // A person does not right-click within a few milliseconds of the previous change redrawing the tree, nor through
  // the tooltip of the row the mouse rested on.
  await page.mouse.move(800, 500);
  await page.locator('.monaco-hover:visible').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  await page.waitForTimeout(300);
  await row(page, label).click({ button: 'right' });
  const item = page.locator('.context-view .monaco-menu .action-item', { hasText: new RegExp(`^${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
  await item.waitFor({ timeout: 5000 });
  // Hover, then Enter: a click can land while the menu is still animating in and be lost.
  await item.hover();
  await page.keyboard.press('Enter');
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
}

/** The user settings as VS Code last wrote them (a read can meet a write half done: that counts as "not yet"). */
function readUserSettings(ctx: ModelsCtx): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(ctx.settingsFile, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function modelIds(ctx: ModelsCtx): string[] {
  return ((readUserSettings(ctx)['llmCompare.models'] ?? []) as Array<{ id: string }>).map((m) => m.id);
}

async function waitForSettings(ctx: ModelsCtx, what: string, ok: (s: Record<string, unknown>) => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!ok(readUserSettings(ctx))) {
    if (Date.now() > end) throw new Error(`settings.json never got ${what}`);
    await ctx.page.waitForTimeout(100);
  }
}

/** Types into the open quick input, as keys (the locator gives it the focus first). */
async function typeIn(page: Page, text: string): Promise<void> {
  const input = page.locator(QUICK_INPUT);
  await input.waitFor({ state: 'visible' });
  await input.pressSequentially(text, { delay: 5 });
}

async function press(page: Page, key: string): Promise<void> {
  await page.locator(QUICK_INPUT).press(key);
}

async function quickInputMessage(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-message', { hasText: text }).waitFor({ timeout: 10_000 });
}

async function opensWithEveryState(ctx: ModelsCtx): Promise<void> {
  const { page } = ctx;
  await openSideBarDark(page);
  await modelsPane(page).waitFor({ timeout: 30_000 });
  // Each check takes milliseconds, but the silent server holds "Slow" in "checking…" for 8 s: every state at once.
  await waitState(page, 'Slow', 'checking…', 15_000);
  await Promise.all([
    waitState(page, 'Laptop', 'ready'),
    waitState(page, 'Workstation', 'ready'),
    waitState(page, 'To pull', 'not installed'),
    waitState(page, 'Down', 'not reachable'),
    waitState(page, 'No key', 'key missing'),
    waitState(page, 'Bad key', 'key missing'),
    waitState(page, 'Online', 'ready'),
  ]);
  // Grouped by provider and host: the two Ollama machines are two groups.
  const groups = modelsPane(page).locator('.monaco-list-row[aria-level="1"]');
  const groupText = (await groups.allInnerTexts()).join(' | ');
  for (const host of [hostPort(ctx.servers.a.url), hostPort(ctx.servers.b.url), hostPort(ctx.servers.dead), hostPort(ctx.servers.openai.url)]) {
    assert.ok(groupText.includes(host), `no group for ${host}: ${groupText}`);
  }
  await row(page, 'Down').hover();
  await page.locator('.monaco-hover', { hasText: 'connection refused' }).waitFor({ timeout: 10_000 });
  await ctx.shot('view-dark-every-state');
  await page.mouse.move(800, 500);
  await useTheme(page, 'light');
  await page.waitForTimeout(300);
  await ctx.shot('view-light-states');
  await useTheme(page, 'dark');
  await waitState(page, 'Slow', 'not reachable', 15_000);
}

function hostPort(url: string): string {
  return new URL(url).host;
}

async function setKeysFromTheView(ctx: ModelsCtx): Promise<void> {
  const { page } = ctx;
  // A wrong key on "Bad key": the server rejects it, and the view says so.
  await contextAction(page, 'Bad key', 'Set API key for model…');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Set API key for Bad key' }).waitFor();
  await typeIn(page, WRONG_KEY);
  await press(page, 'Enter');
  await waitState(page, 'Bad key', 'key rejected');
  // The right key on "No key" through its inline key button: ready.
  await row(page, 'No key').hover();
  await row(page, 'No key').locator('.action-label[aria-label="Set API key for model…"]').click();
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Set API key for No key' }).waitFor();
  await typeIn(page, GOOD_KEY);
  await press(page, 'Enter');
  await waitState(page, 'No key', 'ready');
  const text = readFileSync(ctx.settingsFile, 'utf8');
  assert.ok(!MODELS_KEYS.some((k) => text.includes(k)), 'a key reached settings.json');
  await ctx.shot('keys-set');
}

async function pullFromTheView(ctx: ModelsCtx): Promise<void> {
  const { page } = ctx;
  await row(page, 'To pull').hover();
  await row(page, 'To pull').locator('.action-label[aria-label="Pull model"]').click();
  await page.locator('.notifications-toasts .notification-toast', { hasText: 'Pulling qwen2.5-coder:3b' }).waitFor({ timeout: 10_000 });
  await waitState(page, 'To pull', 'ready', 30_000);
}

async function addModelByKeyboard(ctx: ModelsCtx): Promise<void> {
  const { page } = ctx;
  const base = `${ctx.servers.openai.url}/v1`;
  await runCommand(page, 'LLM Compare: Add model…');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Add model' }).waitFor();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'OpenAI-compatible server' }).waitFor();
  await typeIn(page, 'OpenAI');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'OpenAI-compatible server' }).waitFor();
  await press(page, 'Enter');
  // Endpoint, checked live: this server wants a key.
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'OpenAI-compatible server' }).waitFor();
  await press(page, 'Control+A');
  await typeIn(page, base);
  await quickInputMessage(page, 'wants a key');
  await ctx.shot('add-endpoint-checked');
  await press(page, 'Enter');
  // Key: the server wants one; a wrong one is flagged as typed, the right one accepted.
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'API key' }).waitFor();
  await quickInputMessage(page, 'refuses requests without a key');
  await typeIn(page, WRONG_KEY);
  await quickInputMessage(page, 'rejected the key');
  await press(page, 'Control+A');
  await typeIn(page, GOOD_KEY);
  await quickInputMessage(page, 'Key accepted');
  await press(page, 'Enter');
  // The server's own list, read with that key.
  const listed = page.locator('.quick-input-list .monaco-list-row', { hasText: 'tiny-coder' }).first();
  await listed.waitFor({ timeout: 10_000 });
  await ctx.shot('add-model-list');
  // Back (keyboard) to the key step, then forward again: the answers are kept.
  await press(page, 'Control+Alt+Minus');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'API key' }).waitFor();
  await quickInputMessage(page, 'Key accepted');
  await press(page, 'Enter');
  await listed.waitFor({ timeout: 10_000 });
  await typeIn(page, 'tiny-coder');
  await press(page, 'Enter');
  // Label, prefilled.
  const label = page.locator(QUICK_INPUT);
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'label' }).waitFor();
  assert.equal(await label.inputValue(), `tiny-coder (${hostPort(ctx.servers.openai.url)})`);
  await press(page, 'Control+A');
  await typeIn(page, 'Tiny (added)');
  await press(page, 'Enter');
  // User or workspace settings.
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'save in' }).waitFor();
  await typeIn(page, 'User');
  await press(page, 'Enter');
  await waitForSettings(ctx, 'the new entry', (s) => ((s['llmCompare.models'] ?? []) as unknown[]).length === 9);
  const entry = (readUserSettings(ctx)['llmCompare.models'] as Array<Record<string, unknown>>).at(-1);
  assert.deepEqual(entry, { id: 'openai-tiny-coder', label: 'Tiny (added)', provider: 'openai', model: 'tiny-coder', endpoint: base });
  assert.ok(!MODELS_KEYS.some((k) => readFileSync(ctx.settingsFile, 'utf8').includes(k)), 'the key reached settings.json');
  await waitState(page, 'Tiny (added)', 'ready');
  await ctx.shot('added');
}

/** The columns the side bar's comparison shows, in order (before or after a run). */
async function columnIds(ctx: ModelsCtx): Promise<string[]> {
  return sideView(ctx.page).locator('.column').evaluateAll((els) => els.map((e) => e.getAttribute('data-column') ?? ''));
}

async function editsReachThePanelAndGenerate(ctx: ModelsCtx): Promise<void> {
  const { page } = ctx;
  // Remove the two that cannot answer.
  for (const label of ['Down', 'Slow']) {
    await contextAction(page, label, 'Remove model');
    const dialog = page.locator('.monaco-dialog-box', { hasText: `Remove ${label}` });
    await dialog.waitFor({ timeout: 10_000 });
    if (label === 'Down') await ctx.shot('remove-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Remove$/ }).first().click();
    await row(page, label).waitFor({ state: 'detached', timeout: 10_000 });
  }
  // The added model up one place, "Workstation" down one.
  await contextAction(page, 'Tiny (added)', 'Move model up');
  await contextAction(page, 'Workstation', 'Move model down');
  const expected = ['laptop', 'to-pull', 'workstation', 'nokey', 'badkey', 'openai-tiny-coder', 'online'];
  await waitForSettings(ctx, 'the new order', () => modelIds(ctx).join() === expected.join());
  // The panel's columns follow, in the same order, each with its host.
  const view = sideView(page);
  await view.locator('textarea#prompt').waitFor({ timeout: 30_000 });
  await ask(view, 'Write add(a, b)');
  await waitAllDone(view, expected.length, 60_000);
  assert.deepEqual(await columnIds(ctx), expected);
  assert.equal(await column(view, 'laptop').locator('.host').textContent(), hostPort(ctx.servers.a.url));
  assert.equal(await column(view, 'workstation').locator('.host').textContent(), hostPort(ctx.servers.b.url));
  // The editor tab shows the columns side by side: a column per endpoint, each with its host.
  await runCommand(page, 'LLM Compare: Open comparison in editor tab');
  const tab = tabView(page);
  await tab.locator('.column').nth(expected.length - 1).waitFor({ timeout: 20_000 });
  assert.deepEqual(await tab.locator('.column').evaluateAll((els) => els.map((e) => e.getAttribute('data-column') ?? '')), expected);
  assert.equal(await column(tab, 'workstation').locator('.host').textContent(), hostPort(ctx.servers.b.url));
  // "Bad key" failed with 401: its fix button sets THAT model's key, and Retry then answers.
  const fix = column(tab, 'badkey').locator('button[data-fix="set-api-key"]');
  await fix.waitFor({ timeout: 10_000 });
  await ctx.shot('panel-tab-hosts-and-401');
  await fix.click();
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Set API key for Bad key' }).waitFor({ timeout: 10_000 });
  await typeIn(page, GOOD_KEY);
  await press(page, 'Enter');
  await waitState(page, 'Bad key', 'ready');
  await column(tab, 'badkey').locator('button[data-action="retry"]').click();
  await column(tab, 'badkey', 'done').waitFor({ timeout: 20_000 });
  await runCommand(page, 'View: Close Editor');
  // Set "Workstation" as the default: Generate code goes to the second machine.
  await contextAction(page, 'Workstation', 'Set as default model');
  await waitForSettings(ctx, 'the default', (s) => s['llmCompare.defaultModel'] === 'workstation');
  await modelsPane(page).locator('.monaco-list-row[aria-label^="Workstation, "][aria-label$="default model"]').waitFor({ timeout: 10_000 });
  const before = ctx.servers.b.requests.filter((r) => r.path === '/api/chat').length;
  const beforeA = ctx.servers.a.requests.filter((r) => r.path === '/api/chat').length;
  await page.keyboard.press('Control+N');
  await page.locator('.editor-group-container.active .monaco-editor').first().waitFor();
  await runCommand(page, 'LLM Compare: Generate code');
  await page.locator('.quick-input-widget', { hasText: 'Describe the code' }).waitFor();
  await page.keyboard.type('add two numbers');
  await page.keyboard.press('Enter');
  await page.locator('.editor-group-container.active .view-lines', { hasText: 'def add' }).waitFor({ timeout: 20_000 });
  assert.equal(ctx.servers.b.requests.filter((r) => r.path === '/api/chat').length, before + 1, 'Generate did not go to the workstation');
  assert.equal(ctx.servers.a.requests.filter((r) => r.path === '/api/chat').length, beforeA, 'Generate went to the laptop');
  await ctx.shot('generate-default');
  await runCommand(page, 'View: Revert and Close Editor');
}

/** Replaces the whole text of the active editor (as a paste would: no auto-closing brackets) and saves it. */
async function replaceEditorText(page: Page, text: string): Promise<void> {
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Control+S');
}

async function handEditsAreFollowed(ctx: ModelsCtx): Promise<void> {
  const { page } = ctx;
  // A hand edit of settings.json in the editor: a renamed model and a broken entry (a typo in the provider).
  await runCommand(page, 'LLM Compare: Open models in settings.json');
  await page.locator('.tab.active', { hasText: 'settings.json' }).waitFor({ timeout: 10_000 });
  const s = readUserSettings(ctx);
  const models = s['llmCompare.models'] as Array<Record<string, unknown>>;
  models[0] = { ...models[0], label: 'Laptop (renamed by hand)' };
  models.push({ id: 'typo', label: 'Typo', provider: 'olama', model: 'codellama:7b' });
  const text = JSON.stringify({ ...s, 'llmCompare.models': models }, null, 2);
  await replaceEditorText(page, text);
  await row(page, 'Laptop (renamed by hand)').waitFor({ timeout: 20_000 });
  const broken = modelsPane(page).locator('.monaco-list-row[aria-label^="Typo, broken entry"]');
  await broken.waitFor({ timeout: 10_000 });
  await ctx.shot('broken-entry');
  // "Open settings.json" at the right line: the cursor lands on the broken entry (from another editor first).
  await page.keyboard.press('Control+N');
  await broken.click();
  await page.locator('.tab.active', { hasText: 'settings.json' }).waitFor({ timeout: 10_000 });
  const line = text.split('\n').findIndex((l) => l.includes('"id": "typo"')) + 1;
  // The entry's opening brace is the line above its "id".
  await page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line - 1},`) }).waitFor({ timeout: 10_000 });
  await ctx.shot('broken-entry-opened');
  // Fixed by hand: the view follows again.
  models[models.length - 1] = { ...models[models.length - 1], provider: 'ollama' };
  await replaceEditorText(page, JSON.stringify({ ...s, 'llmCompare.models': models }, null, 2));
  await waitState(page, 'Typo', 'ready', 20_000);
  JSON.parse(readFileSync(ctx.settingsFile, 'utf8')); // the edit left a valid file behind
  await runCommand(page, 'View: Revert and Close Editor');
  await runCommand(page, 'View: Close All Editors');
}

async function lightTheme(ctx: ModelsCtx): Promise<void> {
  await useTheme(ctx.page, 'light');
  await ctx.page.waitForTimeout(500);
  await ctx.shot('view-light');
}

export async function runModelsPhase(runDir: string, shotsDir: string, hfKey: string): Promise<UiStep[]> {
  const ws = path.join(runDir, 'models-ws');
  mkdirSync(ws, { recursive: true });
  const [a, b, openai, online, silent] = await Promise.all([
    startOllamaSim({ models: [{ name: 'codellama:7b', reply: ANSWER, paceMs: 10 }], pulls: { 'qwen2.5-coder:3b': { layers: [1_929_000_000], steps: 4, paceMs: 100, installs: { name: 'qwen2.5-coder:3b', reply: ANSWER, paceMs: 10 } } } }),
    startOllamaSim({ models: [{ name: 'codellama:7b', reply: ANSWER, paceMs: 10 }] }),
    startHfSim({ requireToken: GOOD_KEY, openaiModels: ['tiny-coder'], chat: { text: ANSWER, chunkDelayMs: 10 } }),
    startHfSim({ chat: { text: ANSWER, chunkDelayMs: 10 } }),
    silentServer(),
  ]);
  const servers: Servers = { a, b, openai, online, silent, dead: `http://127.0.0.1:${await deadPort()}` };
  try {
    const server = await startCodeServer(runDir, 'models', ws, {
      OLLAMA_HOST: a.url,
      HF_ENDPOINT_URL: `${online.url}/v1`,
      HF_API_KEY: hfKey,
    }, {
      'llmCompare.models': initialModels(servers),
      'llmCompare.defaultModel': 'laptop',
      // The hand edits type whole JSON documents: no brackets, quotes or indentation added on the way.
      'editor.autoClosingBrackets': 'never',
      'editor.autoClosingQuotes': 'never',
      'editor.autoIndent': 'none',
      'editor.autoSurround': 'never',
      'editor.formatOnType': false,
    });
    const browser = await launchChromium();
    try {
      const page = await newWorkbenchPage(browser);
      const shot = numberedShots(page, shotsDir, 'models');
      await page.goto(workbenchUrl(server, ws));
      const ctx: ModelsCtx = { page, sims: { ollama: a, huggingface: online, close: async () => undefined }, dialogs: [], shot, servers, settingsFile: path.join(server.userDataDir, 'User/settings.json') };
      const scenarios: Array<[string, (c: ModelsCtx) => Promise<void>]> = [
        ['the Models view shows every model with its state (ready, not installed, not reachable, key missing, checking)', opensWithEveryState],
        ['per-model keys from the view: a wrong key is "key rejected", the right one "ready", neither in settings', setKeysFromTheView],
        ['Pull from the view installs the missing model', pullFromTheView],
        ['Add model… by keyboard: live endpoint check, key, the server’s list, Back, label, user settings', addModelByKeyboard],
        ['Remove, Move and Set as default reach the panel’s columns and Generate', editsReachThePanelAndGenerate],
        ['a hand edit of settings.json is followed; a broken entry opens settings.json at its line', handEditsAreFollowed],
        ['light theme', lightTheme],
      ];
      return await runScenarios(ctx, scenarios.map(([name, body]) => [name, (c: PanelCtx) => body(c as ModelsCtx)]));
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    await Promise.all([a.close(), b.close(), openai.close(), online.close(), silent.close()]);
  }
}
