/** Headless Debian Chromium through playwright-core, and the workbench URL that loads our extension. */
import { chromium, type Browser } from 'playwright-core';
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

