/**
 * What a first user trips over (issue 16), in the real workbench: Stop on a column still queued in "one after
 * another", a link in an answer (one path, with VS Code's confirmation), invisible characters in an answer (shown,
 * and Insert asks first), and the code block's Copy button beside, not over, long lines.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import {
  CODELLAMA, HF, QWEN, answerEverywhere, ask, column, editorText, resetSampleAndSelect, runCommand, sideView, statusOf,
  waitAllDone, type PanelCtx, type Scenario,
} from './panel-kit';

const WORDS = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');
const RLO = '\u202e';
const LRI = '\u2066';
const PDI = '\u2069';
/** Displays as a comment after the string, runs as a longer string: the classic disguised check. */
const TROJAN_LINE = `access_level = "user${RLO} ${LRI}// Check if admin${PDI} ${LRI}"`;
const TROJAN = `Here is the check:\n\n\`\`\`python\ndef is_admin(user):\n    ${TROJAN_LINE}\n    return access_level != "user"\n\`\`\`\n`;
const LINK = 'https://example.com/llm-compare-docs';

/** The modal dialog of the workbench (VS Code draws it in the page, not as a browser dialog). */
function workbenchDialog(page: Page, text: string | RegExp) {
  return page.locator('.monaco-dialog-box', { hasText: text });
}

async function stopQueuedColumn(ctx: PanelCtx): Promise<void> {
  const { ollama, huggingface: hf } = ctx.sims;
  answerEverywhere(ctx.sims, 30);
  // The online model goes first and takes its time; the two local ones wait their turn.
  hf.setScript({ chat: { text: WORDS(120, 'h'), chunkDelayMs: 60 } });
  const view = sideView(ctx.page);
  await view.locator('label', { hasText: 'One after another' }).click();
  try {
    await ask(view, 'Stop the one that waits');
    await column(view, HF, 'streaming').waitFor({ timeout: 10_000 });
    await column(view, QWEN, 'queued').waitFor({ timeout: 5_000 });
    const t0 = Date.now();
    await column(view, QWEN).locator('button[data-action="stop"]').click();
    await column(view, QWEN, 'cancelled').waitFor({ timeout: 2_000 });
    const ms = Date.now() - t0;
    // At once: the model ahead of it is still streaming.
    assert.equal(await statusOf(view, HF), 'streaming', `the stop waited for the model ahead (${ms} ms)`);
    assert.equal(await column(view, QWEN).locator('.status').textContent(), 'Cancelled');
    assert.ok(await column(view, QWEN).locator('button[data-action="stop"]').isDisabled(), 'Stop is disabled once cancelled');
    await ctx.shot('sequential-queued-column-stopped');
    await waitAllDone(view, 3, 30_000);
    assert.equal(await statusOf(view, HF), 'done');
    assert.equal(await statusOf(view, CODELLAMA), 'done');
    assert.equal(await statusOf(view, QWEN), 'cancelled');
    assert.deepEqual(ollama.streams.map((s) => s.model), ['codellama:7b'], 'the stopped model never received a request');
    console.log(`    queued column showed "cancelled" ${ms} ms after the click (the online model was still streaming)`);
  } finally {
    await view.locator('label', { hasText: 'Parallel' }).click();
  }
}

