/** CSV export: one row per sample, RFC 4180 (CRLF rows, fields with comma, quote or line break are quoted). */
import type { BenchReport, Sample } from '../types';

const COLUMNS: Array<[string, (s: Sample, r: BenchReport) => string | number | null]> = [
  ['task', (s) => s.taskId],
  ['model', (s) => s.modelId],
  ['provider', (s, r) => r.manifest.models.find((m) => m.id === s.modelId)?.provider ?? ''],
  ['repeat', (s) => s.repeat],
  ['finished_at', (s) => s.finishedAt],
  ['ttft_ms', (s) => s.metrics.ttftMs],
  ['total_ms', (s) => s.metrics.totalMs],
  ['output_tokens', (s) => s.metrics.outputTokens],
  ['token_source', (s) => s.metrics.tokenSource],
  ['tokens_per_second', (s) => s.metrics.tokensPerSecond],
  ['chars', (s) => s.metrics.chars],
  ['finish_reason', (s) => s.finishReason ?? ''],
  ['error_kind', (s) => s.error?.kind ?? ''],
  ['error', (s) => s.error?.message ?? ''],
  ['score', (s) => s.score?.kind ?? ''],
  ['score_detail', (s) => s.score?.detail ?? ''],
  ['sandbox', (s) => s.score?.sandbox ?? ''],
  ['answer', (s) => s.text],
];

export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(report: BenchReport): string {
  const rows = [COLUMNS.map(([name]) => name).join(',')];
  for (const s of report.samples) rows.push(COLUMNS.map(([, get]) => csvField(get(s, report))).join(','));
  return `${rows.join('\r\n')}\r\n`;
}
