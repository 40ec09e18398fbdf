/**
 * The fault matrix through the real panel (a representative subset: the faults the simulators can inject while the
 * workbench runs, i.e. every Ollama and HF server fault of test/reliability/faults.ts; the client-side ones — DNS,
 * a blocked port, TLS, `localhost` → ::1, a wrong content type — need another host setting and stay in the core
 * suite). The failing column must show its typed message, the two others finish, the page raises no error, and
 * the next run works. Writes test/reliability/fault-matrix-panel.md.
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SimFault } from '../support/ollama-sim';
import type { HfSimChatReply } from '../support/hf-sim';
import { ANSWER, CODELLAMA, HF, QWEN, answerEverywhere, ask, column, sideView, statusOf, waitAllDone, type PanelCtx } from './panel-kit';
import { REPO } from './code-server';

interface PanelFault {
  fault: string;
  column: typeof CODELLAMA | typeof HF;
  ollama?: { fault?: SimFault; loadMs?: number; installed?: boolean };
  hf?: HfSimChatReply | HfSimChatReply[];
  expect: { status: 'error' | 'cancelled' | 'done'; message?: RegExp; partial?: boolean };
  /** Stop the column once its status line matches. */
  stopWhen?: RegExp;
}

const TEXT = 'one two three four five six seven eight nine ten';

const FAULTS: PanelFault[] = [
  { fault: 'Model not pulled (404)', column: CODELLAMA, ollama: { installed: false }, expect: { status: 'error', message: /ollama pull codellama:7b/ } },
  { fault: 'Ollama 500', column: CODELLAMA, ollama: { fault: { kind: 'http', status: 500, error: 'llama runner process has terminated' } }, expect: { status: 'error', message: /HTTP 500.*llama runner/ } },
  { fault: 'Ollama 503 busy', column: CODELLAMA, ollama: { fault: { kind: 'busy' } }, expect: { status: 'error', message: /busy/ } },
  { fault: 'Error line mid-stream', column: CODELLAMA, ollama: { fault: { kind: 'error-line', afterChunks: 3, message: 'CUDA error' } }, expect: { status: 'error', message: /CUDA error/, partial: true } },
  { fault: 'Connection reset mid-stream', column: CODELLAMA, ollama: { fault: { kind: 'cut', afterChunks: 3 } }, expect: { status: 'error', message: /dropped|ended before/, partial: true } },
  { fault: 'Stream ends without done', column: CODELLAMA, ollama: { fault: { kind: 'cut', afterChunks: 3, mode: 'end' } }, expect: { status: 'error', message: /ended before it was complete/, partial: true } },
  { fault: 'Model loading 30 s: "loading" shown, then Stop', column: CODELLAMA, ollama: { loadMs: 30_000 }, stopWhen: /loading codellama:7b/, expect: { status: 'cancelled' } },
  { fault: 'HF 401', column: HF, hf: { status: 401, body: { error: 'Invalid credentials' } }, expect: { status: 'error', message: /401/ } },
  { fault: 'HF 402', column: HF, hf: { status: 402, body: { error: 'You have exceeded your monthly included credits' } }, expect: { status: 'error', message: /credits.*402/ } },
  { fault: 'HF 403', column: HF, hf: { status: 403, body: { error: 'insufficient permissions' } }, expect: { status: 'error', message: /403/ } },
  { fault: 'HF 404 not served', column: HF, hf: { status: 404, body: { error: 'Model does not exist' } }, expect: { status: 'error', message: /not available/ } },
  { fault: 'HF 422', column: HF, hf: { status: 422, body: { error: 'Input validation error' } }, expect: { status: 'error', message: /422/ } },
  { fault: 'HF 429', column: HF, hf: { status: 429, body: { error: 'Rate limit reached' } }, expect: { status: 'error', message: /429/ } },
  { fault: 'HF 503 loading (estimated_time 1 s), then answers', column: HF, hf: [{ status: 503, body: { error: 'Model is currently loading', estimated_time: 1 } }, { text: TEXT }], expect: { status: 'done' } },
  { fault: 'HF in-stream error event', column: HF, hf: { text: TEXT, fault: { kind: 'error-event', afterChunks: 3, error: { message: 'Model overloaded' } } }, expect: { status: 'error', message: /Model overloaded/, partial: true } },
  { fault: 'HF connection reset mid-stream', column: HF, hf: { text: TEXT, fault: { kind: 'cut', afterChunks: 3 } }, expect: { status: 'error', partial: true } },
  { fault: 'HF stream ends without [DONE]', column: HF, hf: { text: TEXT, fault: { kind: 'end-without-done', afterChunks: 3 } }, expect: { status: 'error', message: /\[DONE\]/, partial: true } },
];

