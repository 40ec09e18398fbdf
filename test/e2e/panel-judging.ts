/**
 * Blind judging in the real workbench: a blind run shows letters only (checked in the webview's DOM, not only on
 * screen), the vote works from the keyboard, the reveal puts the names on the answers the user judged, the
 * leaderboard follows, and the votes survive a window reload.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { CODELLAMA, HF, QWEN, ask, column, runCommand, sideView, tabView, waitAllDone, type PanelCtx, type Scenario } from './panel-kit';

/** Each model answers with its own word, so the reveal can be checked against what was judged. */
const WORD: Record<string, string> = { [HF]: 'Alpha', [CODELLAMA]: 'Bravo', [QWEN]: 'Charlie' };
const answer = (w: string) => `${w} wrote:\n\n\`\`\`python\ndef add(a, b):\n    return a + b  # ${w}\n\`\`\``;
/** Anything that would tell who answered or how fast: names, providers, hosts, slot ids, timing badges. */
const TELLS = /qwen|codellama|ollama|hugging\s?face|online-|local-|127\.0\.0\.1|first token|tok\/s|total \d|\d+(\.\d+)? ?(ms|s)\b/i;

function answerWithWords(ctx: PanelCtx, paceMs = 25): void {
  ctx.sims.ollama.setScript({
    models: [
      { name: 'codellama:7b', reply: answer(WORD[CODELLAMA]), paceMs },
      { name: 'qwen2.5-coder:3b', reply: answer(WORD[QWEN]), paceMs },
    ],
  });
  ctx.sims.huggingface.setScript({ chat: { text: answer(WORD[HF]), chunkDelayMs: paceMs } });
}

async function webviewHtml(view: FrameLocator): Promise<string> {
  return view.locator('html').evaluate((el) => el.outerHTML);
}

function assertNoTell(html: string, when: string): void {
  const tell = TELLS.exec(html);
  const at = tell?.index ?? 0;
  assert.equal(tell, null, `${when}: "${tell?.[0]}" in …${html.slice(Math.max(0, at - 100), at + 60)}…`);
}

/** The letter whose sealed column shows `word`. */
async function letterShowing(view: FrameLocator, word: string): Promise<string> {
  const col = view.locator('.column', { has: view.locator('.answer', { hasText: word }) });
  const id = await col.getAttribute('data-column');
  assert.ok(id && /^[A-C]$/.test(id), `sealed column id is a letter: ${id}`);
  return id;
}

async function setBlind(view: FrameLocator, on: boolean): Promise<void> {
  const box = view.locator('input#blind');
  if ((await box.isChecked()) !== on) await box.click();
}

async function blindRunIsSealedUntilTheVote(ctx: PanelCtx): Promise<void> {
  const { page } = ctx;
  answerWithWords(ctx);
  const view = sideView(page);
  await setBlind(view, true);
  await ask(view, 'Blind: write add(a, b)');
  // While it streams, and once it is done: not one tell anywhere in the document.
  await view.locator('.column[data-status="streaming"]').first().waitFor({ timeout: 10_000 });
  assertNoTell(await webviewHtml(view), 'while streaming');
  await waitAllDone(view);
  assertNoTell(await webviewHtml(view), 'once done, before the vote');
  assert.deepEqual((await view.locator('.column h2.label').allTextContents()).sort(), ['Model A', 'Model B', 'Model C']);
  assert.equal(await view.locator('.column .badge').count(), 0, 'no timing badges');
  await ctx.shot('blind-sealed');

  // Keyboard: the letter of the column that says "Bravo" (CodeLlama) is pressed outside any text field.
  const letter = await letterShowing(view, WORD[CODELLAMA]);
  await view.locator('.vote-bar button[data-vote="tie"]').focus();
  await page.keyboard.press(letter.toLowerCase());
  await view.locator('.vote-bar.voted').waitFor({ timeout: 10_000 });
  assert.match((await view.locator('.vote-bar .verdict').textContent()) ?? '', new RegExp(`Model ${letter} is best`));
  // The reveal: the column the user picked is CodeLlama, under the same letter, with its timings.
  const picked = column(view, CODELLAMA);
  assert.match((await picked.locator('h2.label').textContent()) ?? '', new RegExp(`^Model ${letter}: CodeLlama`));
  assert.match((await picked.locator('.answer').textContent()) ?? '', /Bravo/);
  assert.ok((await picked.locator('.badge[data-badge="total"]').count()) === 1, 'timings shown after the vote');
  assert.match((await picked.locator('.badge[data-badge="cost"]').textContent()) ?? '', /^local$/);
  await ctx.shot('blind-revealed');
}

async function leaderboardFollowsVotes(ctx: PanelCtx): Promise<void> {
  const { page } = ctx;
  await runCommand(page, 'LLM Compare: Show blind-vote leaderboard');
  const board = tabView(page);
  await board.locator('tr[data-model="ollama:codellama:7b"]').waitFor({ timeout: 15_000 });
  const cells = async (key: string) => board.locator(`tr[data-model="${key}"] td`).allTextContents();
  assert.deepEqual((await cells('ollama:codellama:7b')).slice(0, 5), ['1', '2', '0', '0', '0'], 'votes, wins, losses, ties, all bad');
  assert.deepEqual((await cells('ollama:qwen2.5-coder:3b')).slice(0, 5), ['1', '0', '1', '1', '0']);
  assert.match((await cells('ollama:codellama:7b'))[5], /not enough votes yet \(1 of 10\)/);
  assert.match((await board.locator('.summary').textContent()) ?? '', /1 of 1 votes/);

  // A second blind run, judged "all bad" with the mouse: the open leaderboard updates by itself.
  answerWithWords(ctx, 10);
  const view = sideView(page);
  await ask(view, 'Blind again: write add(a, b)');
  await waitAllDone(view);
  await view.locator('.vote-bar button[data-vote="bad"]').click();
  await view.locator('.vote-bar.voted').waitFor({ timeout: 10_000 });
  await board.locator('.summary', { hasText: '2 of 2 votes' }).waitFor({ timeout: 10_000 });
  assert.deepEqual((await cells('ollama:codellama:7b')).slice(0, 5), ['2', '2', '0', '2', '1']);
  await ctx.shot('leaderboard');
}

async function votesSurviveReload(ctx: PanelCtx): Promise<void> {
  const { page } = ctx;
  await runCommand(page, 'View: Close Editor');
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForLoadState('load');
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const view = sideView(page);
  // The last run (voted) comes back revealed, with its verdict.
  await view.locator('.vote-bar.voted').waitFor({ timeout: 60_000 });
  assert.match((await view.locator('.vote-bar .verdict').textContent()) ?? '', /all bad/);
  await runCommand(page, 'LLM Compare: Show blind-vote leaderboard');
  const board = tabView(page);
  await board.locator('.summary', { hasText: '2 of 2 votes' }).waitFor({ timeout: 20_000 });
  assert.equal(await board.locator('tbody tr').count(), 3);
  await ctx.shot('leaderboard-after-reload');
  await runCommand(page, 'View: Close Editor');
  await setBlind(view, false);
}

export const judgingScenarios: Scenario[] = [
  ['blind: a sealed run names no model, provider or timing until a keyboard vote reveals them', blindRunIsSealedUntilTheVote],
  ['blind: the leaderboard counts the votes and follows a new one', leaderboardFollowsVotes],
  ['blind: votes and the verdict survive a window reload', votesSurviveReload],
];
