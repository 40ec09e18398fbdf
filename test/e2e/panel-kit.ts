/**
 * Helpers for the comparison panel's scenarios (panel.ts): the two webviews (side bar view, editor tab), the
 * composer, the columns, the editor, and a step runner that keeps going after a failed step and leaves a screenshot.
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { Simulators } from '../support/sim-server';
import type { UiStep } from './ui';

export const CODE = 'def add(a, b):\n    return a + b';
export const ANSWER = `Here is the function:\n\n\`\`\`python\n${CODE}\n\`\`\`\n\nIt adds **two** numbers.`;
export const SAMPLE = '# sample\nx = 1\ny = 2\n';
export const HF = 'online-qwen';
export const CODELLAMA = 'local-codellama';
export const QWEN = 'local-qwen';

const QUICK_INPUT = '.quick-input-widget .quick-input-box input';
const VIEW_IFRAME = 'iframe.webview.ready[src*="purpose=webviewView"]';
const TAB_IFRAME = 'iframe.webview.ready:not([src*="purpose=webviewView"])';

/** What every scenario gets. */
export interface PanelCtx {
  page: Page;
  sims: Simulators;
  /** Messages of any `alert`/`confirm`/`prompt` the page opened (there must be none). */
  dialogs: string[];
  shot(name: string): Promise<void>;
}

export type Scenario = [name: string, body: (ctx: PanelCtx) => Promise<void>];

/** The side bar's comparison view. The workbench nests each webview in two iframes. */
export function sideView(page: Page): FrameLocator {
  return page.frameLocator(VIEW_IFRAME).frameLocator('iframe#active-frame');
}

/** The editor tab ("Open comparison in editor tab"): the only webview panel this phase opens. */
export function tabView(page: Page): FrameLocator {
  return page.frameLocator(TAB_IFRAME).frameLocator('iframe#active-frame');
}

/** One model's column, optionally only once it has the given status. */
export function column(view: FrameLocator, id: string, status?: string): Locator {
  return view.locator(`.column[data-column="${id}"]${status ? `[data-status="${status}"]` : ''}`);
}

export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator(QUICK_INPUT);
  // F1 right after a theme switch or a webview's focus change can be lost, or the palette closes again as the focus
  // moves (seen once in ten runs): start over a few times before calling it a failure.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await choose(page, title);
}

/**
 * Accepts the quick-pick row labelled exactly `label`. The first row may be a longer label that also matches, and
 * the list re-renders while it filters (a click can land on another row): move the focus, then press Enter.
 */
async function choose(page: Page, label: string): Promise<void> {
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const exact = page.getByText(label, { exact: true });
  await rows.filter({ has: exact }).first().waitFor();
  for (let i = 0; i < 20; i++) {
    if (await rows.and(page.locator('.focused')).filter({ has: exact }).count()) return page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`"${label}" never got the focus in the quick pick`);
}

/** Sends a prompt and waits until the view shows the new run (prompts are unique per scenario). */
export async function ask(view: FrameLocator, prompt: string): Promise<void> {
  await view.locator('textarea#prompt').fill(prompt);
  await view.locator('textarea#prompt').press('Control+Enter');
  await view.locator('.run-prompt', { hasText: `Prompt: ${prompt}` }).waitFor({ timeout: 10_000 });
}

export async function waitAllDone(view: FrameLocator, n = 3, timeout = 30_000): Promise<void> {
  const ended = '.column[data-status="done"], .column[data-status="error"], .column[data-status="cancelled"]';
  await view.locator(ended).nth(n - 1).waitFor({ timeout });
}

export async function statusOf(view: FrameLocator, id: string): Promise<string | null> {
  return column(view, id).getAttribute('data-status');
}

export async function answerOf(view: FrameLocator, id: string): Promise<string> {
  return (await column(view, id).locator('.answer').textContent()) ?? '';
}

/** Both simulators answer `ANSWER` (both local models installed), with a pause between tokens. */
export function answerEverywhere(sims: Simulators, paceMs = 40): void {
  sims.ollama.setScript({
    models: [
      { name: 'codellama:7b', reply: ANSWER, paceMs },
      { name: 'qwen2.5-coder:3b', reply: ANSWER, paceMs },
    ],
  });
  sims.huggingface.setScript({ chat: { text: ANSWER, chunkDelayMs: paceMs } });
  sims.ollama.reset();
  sims.huggingface.reset();
}

