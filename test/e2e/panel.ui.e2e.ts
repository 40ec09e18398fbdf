/**
 * The comparison view in a real VS Code (code-server + Chromium), against the Ollama and Hugging Face simulators.
 * Run: `npm run build && npx tsx test/e2e/panel.ui.e2e.ts`. Screenshots go to test-results/screenshots.
 * Self-contained launcher for now (no shared harness existed when this was written); the scenario functions take
 * a Page and the sims, so they can move onto the harness unchanged.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as assert from 'node:assert/strict';
import { chromium, type FrameLocator, type Page } from 'playwright-core';
import { startHfSim } from '../support/hf-sim';
import { startOllamaSim } from '../support/ollama-sim';

const ROOT = resolve(__dirname, '../..');
const CS = join(ROOT, 'test/e2e/code-server/node_modules/code-server/out/node/entry.js');
const SHOTS = join(ROOT, 'test-results/screenshots');
const CODE = 'def add(a, b):\n    return a + b';
const ANSWER = `Here is the function:\n\n\`\`\`python\n${CODE}\n\`\`\`\n\nIt adds **two** numbers.`;
const HOSTILE = 'Careful: <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> <svg onload="window.__pwned=3"></svg> [x](javascript:window.__pwned=4) <iframe src="javascript:window.__pwned=5"></iframe>';
const log = (s: string) => console.log(`[panel e2e ${((performance.now() / 1000) | 0)}s] ${s}`);

async function main(): Promise<void> {
  const ollama = await startOllamaSim({ models: [{ name: 'codellama:7b', reply: ANSWER, loadMs: 400, paceMs: 80 }, { name: 'qwen2.5-coder:3b', reply: ANSWER, paceMs: 80 }] });
  const hf = await startHfSim({ chat: { text: ANSWER, headerDelayMs: 600, chunkDelayMs: 80 } });
  const R = mkdtempSync(join(tmpdir(), 'panel-e2e-'));
  for (const d of ['ud/User', 'exts', 'cfg', 'data', 'tmp', 'ws']) mkdirSync(join(R, d), { recursive: true });
  symlinkSync(ROOT, join(R, 'exts/llm-compare.llm-compare-0.1.0'));
  writeFileSync(join(R, 'ws/sample.py'), '# sample\n\n');
  const settings = (theme: string) =>
    writeFileSync(join(R, 'ud/User/settings.json'), JSON.stringify({
      'workbench.startupEditor': 'none', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off', 'workbench.tips.enabled': false, 'workbench.colorTheme': theme,
      'llmCompare.ollama.host': ollama.url, 'llmCompare.huggingface.endpointUrl': `${hf.url}/v1`,
    }));
  settings('Default Dark Modern');
  const port = 8600 + Math.floor(Math.random() * 300);
  const server = spawn(process.execPath, [CS, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', join(R, 'ud'), '--extensions-dir', join(R, 'exts'), join(R, 'ws')],
  { env: { ...process.env, XDG_CONFIG_HOME: join(R, 'cfg'), XDG_DATA_HOME: join(R, 'data'), TMPDIR: join(R, 'tmp') }, detached: true, stdio: 'ignore' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  let failed = false;
  try {
    for (let i = 0; i < 100; i++) if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) break; else await new Promise((r) => setTimeout(r, 100));
    const page = await (await browser.newContext({ viewport: { width: 1500, height: 950 } })).newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(join(R, 'ws'))}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const view = await openView(page);
    await streamsThreeColumns(page, view, ollama, hf);
    await insertPutsCodeAtCursor(page, view);
    await stopCancelsEverything(page, view, ollama, hf);
    await errorColumnShowsItsFix(page, view, ollama, hf);
    await hostileAnswerRunsNothing(page, view, ollama, dialogs);
    await screenshots(page, settings);
    log('all scenarios passed');
  } catch (e) {
    failed = true;
    console.error(e);
    await browser.contexts()[0]?.pages()[0]?.screenshot({ path: join(SHOTS, 'failure.png') });
  } finally {
    await browser.close();
    try { process.kill(-server.pid!, 'SIGTERM'); } catch { /* already gone */ }
    await ollama.close();
    await hf.close();
  }
  process.exit(failed ? 1 : 0);
}

