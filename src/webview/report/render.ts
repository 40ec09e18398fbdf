/**
 * Draws a benchmark report: manifest, charts, summary, feature table and samples. Shared by the self-contained HTML
 * export (report/main.ts) and the VS Code report view (bench/main.ts), which calls it again for every live update.
 * Data is only ever written with textContent: model answers stay text.
 */
import { formatCost } from '../../core/cost/price';
import { preferenceText } from '../../core/judge/preference-text';
import type { Chart } from 'chart.js';
import type { BenchReport } from '../../core/bench/types';
import { sandboxSummary } from '../../core/bench/isolation/describe';
import { drawCharts, type ChartTheme } from './charts';
import { bytes, el, ms, num, pct, table } from './dom';

export interface RenderOptions {
  /** Chart colours; the export's fixed light set when left out. */
  theme?: ChartTheme;
}

/** The charts on screen per root: chart.js keeps listeners and a resize observer until destroy(). */
const drawn = new WeakMap<HTMLElement, Array<Chart<'bar'>>>();

/**
 * Replaces what `root` shows with `report`. Safe to call again on the same root: the previous charts are destroyed
 * and answers the reader had opened stay open.
 */
export function renderReport(root: HTMLElement, report: BenchReport, options: RenderOptions = {}): void {
  for (const chart of drawn.get(root) ?? []) chart.destroy();
  const open = new Set(Array.from(root.querySelectorAll<HTMLDetailsElement>('details[open]'), (d) => d.dataset.key));
  const content = document.createDocumentFragment();
  const charts = el('div', null, 'charts');
  content.append(...header(report), el('h2', 'Charts'), charts, ...tables(report, open));
  // Everything goes in at once, charts last: chart.js measures its box (a forced layout), and a half-built, shorter
  // page at that moment would clamp the reader's scroll position.
  root.replaceChildren(content);
  drawn.set(root, drawCharts(charts, report, options.theme));
}

function header(r: BenchReport): HTMLElement[] {
  const m = r.manifest;
  const s = m.settings;
  return [
    el('h1', `Benchmark: ${s.suite.name} (${s.suite.size} tasks)`),
    ...(m.incomplete ? [el('p', 'Incomplete run: stopped before every sample finished.', 'note')] : []),
    el('p', m.scoringNote, s.execute ? undefined : 'note'),
    el('h2', 'Run'),
    table(['Setting', 'Value'], [
      ['Date', m.date],
      ['Tool version', m.toolVersion],
      ['Repeats / warm-up', `${s.repeats} / ${s.warmup}`],
      ['Mode / concurrency', `${s.mode} / ${s.concurrency}`],
      ['Temperature / seed', `${s.temperature} / ${s.seed ?? 'none'}`],
      ['Code executed', s.execute ? `yes (${s.timeoutMs} ms limit)` : 'no'],
      ['Sandbox', sandboxSummary(m.sandbox)],
      ['Ollama version', m.ollamaVersion ?? '–'],
      ['Hugging Face provider', m.huggingfaceProvider ?? '–'],
      ['Machine', `${m.machine.cpu}, ${m.machine.cores} cores, ${bytes(m.machine.memoryBytes)}, ${m.machine.os}`],
      ['GPU', m.machine.gpu ?? 'none detected'],
      ['Warm-up runs (discarded)', String(m.warmups.length)],
    ]),
  ];
}

function tables(r: BenchReport, open: ReadonlySet<string | undefined>): HTMLElement[] {
  const prefs = r.summary.some((x) => x.preference);
  return [
    el('h2', 'Summary per model'),
    table(
      ['Model', 'Samples', 'Errors', 'Stopped at the token limit', 'Pass@1', ...(prefs ? ['Human preference'] : []), 'pass@k', 'TTFT median', 'Total median', 'Total p95', 'Tokens/s median', 'Cost', 'Cost / task', 'Cost / passed'],
      r.summary.map((x) => [
        `${x.id} (${x.model})`,
        String(x.samples),
        Object.entries(x.errors).map(([k, n]) => `${k}: ${n}`).join(', ') || '0',
        String(x.truncated ?? 0),
        pct(x.passAt1),
        ...(prefs ? [preferenceText(x.preference)] : []),
        Object.entries(x.passAtK).map(([k, v]) => `@${k} ${pct(v)}`).join(', ') || '–',
        ms(x.ttftMs.median),
        ms(x.totalMs.median),
        ms(x.totalMs.p95),
        num(x.tokensPerSecond.median),
        cost(x.costUsd, x),
        cost(x.costPerTaskUsd, x),
        cost(x.costPerPassUsd, x),
      ]),
    ),
    el('h2', 'Features'),
    table(
      ['Model', 'Provider', 'Where', 'Parameters', 'Quantization', 'Size', 'Context', 'Internet', 'API key', 'Streaming', 'Latency', 'TTFT', 'Tokens/s', 'Pass@1'],
      r.features.map((f) => [
        f.label, f.provider, f.location, f.parameters ?? '–', f.quantization ?? '–', bytes(f.sizeBytes),
        f.contextWindow === null ? '–' : String(f.contextWindow), f.needsInternet ? 'yes' : 'no', f.needsApiKey ? 'yes' : 'no',
        f.streaming ? 'yes' : 'no', ms(f.medianTotalMs), ms(f.medianTtftMs), num(f.medianTokensPerSecond), pct(f.passAt1),
      ]),
    ),
    el('h2', `Samples (${r.samples.length})`),
    table(
      ['Task', 'Model', 'Repeat', 'Total', 'Outcome', 'Answer'],
      r.samples.map((x) => {
        const details = el('details');
        details.dataset.key = `${x.taskId}\u0000${x.modelId}\u0000${x.repeat}`;
        details.open = open.has(details.dataset.key);
        details.append(el('summary', `${x.text.length} chars`), el('pre', x.text));
        const outcome = x.error ? `error: ${x.error.kind}` : x.score?.kind ?? 'not scored';
        const cell = el('span', x.score?.detail ? `${outcome}: ${x.score.detail}` : outcome, x.score?.kind);
        return [x.taskId, x.modelId, String(x.repeat + 1), ms(x.metrics.totalMs), cell, details];
      }),
    ),
  ];
}

function cost(usd: number | null | undefined, x: { priceSource?: unknown; provider: string }): string {
  if (usd != null) return formatCost(usd);
  return !x.priceSource && x.provider === 'ollama' ? 'local' : '–';
}
