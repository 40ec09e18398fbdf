/** Headless Debian Chromium through playwright-core, and the workbench URL that loads our extension. */
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { CodeServer } from './code-server';
import { REPO } from './code-server';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The workbench on `folder`, with the repository loaded as the extension under development (no install step). */
export function workbenchUrl(server: CodeServer, folder: string, extra: Array<[string, string]> = []): string {
  const payload: Array<[string, string]> = [['extensionDevelopmentPath', server.remote(REPO)], ...extra];
  return `${server.url}?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}


/** A page of `width`×`height` for the workbench; its script errors are logged (a webview's included). */
export async function newWorkbenchPage(browser: Browser, width = 1500, height = 950): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
  page.on('pageerror', (e) => console.log(`  [pageerror] ${e.message}`));
  return page;
}

/**
 * Screenshots `<prefix>-NN-<name>.png` in `dir`, numbered in the order taken. `settled`: headless Chromium can hand
 * back an older composited frame than the page shows (a light-theme shot came out dark), so a first capture is thrown
 * away, and animations are finished first (a closed toast fading out is not in the shot).
 */
export function numberedShots(page: Page, dir: string, prefix: string, settled = false): (name: string) => Promise<void> {
  let n = 0;
  return async (name) => {
    const animations = settled ? 'disabled' : 'allow';
    if (settled) await page.screenshot({ animations });
    await page.screenshot({ path: path.join(dir, `${prefix}-${String(++n).padStart(2, '0')}-${name}.png`), animations });
  };
}
