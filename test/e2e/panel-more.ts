/**
 * The comparison panel's per-column controls and modes in the real workbench: Retry and Stop of one column, Show
 * diff and Replace selection, the history list, "one after another", the Hugging Face loading countdown.
 */
import * as assert from 'node:assert/strict';
import { hfLoading } from '../support/hf-sim';
import {
  ANSWER, CODELLAMA, HF, QWEN, answerEverywhere, answerOf, ask, column, editorText, hfChatCount, resetSampleAndSelect,
  runCommand, sideView, statusOf, waitAllDone, type PanelCtx, type Scenario,
} from './panel-kit';

const RETRIED = 'Second try:\n\n```python\ndef add(a, b):\n    return b + a  # retried\n```';
const WORDS = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');

async function retryRerunsOnlyThatColumn(ctx: PanelCtx): Promise<void> {
  const { ollama } = ctx.sims;
  answerEverywhere(ctx.sims, 20);
  const view = sideView(ctx.page);
  await ask(view, 'Retry demo');
  await waitAllDone(view);
  const before = { hf: await answerOf(view, HF), codellama: await answerOf(view, CODELLAMA) };
  ollama.setScript({
    models: [
      { name: 'codellama:7b', reply: 'codellama must not run again' },
      { name: 'qwen2.5-coder:3b', reply: RETRIED, paceMs: 30 },
    ],
  });
  ollama.reset();
  ctx.sims.huggingface.reset();
  await column(view, QWEN).locator('button[data-action="retry"]').click();
  await column(view, QWEN).locator('.answer', { hasText: 'retried' }).waitFor({ timeout: 15_000 });
  await column(view, QWEN, 'done').waitFor({ timeout: 15_000 });
  assert.deepEqual(ollama.streams.map((s) => s.model), ['qwen2.5-coder:3b'], 'only the retried model was asked');
  assert.equal(hfChatCount(ctx.sims), 0, 'the online model was not asked again');
  assert.equal(await statusOf(view, HF), 'done');
  assert.equal(await statusOf(view, CODELLAMA), 'done');
  assert.equal(await answerOf(view, HF), before.hf);
  assert.equal(await answerOf(view, CODELLAMA), before.codellama);
  assert.match((await view.locator('.summary').textContent()) ?? '', /3\/3 ok/);
  await ctx.shot('retried-one-column');
}

async function retryWhileStreamingStartsClean(ctx: PanelCtx): Promise<void> {
  const { ollama } = ctx.sims;
  answerEverywhere(ctx.sims, 20);
  ollama.setScript({
    models: [
      { name: 'codellama:7b', reply: ANSWER, paceMs: 20 },
      { name: 'qwen2.5-coder:3b', reply: WORDS(300, 'old'), paceMs: 30 },
    ],
  });
  const view = sideView(ctx.page);
  await ask(view, 'Retry while it streams');
  await column(view, QWEN).locator('.answer', { hasText: 'old5' }).waitFor({ timeout: 10_000 });
  // Every status the column shows from now on, as the user would see it.
  await column(view, QWEN).evaluate((el) => {
    const seen: string[] = [];
    (window as unknown as { __statuses: string[] }).__statuses = seen;
    new MutationObserver(() => seen.push(el.getAttribute('data-status') ?? '')).observe(el, { attributeFilter: ['data-status'] });
  });
  ollama.setScript({ models: [{ name: 'qwen2.5-coder:3b', reply: RETRIED, paceMs: 20 }] });
  await column(view, QWEN).locator('button[data-action="retry"]').click();
  await column(view, QWEN, 'done').waitFor({ timeout: 15_000 });
  const statuses = await column(view, QWEN).evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
  assert.ok(!statuses.includes('cancelled'), `the stopped stream's end showed on the retried column: ${statuses.join(' → ')}`);
  const text = await answerOf(view, QWEN);
  assert.ok(text.includes('retried') && !text.includes('old1'), `only the new answer: ${text.slice(0, 80)}`);
  await waitAllDone(view);
}