export function hfChatCount(sims: Simulators): number {
  return sims.huggingface.requests.filter((r) => r.kind === 'chat').length;
}

/** The text editor of the active group; the editor renders spaces as non-breaking ones. */
export async function editorText(page: Page): Promise<string> {
  const lines = page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines').first();
  return ((await lines.innerText()) ?? '').replace(/\u00a0/g, ' ');
}

export async function openSample(page: Page): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator(QUICK_INPUT).fill('sample.py');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sample.py' }).first().waitFor();
  await page.keyboard.press('Enter');
  const lines = page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines').first();
  await lines.waitFor();
  await lines.click();
}

/** Puts sample.py back to SAMPLE (saved, so no dirty-file prompt on reload) and selects its first `n` lines. */
export async function resetSampleAndSelect(page: Page, n: number): Promise<void> {
  await openSample(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(SAMPLE);
  await page.keyboard.press('Control+S');
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < n; i++) await page.keyboard.press('Shift+ArrowDown');
}

/**
 * Switches to the preferred dark or light theme (Dark Modern / Light Modern by default). The toggle command is used
 * rather than the theme picker, which previews every row it passes, nor settings.json, which code-server only reads
 * at start.
 */
export async function useTheme(page: Page, kind: 'dark' | 'light'): Promise<void> {
  const wanted = page.locator(kind === 'light' ? '.monaco-workbench.vs' : '.monaco-workbench.vs-dark');
  if (await wanted.count()) return;
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  await wanted.waitFor({ timeout: 15_000 });
}

/** Top-left corners of the three columns, for layout assertions. */
export async function columnBoxes(view: FrameLocator): Promise<Array<{ x: number; y: number; width: number }>> {
  const cols = view.locator('.column');
  const boxes = [];
  for (let i = 0; i < (await cols.count()); i++) {
    const b = await cols.nth(i).boundingBox();
    if (!b) throw new Error(`column ${i} has no box`);
    boxes.push({ x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width) });
  }
  return boxes;
}

/**
 * Runs scenarios one after another; a failed one is recorded with a screenshot and the next one still runs (unless
 * the first one failed).
 */
export async function runScenarios(ctx: PanelCtx, scenarios: Scenario[]): Promise<UiStep[]> {
  const steps: UiStep[] = [];
  // E2E_SCENARIOS=<regex>: only the scenarios whose name matches (and the first, which opens the view).
  const only = process.env.E2E_SCENARIOS ? new RegExp(process.env.E2E_SCENARIOS, 'i') : null;
  for (const [name, body] of scenarios.filter(([n], i) => i === 0 || !only || only.test(n))) {
    // Without the first one (the view opens) every other would only wait for its timeouts.
    if (steps.length > 0 && !steps[0].ok) {
      steps.push({ name, ok: false, seconds: 0, error: 'skipped' });
      continue;
    }
    const t0 = Date.now();
    const seconds = () => (Date.now() - t0) / 1000;
    try {
      await body(ctx);
      steps.push({ name, ok: true, seconds: seconds() });
      console.log(`  ✓ ${name} (${seconds().toFixed(1)} s)`);
    } catch (e) {
      const error = e instanceof Error ? e.message.split('\n')[0] : String(e);
      steps.push({ name, ok: false, seconds: seconds(), error });
      console.log(`  ✗ ${name}: ${error}`);
      await ctx.shot(`FAILED-${name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
      await ctx.page.keyboard.press('Escape').catch(() => undefined);
    }
  }
  return steps;
}

/**
 * The first step of most phases: waits for the workbench and its extensions, switches to the dark theme (light comes
 * at the end), opens the LLM Compare side bar, and moves the pointer off the activity bar (its hover label would
 * cover the view).
 */
export async function openSideBarDark(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const item = page.locator('.activitybar .action-item a[aria-label^="LLM Compare"]').first();
  await item.waitFor({ timeout: 60_000 }); // extensions are registered, built-in themes too
  await useTheme(page, 'dark');
  await item.click();
  await page.mouse.move(800, 500);
}
