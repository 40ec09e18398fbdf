/**
 * The comparison panel's first scenarios in the real workbench: three columns streaming at once with badges that
 * match the simulators' schedule, Insert, Stop all, error columns with their fix, and a hostile answer.
 */
import * as assert from 'node:assert/strict';
import {
  ANSWER, CODELLAMA, HF, QWEN, answerOf, ask, column, columnBoxes, editorText, openSample, openSideBarDark, sideView, statusOf,
  waitAllDone,
  type PanelCtx, type Scenario,
} from './panel-kit';

const HOSTILE =
  'Careful: <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> ' +
  '<svg onload="window.__pwned=3"></svg> [x](javascript:window.__pwned=4) <iframe src="javascript:window.__pwned=5"></iframe>' +
  // Named references are decoded by the browser's own parser in the webview (src/webview/panel/html-entities.ts).
  ' &copy; &notit; &lt;img src=x onerror="window.__pwned=6"&gt;';

const LONG = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

/** "first token 640 ms" / "first token 1.20 s" → milliseconds. */
async function ttftMs(ctx: PanelCtx, id: string): Promise<number> {
  const text = (await column(sideView(ctx.page), id).locator('[data-badge="ttft"]').textContent()) ?? '';
  const m = /([\d.]+) (ms|s)\b/.exec(text);
  if (!m) throw new Error(`no first-token badge in ${id}: "${text}"`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

async function opensTheView({ page }: PanelCtx): Promise<void> {
  await openSideBarDark(page);
  await sideView(page).locator('textarea#prompt').waitFor({ timeout: 60_000 });
}

async function streamsThreeColumns(ctx: PanelCtx): Promise<void> {
  const { ollama, huggingface: hf } = ctx.sims;
  ollama.setScript({
    models: [
      { name: 'codellama:7b', reply: ANSWER, loadMs: 400, paceMs: 80 },
      { name: 'qwen2.5-coder:3b', reply: ANSWER, paceMs: 80 },
    ],
  });
  hf.setScript({ chat: { text: ANSWER, headerDelayMs: 600, chunkDelayMs: 80 } });
  ollama.reset();
  hf.reset();
  const view = sideView(ctx.page);
  await ask(view, 'Write add(a, b) in Python');
  // All three at once: every column is streaming before any has finished.
  await view.locator('.column[data-status="streaming"]').nth(2).waitFor({ timeout: 15_000 });
  await waitAllDone(view);
  assert.equal(await view.locator('.column[data-status="done"]').count(), 3);
  assert.equal(hf.maxConcurrentStreams, 1);
  assert.ok(ollama.concurrency.maxActive >= 2, `ollama ran ${ollama.concurrency.maxActive} at once`);
  const hfTtft = await ttftMs(ctx, HF);
  const coldTtft = await ttftMs(ctx, CODELLAMA);
  console.log(`    ttft: HF ${hfTtft} ms (scripted header delay 600), codellama ${coldTtft} ms (scripted load 400)`);
  assert.ok(hfTtft >= 600 && hfTtft < 2500, `HF ttft ${hfTtft}`);
  assert.ok(coldTtft >= 400 && coldTtft < 2500, `codellama ttft ${coldTtft}`);
  assert.match((await column(view, CODELLAMA).locator('[data-badge="load"]').textContent()) ?? '', /load \d+ ms/);
  assert.match((await view.locator('.summary').textContent()) ?? '', /fastest first token: .* · fastest total: .* · 3\/3 ok/);
  assert.equal(await view.locator('.column pre code.language-python .hljs-keyword').first().textContent(), 'def');
  // The side bar is narrow: the columns stack, one under the other, each as wide as the view.
  const boxes = await columnBoxes(view);
  const stacked = boxes.every((b) => b.x === boxes[0].x) && boxes[0].y < boxes[1].y && boxes[1].y < boxes[2].y;
  assert.ok(stacked, `not stacked: ${JSON.stringify(boxes)}`);
  await ctx.shot('sidebar-dark-stacked');
}

async function insertPutsCodeAtCursor(ctx: PanelCtx): Promise<void> {
  const { page } = ctx;
  await openSample(page);
  await page.keyboard.press('Control+End');
  await column(sideView(page), QWEN).locator('button[data-action="insert"]').click();
  await page.locator('.editor-instance .view-line', { hasText: 'return a + b' }).waitFor({ timeout: 10_000 });
  const text = await editorText(page);
  assert.ok(!text.includes('Here is the function'), 'only the code is inserted');
  assert.ok(text.indexOf('# sample') < text.indexOf('def add'), 'inserted at the cursor (end of file)');
  await ctx.shot('inserted');
}

async function stopAllCancelsEverything(ctx: PanelCtx): Promise<void> {
  const { ollama, huggingface: hf } = ctx.sims;
  ollama.setScript({
    models: [
      { name: 'codellama:7b', reply: LONG, paceMs: 50 },
      { name: 'qwen2.5-coder:3b', reply: LONG, paceMs: 50 },
    ],
  });
  hf.setScript({ chat: { text: LONG, chunkDelayMs: 50 } });
  ollama.reset();
  hf.reset();
  const view = sideView(ctx.page);
  await ask(view, 'Say many words');
  await view.locator('.column[data-status="streaming"]').nth(2).waitFor({ timeout: 15_000 });
  await view.locator('button', { hasText: 'Stop all' }).click();
  await view.locator('.column[data-status="cancelled"]').nth(2).waitFor({ timeout: 10_000 });
  await Promise.all([...ollama.streams.map((s) => s.ended), ...hf.streams.map((s) => s.closed)]);
  assert.ok(ollama.streams.length === 2 && ollama.streams.every((s) => s.clientClosed), 'Ollama saw both connections close');
  assert.ok(hf.streams.length === 1 && hf.streams.every((s) => s.clientClosedEarly), 'HF saw the connection close');
  assert.match((await column(view, QWEN).locator('.status').textContent()) ?? '', /partial answer kept/);
  await ctx.shot('stopped-all');
}

async function errorColumnShowsItsFix(ctx: PanelCtx): Promise<void> {
  const { ollama, huggingface: hf } = ctx.sims;
  // qwen2.5-coder:3b is not installed; the HF sim wants another token than the one the extension has.
  ollama.setScript({ models: [{ name: 'codellama:7b', reply: ANSWER, paceMs: 20 }] });
  hf.setScript({ chat: { text: ANSWER, chunkDelayMs: 20 }, requireToken: 'hf_secret' });
  const view = sideView(ctx.page);
  await ask(view, 'Write add(a, b) in Python, again');
  await waitAllDone(view);
  assert.equal(await statusOf(view, CODELLAMA), 'done');
  for (const [id, fix] of [[HF, 'set-api-key'], [QWEN, 'pull-model']] as const) {
    assert.equal(await statusOf(view, id), 'error', id);
    await column(view, id).locator(`button[data-fix="${fix}"]`).waitFor();
  }
  await ctx.shot('errors-with-fixes');
}

async function hostileAnswerRunsNothing(ctx: PanelCtx): Promise<void> {
  ctx.sims.ollama.setScript({
    models: [
      { name: 'codellama:7b', reply: HOSTILE, paceMs: 5 },
      { name: 'qwen2.5-coder:3b', reply: HOSTILE },
    ],
  });
  ctx.sims.huggingface.setScript({ chat: { text: HOSTILE } });
  const view = sideView(ctx.page);
  await ask(view, 'Be hostile');
  await waitAllDone(view);
  await ctx.page.waitForTimeout(500);
  const answer = column(view, CODELLAMA).locator('.answer');
  assert.match(await answerOf(view, CODELLAMA), /<script>window.__pwned=1<\/script>/, 'shown as text');
  assert.ok((await answerOf(view, CODELLAMA)).includes('© &notit; <img src=x onerror="window.__pwned=6">'), 'references decoded, strictly, to text');
  assert.equal(await view.locator('.answer').locator('script, img, svg, iframe').count(), 0);
  const pwned = await answer.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
  assert.equal(pwned, undefined, 'no payload ran');
  assert.deepEqual(ctx.dialogs, []);
  await answer.scrollIntoViewIfNeeded();
  await ctx.shot('hostile-as-text');
}

export const basicScenarios: Scenario[] = [
  ['the comparison view opens from the activity bar', opensTheView],
  ['three columns stream at once, badges match the schedule, the side bar stacks them', streamsThreeColumns],
  ['Insert into editor puts the code at the cursor', insertPutsCodeAtCursor],
  ['Stop all cancels every column and both simulators see the connections close', stopAllCancelsEverything],
  ['an error column shows its fix action while the others finish', errorColumnShowsItsFix],
  ['a hostile answer is shown as text and runs nothing', hostileAnswerRunsNothing],
];
