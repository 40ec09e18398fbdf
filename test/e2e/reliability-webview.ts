/**
 * The hostile corpus in the real webview, and a 50-run soak through the panel. The webview gets a
 * `securitypolicyviolation` recorder first: an answer that made the renderer emit anything the CSP had to block
 * would show there even if the CSP saved the day; `window.__pwned` shows whether anything ran at all.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { HOSTILE_ANSWERS } from '../reliability/hostile-corpus';
import { answerEverywhere, ask, sideView, waitAllDone, type PanelCtx } from './panel-kit';

type Win = Window & { __pwned?: unknown; __csp?: string[] };

async function armRecorder(view: FrameLocator): Promise<void> {
  await view.locator('body').evaluate(() => {
    const w = window as Win;
    if (w.__csp) return;
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp!.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** E2E_HOSTILE_ITEMS=30,32 narrows the corpus (to chase one answer). */
const CORPUS = process.env.E2E_HOSTILE_ITEMS ? process.env.E2E_HOSTILE_ITEMS.split(',').map((i) => HOSTILE_ANSWERS[Number(i)]) : HOSTILE_ANSWERS;

const pick = (text: string, offset: number) => {
  const m = /hostile #(\d+)/.exec(text);
  return (m && CORPUS[Number(m[1]) * 3 + offset]?.text) || 'nothing hostile here';
};

export async function hostileCorpusInWebview(ctx: PanelCtx & { pageErrors: string[] }): Promise<void> {
  const { page, sims } = ctx;
  const view = sideView(page);
  await armRecorder(view);
  sims.ollama.setScript({
    models: [
      { name: 'codellama:7b', reply: (r) => pick(r.messages.map((m) => m.content).join('\n'), 0) },
      { name: 'qwen2.5-coder:3b', reply: (r) => pick(r.messages.map((m) => m.content).join('\n'), 1) },
    ],
  });
  sims.huggingface.setScript({ chat: (r) => ({ text: pick(JSON.stringify(r.body), 2) }) });
  const errorsBefore = ctx.pageErrors.length;
  const terminalsBefore = await page.locator('.xterm').count();
  const problems: string[] = [];
  for (let i = 0; i * 3 < CORPUS.length; i++) {
    const names = CORPUS.slice(i * 3, i * 3 + 3).map((h) => h.name).join(', ');
    const t0 = Date.now();
    try {
      await ask(view, `hostile #${i}`);
      await waitAllDone(view, 3, 60_000);
    } catch (e) {
      const cols = await view.locator('.column').evaluateAll((els) => els.map((c) => `${(c as HTMLElement).dataset.column}=${(c as HTMLElement).dataset.status} (${c.querySelector('.answer')?.textContent?.length ?? 0} chars)`)).catch(() => ['(view not answering)']);
      await ctx.shot(`hostile-stuck-${i}`).catch(() => undefined);
      throw new Error(`run ${i} (${names}) [${cols.join(', ')}]: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    console.log(`    run ${i}: ${names} (${Date.now() - t0} ms)`);
    const state = await view.locator('body').evaluate(() => {
      const w = window as Win;
      const answers = [...document.querySelectorAll('.answer')];
      const live = answers.flatMap((a) => [...a.querySelectorAll('script, iframe, object, embed, svg, math, img, style, link, meta, base, form, details, noscript')]).map((e) => e.tagName);
      const handlers = answers.flatMap((a) => [...a.querySelectorAll('*')]).filter((e) => [...e.attributes].some((at) => /^on/i.test(at.name))).length;
      const hrefs = answers.flatMap((a) => [...a.querySelectorAll('a')]).map((a) => a.getAttribute('href') ?? '');
      return { pwned: w.__pwned, csp: w.__csp ?? [], live, handlers, hrefs };
    });
    if (state.pwned !== undefined) problems.push(`${names}: window.__pwned = ${String(state.pwned)}`);
    if (state.csp.length) problems.push(`${names}: CSP violations ${state.csp.join('; ')}`);
    if (state.live.length) problems.push(`${names}: live elements ${state.live.join(', ')}`);
    if (state.handlers) problems.push(`${names}: ${state.handlers} event handler attributes`);
    const unsafe = state.hrefs.filter((h) => !/^(https?:|mailto:)/i.test(h));
    if (unsafe.length) problems.push(`${names}: links to ${unsafe.join(', ')}`);
  }
  await ctx.shot('hostile-corpus-last');
  // Nothing ran a command: no terminal opened, no dialog, no page error.
  if ((await page.locator('.xterm').count()) > terminalsBefore) problems.push('a terminal opened');
  if (ctx.dialogs.length) problems.push(`dialogs: ${ctx.dialogs.join(' | ')}`);
  if (ctx.pageErrors.length > errorsBefore) problems.push(`page errors: ${ctx.pageErrors.slice(errorsBefore).join(' | ')}`);
  // Still responsive: a plain run right after streams and finishes, and the page answers at once.
  answerEverywhere(sims, 5);
  const t0 = Date.now();
  await ask(view, 'After the hostile corpus');
  await waitAllDone(view, 3, 30_000);
  const afterMs = Date.now() - t0;
  const roundTrip = Date.now();
  await view.locator('body').evaluate(() => 1);
  console.log(`    corpus: ${CORPUS.length} answers in ${Math.ceil(CORPUS.length / 3)} runs; next run ${afterMs} ms, page round trip ${Date.now() - roundTrip} ms`);
  assert.equal(await view.locator('.column[data-status="done"]').count(), 3);
  assert.deepEqual(problems, []);
}

/** 50 comparison runs through the panel: every one completes; the webview's DOM and heap are printed before/after. */
export async function soakThroughPanel(ctx: PanelCtx & { pageErrors: string[] }, runs = 50): Promise<void> {
  const { page, sims } = ctx;
  const view = sideView(page);
  answerEverywhere(sims, 0);
  const measure = () =>
    view.locator('body').evaluate(() => ({
      nodes: document.getElementsByTagName('*').length,
      heapMb: ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN) / 1024 / 1024,
    }));
  const gc = async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
    await cdp.detach();
  };
  await ask(view, 'Soak warm-up');
  await waitAllDone(view);
  await gc();
  const before = await measure();
  let completed = 0;
  const t0 = Date.now();
  for (let i = 0; i < runs; i++) {
    await ask(view, `Soak run ${i + 1}`);
    await waitAllDone(view, 3, 30_000);
    if ((await view.locator('.column[data-status="done"]').count()) === 3) completed++;
  }
  const seconds = (Date.now() - t0) / 1000;
  await gc();
  const after = await measure();
  console.log(`    panel soak: ${completed}/${runs} runs × 3 models completed in ${seconds.toFixed(1)} s; webview DOM ${before.nodes} → ${after.nodes} elements, JS heap ${before.heapMb.toFixed(1)} → ${after.heapMb.toFixed(1)} MB (after a CDP GC of the page)`);
  assert.equal(completed, runs);
  assert.ok(after.nodes < before.nodes * 2 + 500, `the view's DOM grew from ${before.nodes} to ${after.nodes} elements`);
  assert.deepEqual(ctx.dialogs, []);
}
