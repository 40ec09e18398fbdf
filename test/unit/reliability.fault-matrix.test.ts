/**
 * The fault matrix in the core: three models at once, one of them failing in each way of test/reliability/faults.ts.
 * The failing column must end with a typed, actionable error (or ride the fault out where it can), keep the text it
 * received, leave the two others complete, raise no unhandled rejection or uncaught exception, and the next run
 * through the same providers must work. The observed outcomes are written to test/reliability/fault-matrix.md.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startComparison } from '../../src/core/compare/run';
import type { ComparisonReport } from '../../src/core/compare/types';
import { HuggingFaceProvider } from '../../src/core/providers/huggingface';
import { OllamaProvider } from '../../src/core/providers/ollama';
import type { ResolvedModel } from '../../src/core/providers/registry';
import { startHfSim, type HfSim } from '../support/hf-sim';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { FAULTS, type FaultColumn, type FaultRow } from '../reliability/faults';

const HEALTHY_TEXT = 'def add(a, b):\n    return a + b\n';

interface Observed {
  row: FaultRow;
  kind: string;
  fix: string;
  message: string;
  partialChars: number;
  sawStatus: string;
  othersOk: boolean;
  nextRunOk: boolean;
  processErrors: string[];
  ms: number;
  serverSawClose: boolean | null;
}

describe('reliability: fault matrix (core, three models at once)', function () {
  this.timeout(60_000);
  let ollama: OllamaSim;
  let hf: HfSim;
  let healthy: ResolvedModel[];
  const processErrors: string[] = [];
  const onRejection = (e: unknown) => processErrors.push(`unhandledRejection: ${String(e)}`);
  const onException = (e: unknown) => processErrors.push(`uncaughtException: ${String(e)}`);
  const observed: Observed[] = [];

  before(async () => {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
    ollama = await startOllamaSim({ models: [{ name: 'healthy:3b', reply: HEALTHY_TEXT, paceMs: 3 }] });
    hf = await startHfSim({ chat: { text: HEALTHY_TEXT, chunkDelayMs: 3 } });
    healthy = [
      { slot: { id: 'ok-local', label: 'Healthy local', provider: 'ollama', model: 'healthy:3b', maxTokens: 256 }, provider: new OllamaProvider({ host: ollama.url }) },
      { slot: { id: 'ok-online', label: 'Healthy online', provider: 'huggingface', model: 'm', maxTokens: 256 }, provider: new HuggingFaceProvider({ provider: 'auto', endpointUrl: `${hf.url}/v1` }) },
    ];
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    await Promise.all([ollama?.close(), hf?.close()]);
    if (observed.length === FAULTS.length) writeFileSync(join(__dirname, '..', 'reliability', 'fault-matrix.md'), table(observed));
  });

  async function runOnce(col: FaultColumn): Promise<{ report: ComparisonReport; statuses: string[] }> {
    const models: ResolvedModel[] = [healthy[0], { slot: col.slot, provider: col.provider }, healthy[1]];
    const run = startComparison({ prompt: 'Write add(a, b) in Python.', models });
    const statuses: string[] = [];
    for await (const e of run.events) {
      if (e.type === 'status' && e.slotId === col.slot.id && e.detail) statuses.push(e.detail);
      col.onEvent?.(e, () => run.cancel(col.slot.id));
    }
    return { report: await run.done, statuses };
  }

  for (const row of FAULTS) {
    it(`${row.side}: ${row.fault}`, async () => {
      const before = processErrors.length;
      const col = await row.make();
      try {
        const t0 = performance.now();
        const { report, statuses } = await runOnce(col);
        const ms = performance.now() - t0;
        const failing = report.results[1];
        const others = [report.results[0], report.results[2]];
        col.heal?.();
        const next = await runOnce(col);
        const nextOk = next.report.results.every((r, i) => (i === 1 && !col.heal ? r.error?.kind === failing.error?.kind : r.error === null));
        // Let any stray rejection surface before judging.
        await new Promise((r) => setTimeout(r, 30));
        const obs: Observed = {
          row,
          kind: failing.error?.kind ?? 'ok',
          fix: failing.error?.fix ?? '',
          message: failing.error?.message ?? '',
          partialChars: failing.text.length,
          sawStatus: statuses[statuses.length - 1] ?? '',
          othersOk: others.every((r) => r.error === null && r.text === HEALTHY_TEXT),
          nextRunOk: nextOk,
          processErrors: processErrors.slice(before),
          ms,
          serverSawClose: col.serverSawClose ? col.serverSawClose() : null,
        };
        observed.push(obs);

        const e = row.expect;
        assert.equal(obs.kind, e.kind, `kind; message: ${obs.message}`);
        if (e.fix) assert.equal(obs.fix, e.fix, 'fix action');
        if (e.message) assert.match(obs.message, e.message);
        if (e.kind !== 'ok' && e.kind !== 'cancelled') assert.ok(obs.message.length > 20 && !/^fetch failed$/.test(obs.message), 'an actionable message');
        if (e.partialChars !== undefined) assert.ok(obs.partialChars >= e.partialChars, `partial text kept (${obs.partialChars} chars)`);
        if (e.status) assert.ok(statuses.some((s) => e.status!.test(s)), `status seen: ${statuses.join(' | ')}`);
        if (e.chars !== undefined) assert.equal(obs.partialChars, e.chars);
        if (e.kind === 'stream-stalled' || e.kind === 'cancelled') assert.equal(obs.serverSawClose, true, 'the server saw the connection closed');
        assert.ok(obs.othersOk, 'the two healthy models completed');
        assert.ok(obs.nextRunOk, 'the next run works');
        assert.deepEqual(obs.processErrors, [], 'no unhandled rejection or uncaught exception');
      } finally {
        await col.close();
      }
    });
  }
});

function table(rows: Observed[]): string {
  // Ports are random per run: hide them so the file only changes when an outcome does.
  const cell = (s: string) => s.replace(/(127\.0\.0\.1|localhost):\d+/g, '$1:<port>').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  const short = (s: string) => (s.length > 220 ? `${s.slice(0, 217)}…` : s);
  const out = [
    '# Fault matrix: observed outcomes',
    '',
    'Generated by `test/unit/reliability.fault-matrix.test.ts` (the core, three models at once: the faulty column',
    'between a healthy Ollama model and a healthy OpenAI-compatible model, all against local simulators). Regenerated',
    'on every full run of that suite; do not edit by hand. "Partial" is the number of characters kept from the failing',
    'column; "Others" whether both healthy columns completed; "Next run" whether the following run through the same',
    'providers worked (with the fault removed where it can be); "Process" counts unhandled rejections and uncaught',
    'exceptions.',
    '',
    '| # | Side | Fault | Expected | Observed | Fix | Partial | Others | Next run | Process | Message / status shown |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  rows.forEach((o, i) => {
    const shown = o.message || (o.sawStatus ? `status: ${o.sawStatus}` : `${o.partialChars} characters, complete`);
    out.push(
      `| ${i + 1} | ${o.row.side} | ${cell(o.row.fault)} | ${o.row.expect.kind} | ${o.kind === o.row.expect.kind ? o.kind : `**${o.kind}**`} | ${o.fix || '–'} | ${o.partialChars} | ${o.othersOk ? 'ok' : '**FAILED**'} | ${o.nextRunOk ? 'ok' : '**FAILED**'} | ${o.processErrors.length ? `**${o.processErrors.length}**` : '0'} | ${cell(short(shown))} |`,
    );
  });
  return out.join('\n') + '\n';
}