async function openView(page: Page): Promise<FrameLocator> {
  await page.locator('.activitybar .action-item a[aria-label^="LLM Compare"]').first().click({ timeout: 60_000 });
  const view = page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
  await view.locator('textarea#prompt').waitFor({ timeout: 60_000 });
  return view;
}

async function ask(view: FrameLocator, prompt: string): Promise<void> {
  await view.locator('textarea#prompt').fill(prompt);
  await view.locator('textarea#prompt').press('Control+Enter');
  // The columns are replaced when the extension answers with the new run (each prompt here is unique).
  await view.locator('.run-prompt', { hasText: `Prompt: ${prompt}` }).waitFor({ timeout: 10_000 });
}

type Sims = { ollama: Awaited<ReturnType<typeof startOllamaSim>>; hf: Awaited<ReturnType<typeof startHfSim>> };

async function waitAllDone(view: FrameLocator, n = 3): Promise<void> {
  await view.locator('.column[data-status="done"], .column[data-status="error"], .column[data-status="cancelled"]').nth(n - 1).waitFor({ timeout: 30_000 });
}

async function streamsThreeColumns(page: Page, view: FrameLocator, ollama: Sims['ollama'], hf: Sims['hf']): Promise<void> {
  await ask(view, 'Write add(a, b) in Python');
  // All three at once: every column is streaming (or already done) before any has finished.
  await view.locator('.column[data-status="streaming"]').nth(2).waitFor({ timeout: 15_000 });
  await waitAllDone(view);
  assert.equal(await view.locator('.column[data-status="done"]').count(), 3);
  assert.equal(hf.maxConcurrentStreams, 1);
  assert.ok(ollama.concurrency.maxActive >= 2, `ollama ran ${ollama.concurrency.maxActive} at once`);
  const ttft = async (id: string) => Number(/([\d.]+) (ms|s)/.exec((await view.locator(`.column[data-column="${id}"] [data-badge="ttft"]`).textContent()) ?? '')?.slice(1, 3).reduce((v, u) => (u === 's' ? String(Number(v) * 1000) : v)));
  const hfTtft = await ttft('online-qwen');
  const coldTtft = await ttft('local-codellama');
  log(`ttft: HF ${hfTtft} ms (scripted header delay 600), codellama ${coldTtft} ms (scripted load 400)`);
  assert.ok(hfTtft >= 600 && hfTtft < 2500, `HF ttft ${hfTtft}`);
  assert.ok(coldTtft >= 400 && coldTtft < 2500, `codellama ttft ${coldTtft}`);
  assert.match((await view.locator('.column[data-column="local-codellama"] [data-badge="load"]').textContent()) ?? '', /load \d+ ms/);
  assert.match((await view.locator('.summary').textContent()) ?? '', /fastest first token: .* · fastest total: .* · 3\/3 ok/);
  assert.equal(await view.locator('.column pre code.language-python .hljs-keyword').first().textContent(), 'def');
  await page.screenshot({ path: join(SHOTS, 'panel-sidebar-dark.png') });
  log('three columns streamed at once; badges match the schedule');
}

async function insertPutsCodeAtCursor(page: Page, view: FrameLocator): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget .quick-input-box input').fill('sample.py');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sample.py' }).first().waitFor();
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('Control+End');
  await view.locator('.column[data-column="local-qwen"] button[data-action="insert"]').click();
  await page.locator('.editor-instance .view-line', { hasText: 'return a + b' }).waitFor({ timeout: 10_000 });
  const text = await editor.innerText();
  assert.ok(!text.includes('Here is the function'), 'only the code is inserted');
  log('Insert put the code at the cursor');
}

