/**
 * Markdown export: manifest, per-model summary and feature table. Every cell is escaped so an id or error text
 * cannot break the table or inject markup in a renderer that allows HTML.
 */
import { formatCost, sumCosts } from '../../cost/price';
import { preferenceText } from '../../judge/preference-text';
import type { BenchReport } from '../types';
import { sandboxSummary } from '../isolation/describe';
import { fmtBytes, fmtMs, fmtNum, fmtPct } from './format';

export function mdCell(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

export function toMarkdown(report: BenchReport): string {
  const m = report.manifest;
  const s = m.settings;
  const out: string[] = [];
  out.push(`# Benchmark: ${mdCell(s.suite.name)} (${s.suite.size} tasks)`, '');
  if (m.incomplete) out.push('**Incomplete run**: stopped before every sample finished; re-run with the same results file to resume.', '');
  out.push(`> ${mdCell(m.scoringNote)}`, '');
  out.push('## Run', '');
  out.push(
    table(
      ['Setting', 'Value'],
      [
        ['Date', m.date],
        ['Tool version', m.toolVersion],
        ['Repeats / warm-up', `${s.repeats} / ${s.warmup}`],
        ['Mode / concurrency', `${s.mode} / ${s.concurrency}`],
        ['Temperature / seed / max tokens', `${s.temperature} / ${s.seed ?? 'none'} / ${s.maxTokens ?? 'per model'}`],
        ['Code executed', s.execute ? `yes (${s.timeoutMs} ms limit)` : 'no'],
        ['Sandbox', sandboxSummary(m.sandbox)],
        ['Ollama version', m.ollamaVersion ?? '–'],
        ['Hugging Face provider', m.huggingfaceProvider ?? '–'],
        ['Machine', `${m.machine.cpu}, ${m.machine.cores} cores, ${fmtBytes(m.machine.memoryBytes)}, ${m.machine.os}`],
        ['GPU', m.machine.gpu ?? 'none detected'],
        ['Node / Python', `${m.machine.node} / ${m.machine.python ?? '–'}`],
        ['Warm-up runs (discarded)', m.warmups.length ? m.warmups.map((w) => `${w.modelId}#${w.index + 1}: ${w.error ?? fmtMs(w.totalMs)}`).join(', ') : 'none'],
      ],
    ),
    '',
  );
  const prefs = report.summary.some((r) => r.preference);
  out.push('## Summary per model', '');
  out.push(
    table(
      ['Model', 'Samples', 'Errors', 'Stopped at the token limit', 'Pass@1', ...(prefs ? ['Human preference'] : []), 'pass@k', 'Pass rate', 'TTFT median', 'Total median', 'Total p95', 'Tokens/s median', 'Chars median', 'Cost', 'Cost / task', 'Cost / passed'],
      report.summary.map((r) => [
        `${r.id} (${r.model})`,
        String(r.samples),
        Object.entries(r.errors).map(([k, n]) => `${k}: ${n}`).join(', ') || '0',
        String(r.truncated ?? 0),
        fmtPct(r.passAt1),
        ...(prefs ? [preferenceText(r.preference)] : []),
        Object.entries(r.passAtK).map(([k, v]) => `@${k} ${fmtPct(v)}`).join(', ') || '–',
        r.passRate === null ? '–' : `${fmtPct(r.passRate)} (${r.passed}/${r.scored})`,
        fmtMs(r.ttftMs.median),
        fmtMs(r.totalMs.median),
        fmtMs(r.totalMs.p95),
        fmtNum(r.tokensPerSecond.median),
        fmtNum(r.chars.median, 0),
        costCell(r.costUsd, r),
        costCell(r.costPerTaskUsd, r),
        costCell(r.costPerPassUsd, r),
      ]),
    ),
    '',
  );
  const runCost = sumCosts(report.summary.map((r) => r.costUsd));
  if (report.summary.some((r) => r.priceSource)) out.push(`Total cost of the run: ${runCost === null ? 'n/a (a price or a server token count is unknown)' : formatCost(runCost)}.`, '');
  out.push('## Features', '');
  out.push(
    table(
      ['Model', 'Provider', 'Where', 'Parameters', 'Quantization', 'Size', 'Context', 'Internet', 'API key', 'Streaming', 'Latency (median)', 'TTFT (median)', 'Tokens/s', 'Pass@1'],
      report.features.map((f) => [
        f.id,
        f.provider,
        f.location,
        f.parameters ?? '–',
        f.quantization ?? '–',
        fmtBytes(f.sizeBytes),
        f.contextWindow === null ? '–' : String(f.contextWindow),
        f.needsInternet ? 'yes' : 'no',
        f.needsApiKey ? 'yes' : 'no',
        f.streaming ? 'yes' : 'no',
        fmtMs(f.medianTotalMs),
        fmtMs(f.medianTtftMs),
        fmtNum(f.medianTokensPerSecond),
        fmtPct(f.passAt1),
      ]),
    ),
    '',
  );
  return out.join('\n');
}

/** "$0.0012", "local" for an unpriced model served locally, "–" when unknown. */
function costCell(cost: number | null | undefined, r: { priceSource?: unknown; provider: string }): string {
  if (cost != null) return formatCost(cost);
  return !r.priceSource && r.provider === 'ollama' ? 'local' : '–';
}
