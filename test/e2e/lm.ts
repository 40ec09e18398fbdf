/**
 * Phase "lm": VS Code's language models, both ways, in code-server 4.139.1 (VS Code 1.139.1; the provider API
 * exists since 1.104) with the test-only stand-in extension (test/e2e/fixtures/lm-standin) beside ours:
 *   1. the extension-host suite "VS Code language models" (our models selected by vendor from the stand-in
 *      extension, token counts, cancellation reaching the simulator; stand-in columns, their errors and Stop);
 *   2. the panel: the chooser lists the stand-in's models beside the configured ones (with their hosts), a
 *      four-column run (Hugging Face + two Ollama simulators + a stand-in model) with correct badges, Stop reaching
 *      the stand-in, and a failing stand-in model isolated in its column.
 * Screenshots: `lm-NN-<name>.png`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { startSimulators } from '../support/sim-server';
import { launchChromium, newWorkbenchPage, numberedShots, workbenchUrl } from './browser';
import { REPO, startCodeServer, type CodeServer } from './code-server';
import {
  ANSWER, CODELLAMA, HF, QWEN, answerEverywhere, ask, column, runCommand, runScenarios, sideView, tabView, waitAllDone, useTheme,
  type PanelCtx, type Scenario,
} from './panel-kit';
import type { UiStep } from './ui';

const STANDIN = path.join(REPO, 'test/e2e/fixtures/lm-standin');
const CODER = 'vscode-lm.standin.standin-coder';
const SLOW = 'vscode-lm.standin.standin-slow';
const BROKEN = 'vscode-lm.standin.standin-broken';

type LogLine = { event: string; model: string };
const logOf = (file: string): LogLine[] => {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
  } catch {
    return [];
  }
};

async function waitUntil(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ticks or unticks a model in the chooser of `view`. */
async function tick(view: ReturnType<typeof sideView>, id: string, on: boolean): Promise<void> {
  const box = view.locator(`.chooser input[data-model="${id}"]`);
  if ((await box.isChecked()) !== on) await box.click();
}

function scenarios(logFile: string): Scenario[] {
  const openTab = async ({ page }: PanelCtx) => {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar .action-item a[aria-label^="LLM Compare"]').first().waitFor({ timeout: 60_000 });
    await useTheme(page, 'dark');
    await runCommand(page, 'LLM Compare: Open comparison in editor tab');
    await tabView(page).locator('textarea#prompt').waitFor({ timeout: 60_000 });
  };

  const chooserListsBoth = async (ctx: PanelCtx) => {
    const view = tabView(ctx.page);
    // The stand-in's models arrive when its extension has registered them.
    await view.locator(`.chooser input[data-model="${CODER}"]`).waitFor({ timeout: 30_000 });
    for (const id of [HF, CODELLAMA, QWEN]) assert.equal(await view.locator(`.chooser input[data-model="${id}"]`).isChecked(), true, `${id} ticked by default`);
    for (const id of [CODER, SLOW, BROKEN]) assert.equal(await view.locator(`.chooser input[data-model="${id}"]`).isChecked(), false, `${id} not ticked by default`);
    // Every configured model shows where it runs; the chat models show their vendor.
    const where = async (id: string) => (await view.locator(`.choice:has(input[data-model="${id}"]) .choice-where`).textContent()) ?? '';
    assert.match(await where(CODELLAMA), /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(await where(HF), /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.equal(await where(CODER), 'standin');
    assert.equal(await view.locator('.chooser-note').isHidden(), true, 'no "needs 1.104" note here');
    // Our own models are offered to VS Code chat, not listed back as chat models.
    assert.equal(await view.locator('.chooser input[data-model^="vscode-lm.llm-compare."]').count(), 0);
    await tick(view, CODER, true);
    assert.equal(await view.locator('.column').count(), 4, 'the idle columns follow the chooser');
    assert.equal(await column(view, CODER).locator('.model').textContent(), 'VS Code chat (standin) · standin-coder');
    await ctx.shot('chooser');
  };

  const fourColumns = async (ctx: PanelCtx) => {
    answerEverywhere(ctx.sims, 30);
    const view = tabView(ctx.page);
    await ask(view, 'Write add(a, b) in four columns');
    await waitAllDone(view, 4);
    assert.equal(await view.locator('.column[data-status="done"]').count(), 4);
    const header = async (id: string) => (await column(view, id).locator('.model').textContent()) ?? '';
    assert.match(await header(HF), /^Hugging Face · /);
    assert.match(await header(CODELLAMA), /^Ollama · codellama:7b$/);
    assert.equal(await header(CODER), 'VS Code chat (standin) · standin-coder');
    assert.match((await column(view, CODER).locator('.answer').textContent()) ?? '', /def add\(a, b\)/);
    // Client-clock timings, chars, and tokens from the stand-in's tokenizer: not marked as an estimate.
    const badges = (await column(view, CODER).locator('.badges').textContent()) ?? '';
    assert.match(badges, /first token \d/);
    assert.match(badges, /total \d/);
    assert.match(badges, /\d+ chars/);
    assert.ok(!/est\./.test(badges), `chat-model tokens marked as estimate: ${badges}`);
    assert.match((await view.locator('.summary').textContent()) ?? '', /4\/4 ok/);
    await ctx.shot('four-columns');
  };

  const stopReachesStandin = async (ctx: PanelCtx) => {
    const view = tabView(ctx.page);
    await tick(view, CODER, false);
    await tick(view, SLOW, true);
    const before = logOf(logFile).filter((l) => l.model === 'standin-slow' && l.event === 'cancelled').length;
    await ask(view, 'Write add(a, b) slowly');
    await column(view, SLOW, 'streaming').waitFor({ timeout: 15_000 });
    await column(view, SLOW).locator('button[data-action="stop"]').click();
    await column(view, SLOW, 'cancelled').waitFor({ timeout: 10_000 });
    await waitUntil('the stand-in to see the cancellation', () => logOf(logFile).filter((l) => l.model === 'standin-slow' && l.event === 'cancelled').length > before);
    await waitAllDone(view, 4);
    assert.equal(await view.locator('.column[data-status="done"]').count(), 3, 'the other columns finish');
    await ctx.shot('stopped-standin');
  };

  const failureIsolated = async (ctx: PanelCtx) => {
    const view = tabView(ctx.page);
    await tick(view, SLOW, false);
    await tick(view, BROKEN, true);
    await ask(view, 'Write add(a, b) with a broken model');
    await waitAllDone(view, 4);
    assert.equal(await column(view, BROKEN).getAttribute('data-status'), 'error');
    assert.match((await column(view, BROKEN).locator('.error').textContent()) ?? '', /Stand-in Broken.*blocked this request/);
    assert.equal(await view.locator('.column[data-status="done"]').count(), 3);
    await ctx.shot('broken-standin');
  };

  return [
    ['the editor tab opens on VS Code 1.139', openTab],
    ['the chooser lists configured models with their hosts and the VS Code chat models', chooserListsBoth],
    ['four columns: Hugging Face, two Ollama models and a stand-in chat model', fourColumns],
    ['Stop on a chat-model column reaches its provider', stopReachesStandin],
    ['a failing chat model stays in its column', failureIsolated],
  ];
}

/** Opens the workbench (which starts the extension host) and waits for the stand-in's test result file. */
async function runSuiteInWorkbench(server: CodeServer, ws: string, resultFile: string, timeoutMs = 150_000): Promise<{ failed: string | null; lines: string[] }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(workbenchUrl(server, ws));
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        return JSON.parse(readFileSync(resultFile, 'utf8')) as { failed: string | null; lines: string[] };
      } catch {
        if (Date.now() > end) return { failed: 'timed out: no result from the stand-in test runner', lines: [] };
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await browser.close();
  }
}

