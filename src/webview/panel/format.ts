/**
 * What the column badges, status lines and the run summary say. Pure, so the wording and the "fastest" choice are
 * unit-tested without a DOM. Estimated figures are always marked: a guessed token count must not pass for a count.
 */
import { formatCost } from '../../core/cost/price';
import type { ColumnSnapshot } from '../../shared/protocol';

export interface Badge {
  key: 'ttft' | 'total' | 'rate' | 'tokens' | 'chars' | 'load' | 'promptEval' | 'evalRate' | 'thinking' | 'limit' | 'cost';
  text: string;
  /** Spoken by screen readers: the unit in words, and "estimated" where it is. */
  label: string;
  /** Server-side figures are shown apart from the client's clock. */
  server?: boolean;
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} seconds`;
}

export function badgesFor(col: ColumnSnapshot): Badge[] {
  const m = col.metrics;
  if (!m) return [];
  const est = m.tokenSource === 'estimate';
  const out: Badge[] = [];
  // A column that produced nothing (an error before the first token) has only its total time worth showing.
  if (m.chars === 0) return m.totalMs === null ? [] : [{ key: 'total', text: `total ${formatMs(m.totalMs)}`, label: `Total time ${seconds(m.totalMs)}` }];
  if (m.firstReasoningMs !== undefined) out.push({ key: 'thinking', text: `thinking from ${formatMs(m.firstReasoningMs)}`, label: `First thinking text after ${seconds(m.firstReasoningMs)}` });
  if (m.ttftMs !== null) {
    const label = m.notStreamed ? 'first token = total: not streamed' : 'first token';
    out.push({ key: 'ttft', text: `${label} ${formatMs(m.ttftMs)}`, label: `Time to first ${m.firstReasoningMs !== undefined ? 'answer ' : ''}token ${seconds(m.ttftMs)}${m.notStreamed ? '; the server sent the whole answer at once' : ''}` });
  }
  if (m.totalMs !== null) out.push({ key: 'total', text: `total ${formatMs(m.totalMs)}`, label: `Total time ${seconds(m.totalMs)}` });
  if (m.tokensPerSecond !== null) {
    // Say which clock measured it: the server's own counter, or ours over first → last token.
    const serverRate = m.rateSource === 'server';
    const estRate = est && !serverRate;
    out.push({
      key: 'rate',
      text: `${estRate ? '~' : ''}${m.tokensPerSecond.toFixed(1)} tok/s${estRate ? ' est.' : ''} (${serverRate ? 'server' : 'client'})`,
      label: `${estRate ? 'Estimated ' : ''}${m.tokensPerSecond.toFixed(1)} tokens per second, ${serverRate ? "measured by the server's own clock" : 'measured on this machine from first to last token'}`,
    });
  }
  if (m.outputTokens !== null) {
    out.push({
      key: 'tokens',
      text: `${est ? '~' : ''}${m.outputTokens} tokens${est ? ' est.' : ''}`,
      label: `${est ? 'About ' : ''}${m.outputTokens} output tokens${est ? ', estimated from characters' : ', counted by the server'}`,
    });
  }
  out.push({ key: 'chars', text: `${m.chars} chars`, label: `${m.chars} characters` });
  if (col.finishReason === 'length') out.push({ key: 'limit', text: 'stopped at the token limit', label: 'The answer stopped at the token limit: it may be cut short. Raise max tokens to see the rest.' });
  const cost = costBadge(col);
  if (cost) out.push(cost);
  const s = m.server;
  if (s) {
    if (s.loadMs !== null) out.push({ key: 'load', text: `load ${formatMs(s.loadMs)}`, label: `Server model load time ${seconds(s.loadMs)}`, server: true });
    if (s.promptEvalMs !== null) {
      const tokens = s.promptTokens !== null ? ` (${s.promptTokens} tok)` : '';
      out.push({ key: 'promptEval', text: `prompt eval ${formatMs(s.promptEvalMs)}${tokens}`, label: `Server prompt evaluation ${seconds(s.promptEvalMs)}${tokens ? `, ${s.promptTokens} prompt tokens` : ''}`, server: true });
    }
    if (s.evalTokensPerSecond !== null && m.rateSource !== 'server') {
      out.push({ key: 'evalRate', text: `eval ${s.evalTokensPerSecond.toFixed(1)} tok/s`, label: `Server generation rate ${s.evalTokensPerSecond.toFixed(1)} tokens per second`, server: true });
    }
  }
  return out;
}

/**
 * The answer's price: dollars from the server's token counts, "local" for a local model without a price (not
 * "$0": it costs power, we were just not told how much), nothing when an online price is unknown.
 */
export function costBadge(col: ColumnSnapshot): Badge | null {
  const m = col.metrics;
  if (!m) return null;
  if (m.costUsd != null) {
    const from = m.priceSource === 'user' ? 'your price' : 'Hugging Face router price';
    return { key: 'cost', text: formatCost(m.costUsd), label: `Cost ${formatCost(m.costUsd)}, from the server's token counts and ${from}` };
  }
  if (col.location === 'local' && m.priceSource == null) return { key: 'cost', text: 'local', label: 'Local model: no price set' };
  return null;
}