async function stopCancelsEverything(page: Page, view: FrameLocator, ollama: Sims['ollama'], hf: Sims['hf']): Promise<void> {
  const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
  ollama.setScript({ models: [{ name: 'codellama:7b', reply: long, paceMs: 50 }, { name: 'qwen2.5-coder:3b', reply: long, paceMs: 50 }] });
  hf.setScript({ chat: { text: long, chunkDelayMs: 50 } });
  ollama.reset();
  hf.reset();
  await ask(view, 'Say many words');
  await view.locator('.column[data-status="streaming"]').nth(2).waitFor({ timeout: 15_000 });
  await view.locator('button', { hasText: 'Stop all' }).click();
  await view.locator('.column[data-status="cancelled"]').nth(2).waitFor({ timeout: 10_000 });
  await Promise.all([...ollama.streams.map((s) => s.ended), ...hf.streams.map((s) => s.closed)]);
  assert.ok(ollama.streams.length === 2 && ollama.streams.every((s) => s.clientClosed), 'Ollama saw both connections close');
  assert.ok(hf.streams.length === 1 && hf.streams.every((s) => s.clientClosedEarly), 'HF saw the connection close');
  assert.match((await view.locator('.column[data-column="local-qwen"] .status').textContent()) ?? '', /partial answer kept/);
  await page.screenshot({ path: join(SHOTS, 'panel-stopped.png') });
  log('Stop all cancelled every column; the simulators saw the connections close');
}

async function errorColumnShowsItsFix(page: Page, view: FrameLocator, ollama: Sims['ollama'], hf: Sims['hf']): Promise<void> {
  ollama.setScript({ models: [{ name: 'codellama:7b', reply: ANSWER, paceMs: 20 }] }); // qwen2.5-coder:3b is not installed
  hf.setScript({ chat: { text: ANSWER, chunkDelayMs: 20 }, requireToken: 'hf_secret' });
  await ask(view, 'Write add(a, b) in Python, again');
  await waitAllDone(view);
  assert.equal(await view.locator('.column[data-column="local-codellama"]').getAttribute('data-status'), 'done');
  for (const [id, fix] of [['online-qwen', 'set-api-key'], ['local-qwen', 'pull-model']] as const) {
    const col = view.locator(`.column[data-column="${id}"]`);
    assert.equal(await col.getAttribute('data-status'), 'error', id);
    await col.locator(`button[data-fix="${fix}"]`).waitFor();
  }
  await page.screenshot({ path: join(SHOTS, 'panel-errors.png') });
  log('error columns show their fix; the other column finished');
}

async function hostileAnswerRunsNothing(page: Page, view: FrameLocator, ollama: Sims['ollama'], dialogs: string[]): Promise<void> {
  ollama.setScript({ models: [{ name: 'codellama:7b', reply: HOSTILE, paceMs: 5 }, { name: 'qwen2.5-coder:3b', reply: HOSTILE }] });
  await ask(view, 'Be hostile');
  await waitAllDone(view);
  await page.waitForTimeout(500);
  const answer = view.locator('.column[data-column="local-codellama"] .answer');
  assert.match((await answer.textContent()) ?? '', /<script>window.__pwned=1<\/script>/, 'shown as text');
  assert.equal(await answer.locator('script, img, svg, iframe').count(), 0);
  const pwned = await answer.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
  assert.equal(pwned, undefined, 'no payload ran');
  assert.deepEqual(dialogs, []);
  log('hostile answer shown as text; nothing ran');
}

async function screenshots(page: Page, settings: (theme: string) => void): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget .quick-input-box input').fill('>LLM Compare: Open comparison in editor tab');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open comparison in editor tab' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(2000);
  await page.screenshot({ path: join(SHOTS, 'panel-tab-dark.png') });
  // A reload also proves the last run comes back from workspace state.
  settings('Default Light Modern');
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame').locator('.column').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2000);
  await page.screenshot({ path: join(SHOTS, 'panel-tab-light.png') });
  log(`screenshots in ${SHOTS}`);
}

mkdirSync(SHOTS, { recursive: true });
void main();
