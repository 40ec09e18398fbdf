/**
 * The benchmark as a person runs it: the command palette, every QuickPick answered from the keyboard, the modal
 * that asks before model-written code runs, the progress notification, then the report tab with its charts and
 * tables. Plugged into the UI phase (ui.ts) as one step; the simulators are the ones run.ts starts.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { REPO } from './code-server';

const QUICK_INPUT = '.quick-input-widget .quick-input-box input';
/** Kept beside the run's screenshots too, where the brief asks to look for it (gitignored). */
const SHOTS = path.join(REPO, 'test-results/screenshots');

async function answer(page: Page, placeholder: string, keys: string[]): Promise<void> {
  await page.locator(`${QUICK_INPUT}[placeholder*="${placeholder}"]`).waitFor({ timeout: 15_000 });
  for (const k of keys) await page.keyboard.press(k);
}

/** The report tab's document (there may be other webviews, e.g. the comparison view). */
async function reportFrame(page: Page, timeoutMs: number): Promise<FrameLocator> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const n = await page.locator('iframe.webview.ready').count();
    for (let i = 0; i < n; i++) {
      const f = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('iframe#active-frame');
      if ((await f.locator('.bench-toolbar').count().catch(() => 0)) > 0) return f;
    }
    if (Date.now() > end) throw new Error('no benchmark report tab appeared');
    await page.waitForTimeout(250);
  }
}

export async function runBenchmarkFromPalette(page: Page, shot: (name: string) => Promise<unknown>, shotsDir: string): Promise<void> {
  await palette(page, 'LLM Compare: Run benchmark');
  await answer(page, 'Which tasks?', ['Enter']); // Built-in suite (first)
  await answer(page, 'Which models?', []);
  await shot('bench-models');
  await page.keyboard.press('Enter'); // all models, as preselected
  await answer(page, 'How many times', ['Enter']); // 1
  await answer(page, 'same time', ['Enter']); // Parallel
  await answer(page, 'Score the answers?', ['ArrowDown', 'Enter']); // Score by running the generated code
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'Run the code the models write on this machine?' });
  await dialog.waitFor({ timeout: 10_000 });
  await shot('bench-confirm');
  await dialog.locator('.monaco-button', { hasText: 'Run model-written code' }).click();

  await page.locator('.notifications-toasts .notification-toast', { hasText: /Benchmark: builtin/ }).first().waitFor({ timeout: 15_000 });
  await page.locator('.notifications-toasts .notification-toast', { hasText: /\d+\/\d+ · (ETA|finishing)/ }).first().waitFor({ timeout: 30_000 }).catch(() => undefined);
  await shot('bench-progress');
  let view = await reportFrame(page, 30_000);
  // A mark on the live page: it survives only if updates redraw in place instead of reloading the document.
  const markedWhile = await view.locator('body').evaluate((b) => {
    b.dataset.e2eMark = 'kept';
    return b.dataset.state ?? 'loading';
  });
  await view.locator('.bench-status[data-state="finished"]').waitFor({ timeout: 120_000 });
  await view.locator('canvas').nth(2).waitFor({ timeout: 10_000 });
  if (markedWhile !== 'finished' && (await view.locator('body[data-e2e-mark="kept"]').count()) !== 1) {
    throw new Error(`the report page was reloaded during the run (marked while ${markedWhile})`);
  }
  // The code ran sandboxed: the report's Run table says which sandbox and its limits.
  const sandboxRow = await view.locator('tr', { hasText: 'Sandbox' }).first().innerText();
  if (!/bubblewrap \(bubblewrap [\d.]+\): network none; memory \d+ MiB, processes \d+/.test(sandboxRow)) throw new Error(`the report does not say the code ran in bubblewrap: ${sandboxRow}`);
  const exports = (await view.locator('.bench-export button[data-export]').allTextContents()).join(',');
  if (exports !== 'JSON,CSV,Markdown,HTML') throw new Error(`export buttons: ${exports}`);
  const h2 = (await view.locator('h2').allTextContents()).join(' | ');
  for (const section of ['Charts', 'Summary per model', 'Features']) if (!h2.includes(section)) throw new Error(`the report lacks "${section}" (has ${h2})`);
  const features = await view.locator('table').nth(2).locator('tbody tr').count();
  if (features < 2) throw new Error(`the feature table has ${features} rows`);
  const canvases = await view.locator('canvas').count();
  if (canvases < 4) throw new Error(`${canvases} charts drawn (expected 4 with scoring on)`);
  await page.locator('.notifications-toasts .notification-toast', { hasText: /Benchmark finished/ }).first().waitFor({ timeout: 10_000 });
  await palette(page, 'Notifications: Clear All Notifications');
  await palette(page, 'View: Close Primary Side Bar');
  await page.mouse.move(700, 400);
  await page.waitForTimeout(500);
  await shot('bench-report-top');
  // Closing the side bar removes its webview: the report's iframe index moved, so find it again.
  view = await reportFrame(page, 10_000);
  await view.locator('h2', { hasText: 'Charts' }).evaluate((h) => h.scrollIntoView());
  await page.waitForTimeout(300);
  await shot('bench-report');
  await view.locator('h2', { hasText: 'Summary per model' }).evaluate((h) => h.scrollIntoView());
  await page.waitForTimeout(300);
  await shot('bench-report-tables');
  // The same view in a dark theme: VS Code's colours reach the tables and, redrawn in place, the charts.
  await pickTheme(page, 'Dark Modern');
  await view.locator('body.vscode-dark').waitFor({ timeout: 10_000 });
  await page.waitForTimeout(800);
  await shot('bench-report-tables-dark');
  await view.locator('h2', { hasText: 'Charts' }).evaluate((h) => h.scrollIntoView());
  await page.waitForTimeout(400);
  await shot('bench-report-dark');
  if ((await view.locator('body[data-e2e-mark="kept"]').count()) !== 1) throw new Error('the theme switch reloaded the report page');
  if ((await view.locator('canvas').count()) < 4) throw new Error('charts missing after the theme switch');
  await pickTheme(page, 'Light Modern');
  await view.locator('body.vscode-light').waitFor({ timeout: 10_000 });
  await page.waitForTimeout(600);
  await shot('bench-report-light');
  await palette(page, 'View: Toggle Primary Side Bar Visibility');
  mkdirSync(SHOTS, { recursive: true });
  for (const name of ['bench-report', 'bench-report-top', 'bench-report-tables', 'bench-report-tables-dark', 'bench-report-dark', 'bench-report-light']) {
    const latest = readdirSync(shotsDir).filter((f) => f.endsWith(`-${name}.png`)).sort().pop();
    if (latest) copyFileSync(path.join(shotsDir, latest), path.join(SHOTS, `${name}.png`));
  }
}

async function palette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator(QUICK_INPUT).fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function pickTheme(page: Page, theme: string): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await page.locator(`${QUICK_INPUT}[placeholder*="Color Theme"]`).waitFor({ timeout: 10_000 });
  await page.locator(QUICK_INPUT).fill(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^${theme}`) }).first().waitFor();
  await page.keyboard.press('Enter');
}