/** Runs both parts of the phase; returns one line for the summary and whether it failed. */
export async function runLmPhase(runDir: string, shotsDir: string, apiKey: string): Promise<{ lines: string[]; failed: boolean }> {
  const lines: string[] = [];
  let failed = false;
  const logFile = path.join(runDir, 'lm-standin.log');
  writeFileSync(logFile, '');
  // Ours first, installed as a link to the repository (see part 1).
  const extensions = [REPO, STANDIN];

  // 1. The extension-host suite, filtered to the language-model tests (the floor phase runs the rest). VS Code 1.139's
  //    built workbench ignores the URL's extensionDevelopmentPath/extensionTestsPath (only honoured with its
  //    smoke-test driver, which code-server cannot enable), so our extension is installed (a link to the repository)
  //    and the stand-in extension runs the suite in the same extension host.
  const ws = path.join(runDir, 'lm-ws');
  mkdirSync(ws, { recursive: true });
  const resultFile = path.join(runDir, 'lm-integration.json');
  const exthost = await startCodeServer(runDir, 'lm-exthost', ws, {
    LM_STANDIN_LOG: logFile,
    LLM_COMPARE_TEST_GREP: 'VS Code language models',
    LM_STANDIN_RUN_TESTS: path.join(REPO, 'out/test/integration/index.js'),
    LM_STANDIN_TEST_RESULT: resultFile,
  }, {}, { flavor: 'lm', extensions });
  try {
    const t0 = Date.now();
    const r = await runSuiteInWorkbench(exthost, ws, resultFile);
    r.lines.forEach((l) => console.log(`  │ ${l}`));
    const passing = r.lines.filter((l) => /^\s+✔ /.test(l)).length;
    lines.push(`lm extension host (VS Code 1.139): ${passing} passing, ${r.failed ? `FAILED: ${r.failed}` : 'none failed'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    // Every test of the 1.104+ suite must have run: a skip there means the feature or the stand-in did not load.
    failed ||= r.failed !== null || passing < 4;
  } finally {
    await exthost.stop();
  }

  // 2. The panel.
  const sims = await startSimulators({
    ollama: { models: [{ name: 'codellama:7b', reply: ANSWER }, { name: 'qwen2.5-coder:3b', reply: ANSWER }] },
    huggingface: { chat: { text: ANSWER } },
  });
  const pws = path.join(runDir, 'lm-panel-ws');
  mkdirSync(pws, { recursive: true });
  let steps: UiStep[] = [];
  try {
    const server = await startCodeServer(runDir, 'lm-panel', pws, {
      OLLAMA_HOST: sims.ollama.url, HF_ENDPOINT_URL: `${sims.huggingface.url}/v1`, HF_API_KEY: apiKey, LM_STANDIN_LOG: logFile,
    }, {}, { flavor: 'lm', extensions });
    const browser = await launchChromium();
    try {
      const page = await newWorkbenchPage(browser, 1600);
      const shot = numberedShots(page, shotsDir, 'lm');
      await page.goto(workbenchUrl(server, pws));
      steps = await runScenarios({ page, sims, dialogs: [], shot }, scenarios(logFile));
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    await sims.close();
  }
  const bad = steps.filter((s) => !s.ok);
  lines.push(`lm panel (VS Code 1.139): ${steps.length} scenarios, ${bad.length} failed (${steps.reduce((t, s) => t + s.seconds, 0).toFixed(1)} s)`);
  failed ||= bad.length > 0 || steps.length === 0;
  return { lines, failed };
}