interface Row {
  fault: string;
  column: string;
  status: string;
  message: string;
  partialChars: number;
  othersDone: boolean;
  nextRunOk: boolean;
  pageErrors: number;
}

export async function faultMatrixThroughPanel(ctx: PanelCtx & { pageErrors: string[] }): Promise<void> {
  const view = sideView(ctx.page);
  const rows: Row[] = [];
  const failures: string[] = [];
  let n = 0;
  for (const f of FAULTS) {
    const errorsBefore = ctx.pageErrors.length;
    const pace = 15;
    const codellama = f.ollama?.installed === false ? [] : [{ name: 'codellama:7b', reply: TEXT, paceMs: pace, loadMs: f.ollama?.loadMs, fault: f.ollama?.fault }];
    ctx.sims.ollama.setScript({ models: [...codellama, { name: 'qwen2.5-coder:3b', reply: ANSWER, paceMs: pace }] });
    ctx.sims.huggingface.setScript({ chat: f.hf ?? { text: ANSWER, chunkDelayMs: pace } });
    ctx.sims.ollama.reset();
    ctx.sims.huggingface.reset();
    await ask(view, `Fault ${++n}: ${f.fault}`);
    if (f.stopWhen) {
      await column(view, f.column).locator('.status', { hasText: f.stopWhen }).waitFor({ timeout: 10_000 });
      await column(view, f.column).locator('button[data-action="stop"]').click();
    }
    await waitAllDone(view, 3, 30_000);
    const status = (await statusOf(view, f.column)) ?? '';
    const message = status === 'error' ? ((await column(view, f.column).locator('.error .message').textContent()) ?? '') : ((await column(view, f.column).locator('.status').textContent()) ?? '');
    const partialChars = ((await column(view, f.column).locator('.answer').textContent()) ?? '').trim().length;
    const others = [CODELLAMA, QWEN, HF].filter((id) => id !== f.column);
    const othersDone = (await Promise.all(others.map((id) => statusOf(view, id)))).every((s) => s === 'done');
    // The next run, everything healthy again, must work.
    answerEverywhere(ctx.sims, 5);
    await ask(view, `After fault ${n}`);
    await waitAllDone(view, 3, 30_000);
    const nextRunOk = (await view.locator('.column[data-status="done"]').count()) === 3;
    const row: Row = { fault: f.fault, column: f.column, status, message, partialChars, othersDone, nextRunOk, pageErrors: ctx.pageErrors.length - errorsBefore };
    rows.push(row);
    const problems = [
      status !== f.expect.status && `status ${status}, expected ${f.expect.status}`,
      f.expect.message && !f.expect.message.test(message) && `message "${message}"`,
      f.expect.partial && partialChars === 0 && 'partial text lost',
      !othersDone && 'another column did not finish',
      !nextRunOk && 'the next run failed',
      row.pageErrors > 0 && 'page error',
    ].filter(Boolean);
    if (problems.length) failures.push(`${f.fault}: ${problems.join('; ')}`);
    if (f.stopWhen) {
      const stopped = ctx.sims.ollama.streams.find((s) => s.model === 'codellama:7b');
      if (stopped && !stopped.clientClosed && !stopped.completed) failures.push(`${f.fault}: the server did not see the Stop`);
    }
  }
  writeFileSync(path.join(REPO, 'test/reliability/fault-matrix-panel.md'), table(rows));
  await ctx.shot('fault-matrix-last');
  assert.deepEqual(failures, []);
}

function table(rows: Row[]): string {
  const cell = (s: string) => s.replace(/(127\.0\.0\.1|localhost):\d+/g, '$1:<port>').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  return [
    '# Fault matrix through the real panel: observed outcomes',
    '',
    'Generated by the e2e phase `reliability` (`npm run test:e2e -- --only reliability`): code-server 4.100.3 in',
    'headless Chromium, the side bar view, three default model slots against the simulators; one column fails per row.',
    'The client-side faults (DNS, blocked port, TLS, `localhost` → ::1, wrong content type, malformed lines, 10 MB)',
    'are covered by the core matrix (fault-matrix.md) only. Do not edit by hand.',
    '',
    '| # | Fault | Column | Status shown | Partial chars | Others | Next run | Page errors | Message shown |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r, i) => `| ${i + 1} | ${cell(r.fault)} | ${r.column} | ${r.status} | ${r.partialChars} | ${r.othersDone ? 'done' : '**NO**'} | ${r.nextRunOk ? 'ok' : '**FAILED**'} | ${r.pageErrors} | ${cell(r.message)} |`),
  ].join('\n') + '\n';
}