export interface Fastest {
  ttft: ColumnSnapshot | null;
  total: ColumnSnapshot | null;
}

/** Only columns that finished without error compete: a failed column's short total is not "fast". */
export function fastest(columns: readonly ColumnSnapshot[]): Fastest {
  const ok = columns.filter((c) => c.status === 'done' && c.metrics);
  const best = (pick: (c: ColumnSnapshot) => number | null): ColumnSnapshot | null => {
    let winner: ColumnSnapshot | null = null;
    for (const c of ok) {
      const v = pick(c);
      if (v !== null && (winner === null || v < (pick(winner) ?? Infinity))) winner = c;
    }
    return winner;
  };
  return { ttft: best((c) => c.metrics?.ttftMs ?? null), total: best((c) => c.metrics?.totalMs ?? null) };
}

export function summaryLine(columns: readonly ColumnSnapshot[]): string {
  const f = fastest(columns);
  const parts: string[] = [];
  if (f.ttft?.metrics?.ttftMs != null) parts.push(`fastest first token: ${f.ttft.label} ${formatMs(f.ttft.metrics.ttftMs)}`);
  if (f.total?.metrics?.totalMs != null) parts.push(`fastest total: ${f.total.label} ${formatMs(f.total.metrics.totalMs)}`);
  const ok = columns.filter((c) => c.status === 'done').length;
  parts.push(`${ok}/${columns.length} ok`);
  return parts.join(' · ');
}

/** The status line of a column; `remainingMs` is the live countdown while HF loads a model. */
export function statusText(col: ColumnSnapshot, remainingMs?: number): string {
  switch (col.status) {
    case 'queued':
      return 'Queued: waiting for its turn';
    case 'connecting':
      return col.detail ?? (col.provider === 'ollama' ? 'Connecting (Ollama may be loading the model)…' : 'Connecting…');
    case 'waiting': {
      const secs = Math.max(0, Math.ceil((remainingMs ?? col.retryInMs ?? 0) / 1000));
      const attempt = col.attempt ? ` (attempt ${col.attempt})` : '';
      return `Model loading on Hugging Face: retrying in ${secs} s${attempt}`;
    }
    case 'streaming':
      return 'Streaming…';
    case 'done':
      return 'Done';
    case 'cancelled':
      return col.text ? 'Cancelled (partial answer kept)' : 'Cancelled';
    case 'error':
      return `Error: ${col.error?.kind ?? 'unknown'}${col.text ? ' (partial answer kept)' : ''}`;
  }
}

export const FIX_LABELS = {
  'set-api-key': 'Set API key',
  'pull-model': 'Pull model',
  'start-ollama': 'How to start Ollama',
  'open-settings': 'Open settings',
  retry: 'Retry',
} as const;
