/**
 * What the panel and reliability phases both stand on: a workspace holding sample.py, the Ollama and Hugging Face
 * simulators answering ANSWER for the default three model slots, a code-server pointed at them through the
 * environment, and Chromium with one workbench page open on the workspace.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startSimulators, type Simulators } from '../support/sim-server';
import { launchChromium, newWorkbenchPage, workbenchUrl } from './browser';
import { startCodeServer, type CodeServer } from './code-server';
import { ANSWER, SAMPLE } from './panel-kit';

export interface PanelStand {
  sims: Simulators;
  server: CodeServer;
  browser: Browser;
  page: Page;
  /** Everything the page's dialogs said (a "Leave site?" on reload is accepted and not counted). */
  dialogs: string[];
  /** Uncaught errors of the workbench page, from its first load on. */
  pageErrors: string[];
  /** Closes the browser and code-server; the simulators stay up until `close`. */
  stopWorkbench(): Promise<void>;
  close(): Promise<void>;
}

export async function startPanelStand(runDir: string, name: string, apiKey: string): Promise<PanelStand> {
  const ws = path.join(runDir, `${name}-ws`);
  mkdirSync(ws, { recursive: true });
  writeFileSync(path.join(ws, 'sample.py'), SAMPLE);
  const sims = await startSimulators({
    ollama: { models: [{ name: 'codellama:7b', reply: ANSWER }, { name: 'qwen2.5-coder:3b', reply: ANSWER }] },
    huggingface: { chat: { text: ANSWER } },
  });
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const stopWorkbench = async () => {
    await browser?.close();
    await server?.stop();
    browser = undefined;
    server = undefined;
  };
  try {
    server = await startCodeServer(runDir, name, ws, {
      OLLAMA_HOST: sims.ollama.url,
      // The HF simulator stands in for Hugging Face itself (router + Hub), where the HF token may go.
      HF_ROUTER_URL: sims.huggingface.url,
      HF_HUB_URL: sims.huggingface.url,
      HF_API_KEY: apiKey,
    });
    browser = await launchChromium();
    const page = await newWorkbenchPage(browser);
    const dialogs: string[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => {
      if (d.type() === 'beforeunload') return void d.accept();
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(workbenchUrl(server, ws));
    const close = async () => {
      await stopWorkbench();
      await sims.close();
    };
    return { sims, server, browser, page, dialogs, pageErrors, stopWorkbench, close };
  } catch (e) {
    await stopWorkbench();
    await sims.close();
    throw e;
  }
}