async function stopOneColumnLeavesOthers(ctx: PanelCtx): Promise<void> {
  const { ollama, huggingface: hf } = ctx.sims;
  ollama.setScript({
    models: [
      { name: 'codellama:7b', reply: WORDS(400, 'long'), paceMs: 50 },
      { name: 'qwen2.5-coder:3b', reply: WORDS(40, 'q'), paceMs: 60 },
    ],
  });
  hf.setScript({ chat: { text: WORDS(40, 'h'), chunkDelayMs: 60 } });
  ollama.reset();
  hf.reset();
  const view = sideView(ctx.page);
  await ask(view, 'Stop one of them');
  await view.locator('.column[data-status="streaming"]').nth(2).waitFor({ timeout: 15_000 });
  await column(view, CODELLAMA).locator('button[data-action="stop"]').click();
  await column(view, CODELLAMA, 'cancelled').waitFor({ timeout: 10_000 });
  // The others were still streaming when one was stopped, and they go on to the end.
  assert.equal(await statusOf(view, HF), 'streaming');
  assert.equal(await statusOf(view, QWEN), 'streaming');
  await ctx.shot('stopped-one-column');
  await waitAllDone(view);
  assert.equal(await statusOf(view, HF), 'done');
  assert.equal(await statusOf(view, QWEN), 'done');
  const stopped = ollama.streams.find((s) => s.model === 'codellama:7b');
  await stopped?.ended;
  assert.ok(stopped?.clientClosed, 'Ollama saw the stopped column close its connection');
  assert.ok(ollama.streams.find((s) => s.model === 'qwen2.5-coder:3b')?.completed, 'the other local model finished');
  assert.ok(hf.streams[0]?.completed, 'the online model finished');
}