async function linkOpensOnceAfterConfirmation(ctx: PanelCtx): Promise<void> {
  const { page } = ctx;
  const answer = `See [the docs](${LINK}) for more.`;
  answerEverywhere(ctx.sims, 5);
  ctx.sims.ollama.setScript({ models: [{ name: 'codellama:7b', reply: answer }, { name: 'qwen2.5-coder:3b', reply: answer }] });
  const view = sideView(page);
  await ask(view, 'Give me a link');
  await waitAllDone(view);
  const opened: string[] = [];
  const onPage = (p: Page) => opened.push(p.url());
  page.context().on('page', onPage);
  try {
    await column(view, CODELLAMA).locator('.answer a', { hasText: 'the docs' }).click();
    // VS Code's link protection asks once; nothing opened before the answer.
    const dialog = workbenchDialog(page, /open the external website/i);
    await dialog.waitFor({ timeout: 10_000 });
    assert.match((await dialog.textContent()) ?? '', /example\.com/);
    await ctx.shot('link-confirmation');
    assert.deepEqual(opened, [], 'nothing opened before the confirmation');
    await dialog.locator('.monaco-button', { hasText: /^Open$/ }).click();
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    // A second path would show a second confirmation, or open a second page: give it time to.
    await page.waitForTimeout(2_000);
    assert.equal(await workbenchDialog(page, /open the external website/i).count(), 0, 'a second confirmation appeared');
    assert.equal(opened.length, 1, `pages opened: ${JSON.stringify(opened)}`);
    console.log(`    one confirmation, one page opened (${opened[0] || 'about:blank'})`);
  } finally {
    page.context().off('page', onPage);
    for (const p of page.context().pages()) if (p !== page) await p.close().catch(() => undefined);
    await page.bringToFront();
  }
}

/** Rectangles of every character of the code block's lines that is visible, and of its Copy button. */
async function copyButtonOverlaps(view: FrameLocator, id: string, scroll: 'start' | 'end'): Promise<{ overlaps: string[]; lines: number }> {
  return column(view, id).locator('.answer pre').first().evaluate((pre, where) => {
    const scroller = pre as HTMLElement;
    scroller.scrollLeft = where === 'end' ? scroller.scrollWidth : 0;
    // Inside the block's header row now; inside the <pre> itself before.
    const button = scroller.closest('.code-block')?.querySelector('button.copy-code') ?? scroller.querySelector('button.copy-code');
    if (!button) throw new Error('no copy button');
    const b = button.getBoundingClientRect();
    const clip = scroller.getBoundingClientRect();
    const code = scroller.querySelector('code')!;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const overlaps: string[] = [];
    let lines = 1;
    let last = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '\n') {
          lines++;
          continue;
        }
        last = lines;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const c = r.getBoundingClientRect();
        const visible = c.right > clip.left && c.left < clip.right && c.bottom > clip.top && c.top < clip.bottom;
        const under = c.right > b.left && c.left < b.right && c.bottom > b.top && c.top < b.bottom;
        if (visible && under) overlaps.push(`line ${lines} "${text[i]}"`);
      }
    }
    return { overlaps, lines: last };
  }, scroll);
}

async function copyButtonBesideLongLines(ctx: PanelCtx): Promise<void> {
  // Long lines first (the top is where a corner button sits), then shorter and shorter ones: whatever the view's
  // width, some line ends right at its right edge.
  const lines = Array.from({ length: 12 }, (_, i) => `line_${i} = "${'x'.repeat(4 + (11 - i) * 8)}"`);
  const answer = `Long lines:\n\n\`\`\`text\n${lines.join('\n')}\n\`\`\`\n`;
  answerEverywhere(ctx.sims, 5);
  ctx.sims.ollama.setScript({ models: [{ name: 'codellama:7b', reply: answer }, { name: 'qwen2.5-coder:3b', reply: answer }] });
  const view = sideView(ctx.page);
  await ask(view, 'Long code lines');
  await waitAllDone(view);
  for (const scroll of ['start', 'end'] as const) {
    const { overlaps, lines: n } = await copyButtonOverlaps(view, CODELLAMA, scroll);
    assert.equal(n, lines.length);
    assert.deepEqual(overlaps.slice(0, 5), [], `the Copy button covers ${overlaps.length} characters (scrolled to the ${scroll})`);
  }
  await column(view, CODELLAMA).locator('.answer pre').first().evaluate((pre) => (pre.scrollLeft = 0));
  await column(view, CODELLAMA).locator('.code-block').first().hover();
  await ctx.shot('copy-button-beside-long-lines');
}

