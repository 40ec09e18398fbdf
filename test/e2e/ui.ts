/**
 * Phase 2: the workbench driven as a person would: command palette, input box, editor, context menu, status bar,
 * notifications, walkthrough. Every step leaves a screenshot in the run folder (look at them: a passing step on a
 * broken-looking screen is still a bug).
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, workbenchUrl } from './browser';
import type { CodeServer } from './code-server';
import { runBenchmarkFromPalette } from './bench.ui.e2e';
import { runCommand } from './panel-kit';

export interface UiStep {
  name: string;
  ok: boolean;
  seconds: number;
  error?: string;
}

const QUICK_INPUT = '.quick-input-widget .quick-input-box input';

function editorArea(page: Page) {
  return page.locator('.part.editor').first();
}

function toast(page: Page, text: string | RegExp) {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

async function closeToasts(page: Page): Promise<void> {
  // Notifications cover the status bar and the editor's bottom-right: clear them between steps.
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
  await page.keyboard.press('Escape');
}

export async function runUiScenarios(server: CodeServer, workspace: string, shotsDir: string, expectOllamaVersion: string): Promise<UiStep[]> {
  const browser = await launchChromium();
  const steps: UiStep[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`  [pageerror] ${e.message}`));
    let n = 0;
    const shot = (name: string) => page.screenshot({ path: path.join(shotsDir, `${String(++n).padStart(2, '0')}-${name}.png`) });
    const step = async (name: string, body: () => Promise<void>) => {
      const t0 = Date.now();
      try {
        await body();
        steps.push({ name, ok: true, seconds: (Date.now() - t0) / 1000 });
        console.log(`  ✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (e) {
        const error = e instanceof Error ? e.message.split('\n')[0] : String(e);
        steps.push({ name, ok: false, seconds: (Date.now() - t0) / 1000, error });
        console.log(`  ✗ ${name}: ${error}`);
        await shot(`FAILED-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
        await page.keyboard.press('Escape').catch(() => undefined);
      }
    };
    const status = page.locator('.statusbar-item', { hasText: `Ollama ${expectOllamaVersion}` }).first();
    const editorLines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();

    await step('the extension waits to be used: no activation at start-up, the first command activates it', async () => {
      await page.goto(workbenchUrl(server, workspace));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      // Contributions are there (activity bar icon) but nothing runs: no Ollama status item, so no probe either.
      await page.locator('.activitybar .action-item a[aria-label^="LLM Compare"]').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(3_000);
      if ((await page.locator('.statusbar-item', { hasText: 'Ollama' }).count()) > 0) throw new Error('the extension activated at start-up');
      await runCommand(page, 'LLM Compare: Show Ollama status');
      await page.locator('.quick-input-widget', { hasText: `Ollama ${expectOllamaVersion} at http://127.0.0.1` }).waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      await status.waitFor({ timeout: 30_000 });
      await shot('ready');
    });

    await step('Generate code from the command palette streams code into the editor', async () => {
      await page.keyboard.press('Control+P');
      await page.locator(QUICK_INPUT).fill('sample.py');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sample.py' }).first().waitFor();
      await page.keyboard.press('Enter');
      await editorLines.waitFor();
      await editorLines.click();
      await page.keyboard.press('Control+End');
      await runCommand(page, 'LLM Compare: Generate code');
      const input = page.locator(QUICK_INPUT);
      await page.locator('.quick-input-widget', { hasText: 'Describe the code' }).waitFor();
      await input.pressSequentially('fizzbuzz for one number', { delay: 15 });
      await shot('generate-input');
      await page.keyboard.press('Enter');
      await page.locator('.editor-group-container.active .view-lines', { hasText: 'def fizzbuzz' }).waitFor({ timeout: 20_000 });
      await toast(page, /Inserted \d+ lines/).waitFor({ timeout: 20_000 });
      const text = ((await editorLines.textContent()) ?? '').replace(/\u00a0/g, ' '); // the editor renders spaces as nbsp
      if (!text.includes('return str(n)')) throw new Error('the generated code is incomplete in the editor');
      if (/Here is a version|```/.test(text)) throw new Error('prose or a fence reached the editor');
      await shot('generated');
      await closeToasts(page);
    });

    await step('the context menu on a selection offers Explain selection, which streams an explanation', async () => {
      await editorLines.click();
      await page.keyboard.press('Control+A');
      await editorLines.click({ button: 'right' });
      const item = page.locator('.monaco-menu .action-item', { hasText: /^Explain selection$/ }).first();
      await item.waitFor({ timeout: 10_000 });
      await page.locator('.monaco-menu .action-item', { hasText: 'Explain selection with all models' }).first().waitFor();
      await shot('context-menu');
      await item.click();
      // The comparison panel takes explanations when it is there; without it they stream into a side document.
      const inPanel = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('body', { hasText: 'Checking 15 first matters' });
      const inDocument = page.locator('.editor-group-container .view-lines', { hasText: 'Checking 15 first matters' });
      await inPanel.or(inDocument).first().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(300); // let the last refresh (footer, metrics) land before the screenshot
      await shot('explained');
      await runCommand(page, 'View: Close All Editors');
    });

    await step('the status bar item opens the Ollama diagnosis with actions', async () => {
      await closeToasts(page);
      await status.click();
      await page.locator('.quick-input-widget', { hasText: `Ollama ${expectOllamaVersion} at http://127.0.0.1` }).waitFor({ timeout: 10_000 });
      const pull = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Pull missing models (1)' }).first();
      await pull.waitFor();
      await shot('status-quickpick');
      await pull.click();
      await editorArea(page).hover(); // the status item's hover would cover the progress notification
      await page.waitForTimeout(400);
      await toast(page, 'Pulling qwen2.5-coder:3b').waitFor({ timeout: 10_000 });
      await toast(page, /of 1\.9 GB/).waitFor({ timeout: 10_000 });
      await shot('pull-progress');
      await toast(page, 'Installed in Ollama: qwen2.5-coder:3b').waitFor({ timeout: 30_000 });
      // The status refreshes after the pull: the "missing models" cloud icon goes away.
      await page.locator(`.statusbar-item:has-text("Ollama ${expectOllamaVersion}"):not(:has(.codicon-cloud-download))`).first().waitFor({ timeout: 10_000 });
      await shot('pulled');
      await closeToasts(page);
    });

    await step('Run benchmark from the palette ends in a report tab with charts and tables', async () => {
      await runBenchmarkFromPalette(page, shot, shotsDir);
      await closeToasts(page);
      await runCommand(page, 'View: Close All Editors');
    });

    await step('the walkthrough lists the four first-run steps', async () => {
      await runCommand(page, 'Welcome: Open Walkthrough...');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with LLM Compare' }).first().click();
      await page.locator('.gettingStartedContainer', { hasText: 'Set your Hugging Face API key' }).waitFor({ timeout: 10_000 });
      await page.locator('.gettingStartedContainer', { hasText: 'Open the comparison' }).waitFor();
      await shot('walkthrough');
    });
  } finally {
    await browser.close();
  }
  return steps;
}