async function showDiffThenReplace(ctx: PanelCtx): Promise<void> {
  const { page } = ctx;
  answerEverywhere(ctx.sims, 5);
  const view = sideView(page);
  await ask(view, 'Diff demo');
  await waitAllDone(view);
  await resetSampleAndSelect(page, 2); // "# sample" and "x = 1"
  await column(view, QWEN).locator('button[data-action="diff"]').click();
  const diff = page.locator('.editor-group-container.active .monaco-diff-editor');
  await diff.waitFor({ timeout: 10_000 });
  await page.locator('.tab.active', { hasText: 'Selection ↔ Qwen2.5-Coder 3B (Ollama)' }).waitFor();
  const side = async (which: 'original' | 'modified') =>
    ((await diff.locator(`.editor.${which} .view-lines`).innerText()) ?? '').replace(/\u00a0/g, ' ');
  await diff.locator('.editor.modified .view-line', { hasText: 'return a + b' }).waitFor();
  const [left, right] = [await side('original'), await side('modified')];
  assert.match(left, /# sample[\s\S]*x = 1/, 'the selection is on the left');
  assert.ok(!left.includes('y = 2'), 'only the selection is on the left');
  assert.match(right, /def add\(a, b\):\s+return a \+ b/, "the answer's code is on the right");
  assert.ok(!right.includes('Here is the function'), 'no prose in the diff');
  await ctx.shot('diff-editor');
  await runCommand(page, 'View: Close Editor');
  await resetSampleAndSelect(page, 2);
  await column(view, QWEN).locator('button[data-action="replace"]').click();
  await page.locator('.editor-instance .view-line', { hasText: 'return a + b' }).waitFor({ timeout: 10_000 });
  const text = await editorText(page);
  assert.ok(!text.includes('# sample') && !text.includes('x = 1'), `the selection is gone: ${text}`);
  assert.match(text, /def add\(a, b\):\n\s+return a \+ b\ny = 2/, 'the code took the place of the selected lines');
  await ctx.shot('replaced-selection');
  await runCommand(page, 'File: Save All'); // focus is in the webview after the click: Ctrl+S would not reach the editor
}

async function historyReopensAnEarlierRun(ctx: PanelCtx): Promise<void> {
  const view = sideView(ctx.page);
  const select = view.locator('select[aria-label="Reopen a previous run"]');
  const value = await select.locator('option', { hasText: 'Retry demo' }).first().getAttribute('value');
  assert.ok(value, 'the retried run is in the history list');
  await select.selectOption(value);
  await view.locator('.run-prompt', { hasText: 'Prompt: Retry demo' }).waitFor({ timeout: 10_000 });
  assert.match(await answerOf(view, QWEN), /retried/, 'the retried column comes back as it ended');
  assert.match(await answerOf(view, HF), /It adds two numbers/);
  assert.equal(await view.locator('.column[data-status="done"]').count(), 3);
  await ctx.shot('history-reopened');
}

async function sequentialRunsOneAtATime(ctx: PanelCtx): Promise<void> {
  const { ollama, huggingface: hf } = ctx.sims;
  answerEverywhere(ctx.sims, 40);
  hf.setScript({ chat: { text: ANSWER, headerDelayMs: 500, chunkDelayMs: 40 } });
  const view = sideView(ctx.page);
  await view.locator('label', { hasText: 'One after another' }).click();
  try {
    await ask(view, 'One after another, please');
    // The online model goes first; the two local ones wait their turn, and say so.
    await view.locator('.column[data-status="queued"]').nth(1).waitFor({ timeout: 5_000 });
    assert.match((await column(view, QWEN).locator('.status').textContent()) ?? '', /Queued/);
    await ctx.shot('sequential-queued');
    await waitAllDone(view);
    assert.equal(await view.locator('.column[data-status="done"]').count(), 3);
    assert.equal(ollama.concurrency.maxActive, 1, 'Ollama never ran two generations at once');
    assert.equal(ollama.streams.length, 2);
    const [first, second] = ollama.streams;
    assert.ok(first.closedAt !== null && second.startedAt >= first.closedAt, 'the second local model started after the first ended');
    // The HF sim keeps wall-clock times, the Ollama sim monotonic ones (a few ms of clock skew allowed).
    const hfEnded = hf.streams[0].closedAt ?? Infinity;
    assert.ok(performance.timeOrigin + first.startedAt >= hfEnded - 50, 'the local models waited for the online one');
  } finally {
    // The mode is a saved preference: later scenarios run in parallel again.
    await view.locator('label', { hasText: 'Parallel' }).click();
  }
}

async function hfLoadingCountdown(ctx: PanelCtx): Promise<void> {
  answerEverywhere(ctx.sims, 20);
  ctx.sims.huggingface.setScript({ chat: [hfLoading(2), { text: ANSWER, chunkDelayMs: 20 }] });
  const view = sideView(ctx.page);
  await ask(view, 'Wait for the online model');
  const hfColumn = column(view, HF);
  await column(view, HF, 'waiting').waitFor({ timeout: 10_000 });
  assert.match((await hfColumn.locator('.status').textContent()) ?? '', /Model loading on Hugging Face: retrying in [12] s \(attempt 1\)/);
  await ctx.shot('hf-loading-countdown');
  await waitAllDone(view);
  assert.equal(await statusOf(view, HF), 'done');
  assert.equal(hfChatCount(ctx.sims), 2, 'asked once, told to wait, asked again');
}

export const moreScenarios: Scenario[] = [
  ['Retry of one column reruns only that column', retryRerunsOnlyThatColumn],
  ['Retry of a column while it streams starts it over cleanly', retryWhileStreamingStartsClean],
  ['Stop of one column leaves the others finishing', stopOneColumnLeavesOthers],
  ["Show diff opens VS Code's diff editor, Replace puts the code over the selection", showDiffThenReplace],
  ['the history list reopens an earlier run', historyReopensAnEarlierRun],
  ['"one after another" queues columns and Ollama never runs two at once', sequentialRunsOneAtATime],
  ['the Hugging Face "model loading" countdown shows in its column', hfLoadingCountdown],
];
