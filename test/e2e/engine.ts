/**
 * Phase "engine": the built-in engine on a fresh machine, in the real workbench. Ollama's host is a dead port and no
 * Hugging Face key is set, so the panel offers the engine with the size the (stand-in) servers report; its button,
 * pressed from the keyboard, asks in a modal, downloads with progress (a first try is cancelled mid-transfer, the
 * second resumes), adds a "Built-in engine" model, and its column streams a real answer from the REAL llama-server
 * (../shared/servers) beside an Ollama simulator's column and a Hugging Face column without a key. The Models view
 * shows the engine running, then "files missing" with Set up after "Remove built-in engine downloads". No
 * llama-server may outlive code-server. Screenshots: `engine-NN-<name>.png`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { startEngineReleaseServer, type EngineReleaseServer } from '../support/engine-release-server';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { deadPort } from '../support/ollama-sim-kit';
import { processesWith } from '../support/processes';
import { launchChromium, newWorkbenchPage, numberedShots, workbenchUrl } from './browser';
import { startCodeServer } from './code-server';
import { ANSWER, openSideBarDark, column, runCommand, runScenarios, sideView, tabView, useTheme, waitAllDone, type PanelCtx, type Scenario } from './panel-kit';
import type { UiStep } from './ui';

const ENGINE_COLUMN = 'builtin-qwen2.5-coder-0.5b-instruct-q4_k_m';
const ENGINE_LABEL = 'Built-in engine (qwen2.5-coder-0.5b-instruct-q4_k_m)';

/**
 * Stands between the extension and the stand-in servers' lookups (release API, Hub tree, model files): online it
 * forwards everything (Range included); offline it drops every connection, as a machine without network would.
 */
interface Gate {
  url: string;
  online: boolean;
  close(): Promise<void>;
}