async function invisibleCharactersShownAndInsertAsks(ctx: PanelCtx): Promise<void> {
  const { page } = ctx;
  answerEverywhere(ctx.sims, 5);
  ctx.sims.ollama.setScript({ models: [{ name: 'codellama:7b', reply: TROJAN }, { name: 'qwen2.5-coder:3b', reply: TROJAN }] });
  const view = sideView(page);
  await ask(view, 'Write is_admin');
  await waitAllDone(view);
  const code = column(view, CODELLAMA).locator('.answer pre code');
  const shown = (await code.textContent()) ?? '';
  assert.ok(![RLO, LRI, PDI].some((c) => shown.includes(c)), 'a raw bidi control character reached the page');
  assert.match(shown, /access_level = "userU\+202E U\+2066\/\/ Check if adminU\+2069 U\+2066"/);
  assert.equal(await code.locator('.invisible-char').count(), 4);
  assert.match((await code.locator('.invisible-char').first().getAttribute('title')) ?? '', /RIGHT-TO-LEFT OVERRIDE/);
  await code.locator('.invisible-char').first().scrollIntoViewIfNeeded();
  await ctx.shot('invisible-characters-shown');
  // The side bar is narrow: the rest of the line, scrolled into view.
  await code.locator('.invisible-char').last().scrollIntoViewIfNeeded();
  await ctx.shot('invisible-characters-shown-line-end');
  await code.evaluate((el) => ((el.parentElement as HTMLElement).scrollLeft = 0));

  // Insert asks first; Cancel leaves the file alone.
  await resetSampleAndSelect(page, 0);
  await page.keyboard.press('Control+End');
  const before = await editorText(page);
  await column(view, CODELLAMA).locator('button[data-action="insert"]').click();
  const dialog = workbenchDialog(page, /invisible character/);
  await dialog.waitFor({ timeout: 10_000 });
  const said = (await dialog.textContent()) ?? '';
  assert.match(said, /4 invisible characters \(U\+202E RIGHT-TO-LEFT OVERRIDE/);
  assert.match(said, /line 2: access_level = "user⟦U\+202E RLO⟧/);
  await ctx.shot('insert-asks-about-invisible-characters');
  await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForTimeout(500);
  assert.equal(await editorText(page), before, 'Cancel inserted nothing');

  // "Insert anyway" inserts the code as written; the editor marks the characters itself.
  await column(view, CODELLAMA).locator('button[data-action="insert"]').click();
  await dialog.waitFor({ timeout: 10_000 });
  await dialog.locator('.monaco-button', { hasText: 'Insert anyway' }).click();
  await page.locator('.editor-instance .view-line', { hasText: 'def is_admin' }).waitFor({ timeout: 10_000 });
  await ctx.shot('inserted-anyway-editor-marks-them');
  await runCommand(page, 'File: Revert File');

  // The block's Copy button copies the code as written: the labels go back to being the characters.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await column(view, CODELLAMA).locator('button.copy-code').first().click();
  await column(view, CODELLAMA).locator('button.copy-code', { hasText: 'Copied' }).waitFor({ timeout: 5_000 });
  let copied = '';
  for (let i = 0; i < 20 && !copied.includes('is_admin'); i++) {
    await page.waitForTimeout(100);
    copied = await page.evaluate(() => navigator.clipboard.readText());
  }
  assert.ok(copied.includes(TROJAN_LINE), `the copied code is not the code as written: ${JSON.stringify(copied)}`);
}

export const firstUserScenarios: Scenario[] = [
  ['Stop on a queued column ("one after another") cancels it at once and its model is never asked', stopQueuedColumn],
  ['a link in an answer opens once, after one confirmation', linkOpensOnceAfterConfirmation],
  ["the code block's Copy button never covers the end of a long line", copyButtonBesideLongLines],
  ['invisible characters in an answer are shown, Copy keeps them, and Insert asks before inserting them', invisibleCharactersShownAndInsertAsks],
];