async function startGate(target: string): Promise<Gate> {
  const gate = { url: '', online: true, close: async () => undefined } as Gate;
  const server = createServer((req, res) => {
    if (!gate.online) return void req.socket.destroy();
    const up = request(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      // The stand-in cut its transfer: cut ours the same way.
      answer.on('aborted', () => res.socket?.destroy());
      answer.on('error', () => res.socket?.destroy());
    });
    up.on('error', () => res.socket?.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  gate.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  gate.close = () => new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
  return gate;
}

interface EngineCtx extends PanelCtx {
  release: EngineReleaseServer;
  gate: Gate;
  ollama: OllamaSim;
  deadHost: string;
  /** The profile's folder: the engine's files (and its process's binary) live below it. */
  runDir: string;
}

function dialog(page: Page, text: string | RegExp) {
  return page.locator('.monaco-dialog-box', { hasText: text });
}

function toast(page: Page, text: string | RegExp) {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

/** A message the user was shown: still a toast, or in the notification centre (toasts hide after a while). */
async function notified(page: Page, text: RegExp): Promise<void> {
  if (await toast(page, text).count()) return;
  await runCommand(page, 'Notifications: Show Notifications');
  try {
    await page.locator('.notifications-center .notification-list-item', { hasText: text }).first().waitFor({ timeout: 10_000 });
  } finally {
    await runCommand(page, 'Notifications: Hide Notifications');
  }
}

/** Tabs through the view until the offer's button has the focus: it is reachable from the keyboard. */
async function tabToOffer(view: FrameLocator): Promise<number> {
  await view.locator('textarea#prompt').focus();
  for (let i = 1; i <= 40; i++) {
    await view.locator('body').press('Tab');
    if (await view.locator('#engine-offer-button:focus').count()) return i;
  }
  throw new Error('the offer button never got the keyboard focus');
}

/** Pids of the llama-server the extension installed into this profile's global storage and started. */
function enginePids(profileDir: string): number[] {
  return processesWith(path.join(profileDir, 'user-data', 'User', 'globalStorage', 'llm-compare.llm-compare', 'bin', 'llama-server'));
}

async function offlineSaysSizeUnknownAndWhatFailed(ctx: EngineCtx): Promise<void> {
  const { page } = ctx;
  await openSideBarDark(page);
  const view = sideView(page);
  const button = view.locator('#engine-offer-button');
  // Offline: the plan cannot be made, so the size is not known, and the offer says so rather than guess.
  await button.waitFor({ timeout: 60_000 });
  assert.equal(await button.textContent(), 'Use the built-in engine (size unknown)');
  await ctx.shot('offer-offline-size-unknown');
  await tabToOffer(view);
  await page.keyboard.press('Enter');
  const error = toast(page, /Could not look up the built-in engine's downloads: .*Check the network connection/);
  await error.waitFor({ timeout: 30_000 });
  await ctx.shot('offline-error-with-fix');
  // Back online: Retry looks again and reaches the consent (declined here: the next scenarios accept it).
  ctx.gate.online = true;
  await error.locator('.monaco-button', { hasText: 'Retry' }).click();
  const consent = dialog(page, /Download the built-in engine/);
  await consent.waitFor({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await consent.waitFor({ state: 'detached', timeout: 10_000 });
}

async function opensTheViewAndOffers(ctx: EngineCtx): Promise<void> {
  const view = sideView(ctx.page);
  const button = view.locator('#engine-offer-button');
  // The size is the stand-in servers' (archive + model), as the plan read it from the release API and the Hub tree.
  const expected = ctx.release.asset.bytes + ctx.release.model.bytes;
  const mb = expected / 1e6;
  const words = `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
  await view.locator('#engine-offer-button', { hasText: `Use the built-in engine (downloads about ${words})` }).waitFor({ timeout: 30_000 });
  assert.match((await view.locator('.engine-offer').textContent()) ?? '', new RegExp(`Ollama is not reachable at ${ctx.deadHost.replace(/[.]/g, '\\.')}`));
  console.log(`    offer: "${await button.textContent()}" (stand-in archive ${ctx.release.asset.bytes} B + model ${ctx.release.model.bytes} B)`);
  await ctx.shot('offer-dark');
}

async function cancelStopsTheDownload(ctx: EngineCtx): Promise<void> {
  const { page } = ctx;
  const view = sideView(page);
  // The archive's transfer stops half-way and hangs: the progress shows where it is, and Cancel must end it.
  ctx.release.interrupt('asset', 'pause', Math.floor(ctx.release.asset.bytes / 2));
  const tabs = await tabToOffer(view);
  console.log(`    the offer's button got the focus after ${tabs} Tab presses`);
  await page.keyboard.press('Enter');
  const consent = dialog(page, /Download the built-in engine/);
  await consent.waitFor({ timeout: 30_000 });
  const said = (await consent.textContent()) ?? '';
  assert.match(said, /llama\.cpp b4747 server for /);
  assert.match(said, new RegExp(`from ${ctx.release.releasesUrl.replace('/releases', '').replace(/[.]/g, '\\.')}/download/`));
  assert.match(said, /checked against its published SHA-256/);
  assert.match(said, /Files go to .*globalStorage/);
  await ctx.shot('consent-modal');
  // Escape declines: nothing was downloaded, before or after the question.
  await page.keyboard.press('Escape');
  await consent.waitFor({ state: 'detached', timeout: 10_000 });
  await page.waitForTimeout(500);
  assert.deepEqual(ctx.release.requests.filter((r) => /\/download\/|\/resolve\//.test(r)), [], 'a file was fetched without consent');
  await tabToOffer(view);
  await page.keyboard.press('Enter');
  await consent.waitFor({ timeout: 30_000 });
  // Accept from the keyboard too: the action button takes the focus, Enter presses it.
  await consent.locator('.monaco-button', { hasText: 'Download and set up' }).focus();
  await page.keyboard.press('Enter');
  const progress = toast(page, /Downloading the engine \(1 of 2\): [\d.]+ MB of [\d.]+ MB, \d+%/);
  await progress.waitFor({ timeout: 30_000 });
  await ctx.shot('download-progress');
  await progress.locator('.monaco-button, .action-label', { hasText: 'Cancel' }).first().click();
  await toast(page, /set-up cancelled\. The partial download is kept/).waitFor({ timeout: 15_000 });
  await ctx.shot('download-cancelled');
  // Still offered: nothing is installed yet.
  await view.locator('#engine-offer-button').waitFor({ timeout: 10_000 });
}

async function setUpThenCompare(ctx: EngineCtx): Promise<void> {
  const { page } = ctx;
  const view = sideView(page);
  const before = ctx.release.requests.length;
  await tabToOffer(view);
  await page.keyboard.press('Enter');
  const consent = dialog(page, /Download the built-in engine/);
  await consent.waitFor({ timeout: 30_000 });
  // This time the model's transfer breaks off mid-way (the connection drops): the error says so, and Retry resumes.
  ctx.release.interrupt('model', 'cut', Math.floor(ctx.release.model.bytes / 3));
  await consent.locator('.monaco-button', { hasText: 'Download and set up' }).focus();
  await page.keyboard.press('Enter');
  const broken = toast(page, /Could not set up the built-in engine: .*broke off after \d+ bytes; run it again to resume/);
  await broken.waitFor({ timeout: 60_000 });
  await ctx.shot('download-broke-off');
  await broken.locator('.monaco-button', { hasText: 'Retry' }).click();
  const again = dialog(page, /Download the built-in engine/);
  await again.waitFor({ timeout: 30_000 });
  // Only the model is left to fetch: the engine was installed by the broken attempt.
  assert.match((await again.textContent()) ?? '', /Engine: llama\.cpp b4747 server \(.*\), already at /);
  await again.locator('.monaco-button', { hasText: 'Download and set up' }).click();
  // The model was added (its column appears), and the user was told so: a toast, or — when the toasts were busy —
  // the notification centre keeps it.
  await column(view, ENGINE_COLUMN).waitFor({ timeout: 60_000 });
  await notified(page, /The built-in engine is ready: "Built-in engine \(/);
  const requests = ctx.release.requests.slice(before);
  assert.ok(requests.some((r) => /^GET \/download\/.+ bytes=\d+-$/.test(r)), `the archive did not resume with a Range request: ${requests.join(', ')}`);
  assert.ok(requests.some((r) => /^GET \/.+\/resolve\/main\/.+ bytes=\d+-$/.test(r)), `the model did not resume with a Range request: ${requests.join(', ')}`);
  // The model was added; the panel shows its column and drops the offer.
  await column(view, ENGINE_COLUMN).waitFor({ timeout: 30_000 });
  await view.locator('#engine-offer-button').waitFor({ state: 'detached', timeout: 30_000 });
  await ctx.shot('engine-added');

  ctx.ollama.setScript({ models: [{ name: 'codellama:7b', reply: ANSWER, paceMs: 30 }] });
  // In an editor tab, where the three columns stand side by side.
  await runCommand(page, 'Notifications: Clear All Notifications');
  await runCommand(page, 'LLM Compare: Open comparison in editor tab');
  const tab = tabView(page);
  await tab.locator('textarea#prompt').fill('Write a Python function add(a, b).');
  await tab.locator('textarea#prompt').press('Control+Enter');
  await column(tab, ENGINE_COLUMN, 'waiting').or(column(tab, ENGINE_COLUMN, 'streaming')).or(column(tab, ENGINE_COLUMN, 'done')).first().waitFor({ timeout: 30_000 });
  await waitAllDone(tab, 3, 180_000);
  assert.equal(await column(tab, ENGINE_COLUMN).getAttribute('data-status'), 'done', (await column(tab, ENGINE_COLUMN).textContent()) ?? '');
  assert.equal(await column(tab, 'local-codellama').getAttribute('data-status'), 'done');
  const answer = (await column(tab, ENGINE_COLUMN).locator('.answer').textContent()) ?? '';
  assert.ok(answer.trim().length > 0, 'the engine column has no answer');
  const rate = (await column(tab, ENGINE_COLUMN).locator('[data-badge="rate"]').textContent()) ?? '';
  assert.match(rate, /[\d.]+ tok\/s \(server\)/, `the rate badge is not the server's: "${rate}"`);
  console.log(`    engine column: ${answer.trim().length} characters from llama-server, badge "${rate}"`);
  assert.equal(enginePids(ctx.runDir).length, 1, 'one llama-server runs for the engine column');
  await ctx.shot('engine-column-answered');
}

/** The side bar's painted background: light once the new theme's colours are applied, not only its class name. */
async function sideBarIsLight(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const bg = getComputedStyle(document.querySelector('.part.sidebar') as Element).backgroundColor;
    const [r, g, b] = (bg.match(/\d+/g) ?? ['0', '0', '0']).map(Number);
    return 0.299 * r + 0.587 * g + 0.114 * b > 160;
  });
}

async function lightTheme(ctx: EngineCtx): Promise<void> {
  const { page } = ctx;
  await useTheme(page, 'light');
  for (let i = 0; i < 50 && !(await sideBarIsLight(page)); i++) await page.waitForTimeout(200);
  assert.ok(await sideBarIsLight(page), 'the workbench did not repaint in the light theme');
  await page.waitForTimeout(500); // the webviews restyle with the new theme variables
  await ctx.shot('engine-column-light');
  await useTheme(page, 'dark');
}

/** The Models view's pane and a row by its label (aria-label "<label>, <model>, <state words>"). */
function row(page: Page, label: string, words?: string) {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Models/ }) });
  return pane.locator(`.monaco-list-row[aria-label^="${label}, "]${words ? `[aria-label*=", ${words}"]` : ''}`);
}

async function modelsViewFollowsTheEngine(ctx: EngineCtx): Promise<void> {
  const { page } = ctx;
  await runCommand(page, 'LLM Compare: Focus on Models View');
  await row(page, ENGINE_LABEL, 'running').waitFor({ timeout: 30_000 });
  await ctx.shot('models-engine-running');
  // A crash is restarted once; a second one fails the engine, and the row says so, with its log at hand.
  const [first] = enginePids(ctx.runDir);
  process.kill(first, 'SIGKILL');
  await row(page, ENGINE_LABEL, 'running').waitFor({ timeout: 30_000 });
  for (let i = 0; i < 100 && (enginePids(ctx.runDir).length === 0 || enginePids(ctx.runDir)[0] === first); i++) await page.waitForTimeout(100);
  const [second] = enginePids(ctx.runDir);
  assert.ok(second && second !== first, 'the engine was not restarted after its first crash');
  process.kill(second, 'SIGKILL');
  const failed = row(page, ENGINE_LABEL, 'failed');
  await failed.waitFor({ timeout: 30_000 });
  await failed.hover();
  await failed.locator('.action-label[aria-label="Show log"]').waitFor({ timeout: 10_000 });
  // The second kill may land while the restart is still starting or once it is ready: either way it failed, and says so.
  const tip = page.locator('.monaco-hover', { hasText: /failed: The built-in engine \(llama-server\)/ });
  await tip.waitFor({ timeout: 10_000 });
  assert.match((await tip.textContent()) ?? '', /llama-server exited \(SIGKILL\)/);
  assert.doesNotMatch((await tip.textContent()) ?? '', / at ``/);
  await ctx.shot('models-engine-failed-with-log');
  await page.mouse.move(800, 500);
  await runCommand(page, 'LLM Compare: Remove built-in engine downloads');
  const confirm = dialog(page, /Remove the built-in engine's downloads/);
  await confirm.waitFor({ timeout: 15_000 });
  assert.match((await confirm.textContent()) ?? '', /bin \([\d.]+ MB\)/);
  await confirm.locator('.monaco-button', { hasText: 'Remove' }).click();
  await toast(page, /Removed the built-in engine's downloads/).waitFor({ timeout: 30_000 });
  assert.deepEqual(enginePids(ctx.runDir), [], 'the engine still runs after its files were removed');
  const missing = row(page, ENGINE_LABEL, 'files missing');
  await missing.waitFor({ timeout: 30_000 });
  await missing.hover();
  await missing.locator('.action-label[aria-label="Set up"]').waitFor({ timeout: 10_000 });
  await ctx.shot('models-engine-files-missing');
}

async function setUpFromModelsViewRunsAgain(ctx: EngineCtx): Promise<void> {
  const { page } = ctx;
  const missing = row(page, ENGINE_LABEL, 'files missing');
  await missing.hover();
  await missing.locator('.action-label[aria-label="Set up"]').click();
  const consent = dialog(page, /Download the built-in engine/);
  await consent.waitFor({ timeout: 30_000 });
  await consent.locator('.monaco-button', { hasText: 'Download and set up' }).click();
  // Its files are back: the row says the engine starts when used (no model is added a second time).
  await row(page, ENGINE_LABEL, 'starts when used').waitFor({ timeout: 60_000 });
  const view = sideView(page);
  await view.locator('textarea#prompt').fill('Write a Python function sub(a, b).');
  await view.locator('textarea#prompt').press('Control+Enter');
  await column(view, ENGINE_COLUMN, 'done').waitFor({ timeout: 180_000 });
  await row(page, ENGINE_LABEL, 'running').waitFor({ timeout: 30_000 });
  assert.equal(enginePids(ctx.runDir).length, 1, 'the engine runs again');
}

const scenarios: Scenario[] = [
  ['offline, the offer says "size unknown", and pressing it says what failed and what to do; Retry works once online', offlineSaysSizeUnknownAndWhatFailed as Scenario[1]],
  ['with no Ollama and no key the panel offers the built-in engine with the size the servers report', opensTheViewAndOffers as Scenario[1]],
  ['the offer by keyboard: a modal names the files first (Escape downloads nothing); progress shows; Cancel stops the transfer', cancelStopsTheDownload as Scenario[1]],
  ['accepting again resumes; a broken transfer says so and Retry resumes it; the model is added and its column streams a real llama-server answer with the server rate', setUpThenCompare as Scenario[1]],
  ['light theme', lightTheme as Scenario[1]],
  ['the Models view shows the engine running, failed after two crashes (with its log), then "files missing" with Set up after removing its downloads', modelsViewFollowsTheEngine as Scenario[1]],
  ["the Models view's Set up downloads the files again and the engine answers again", setUpFromModelsViewRunsAgain as Scenario[1]],
];

export async function runEnginePhase(runDir: string, shotsDir: string): Promise<UiStep[]> {
  const ws = path.join(runDir, 'engine-ws');
  mkdirSync(ws, { recursive: true });
  writeFileSync(path.join(ws, 'sample.py'), '# sample\n');
  const release = await startEngineReleaseServer();
  const gate = await startGate(release.hubUrl);
  gate.online = false;
  const ollama = await startOllamaSim({ models: [{ name: 'codellama:7b', reply: ANSWER, paceMs: 30 }] });
  const deadHost = `http://127.0.0.1:${await deadPort()}`;
  const profile = path.join(runDir, 'engine');
  try {
    const server = await startCodeServer(runDir, 'engine', ws, {
      HF_HUB_URL: gate.url,
      LLM_COMPARE_LLAMACPP_RELEASES_URL: `${gate.url}/releases`,
      // A fresh machine: no key anywhere, Ollama not running.
      HF_API_KEY: '',
      HF_TOKEN: '',
      OLLAMA_HOST: deadHost,
    }, {
      'llmCompare.ollama.host': deadHost,
      'llmCompare.models': [
        { id: 'online-qwen', label: 'Qwen2.5-Coder-32B (online)', provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct' },
        // Another machine's Ollama (a simulator): a column that answers beside the engine's.
        { id: 'local-codellama', label: 'CodeLlama 7B (other machine)', provider: 'ollama', model: 'codellama:7b', endpoint: ollama.url },
      ],
    });
    let steps: UiStep[] = [];
    let running: number[] = [];
    const browser = await launchChromium();
    try {
      const page = await newWorkbenchPage(browser);
      // Settled shots: a cancelled download once showed the lookup before it, a light-theme shot came out dark.
      const shot = numberedShots(page, shotsDir, 'engine', true);
      await page.goto(workbenchUrl(server, ws));
      const ctx: EngineCtx = { page, sims: null as never, dialogs: [], shot, release, gate, ollama, deadHost, runDir: profile };
      steps = await runScenarios(ctx, scenarios as unknown as Scenario[]);
      // The last scenario left the engine running: the shutdown below must take it along.
      running = enginePids(profile);
    } finally {
      await browser.close();
      await server.stop();
    }
    // code-server is gone: no llama-server of this run may be left.
    await new Promise((r) => setTimeout(r, 500));
    const left = enginePids(profile);
    const ok = running.length === 1 && left.length === 0;
    steps.push({ name: 'no llama-server outlives code-server', ok, seconds: 0, ...(ok ? {} : { error: `running before the stop: ${running.length}, left after: ${left.join(', ') || 'none'}` }) });
    console.log(`  ${ok ? '✓' : '✗'} no llama-server outlives code-server (running before the stop: ${running.length}, after: ${left.length})`);
    return steps;
  } finally {
    await ollama.close();
    await gate.close();
    await release.close();
  }
}
