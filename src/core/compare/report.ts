/**
 * Renders a finished comparison for people and programs: the prototype's plain-text report, Markdown, JSON (the
 * documented contract) and a standalone HTML page. Shared by the CLI and the HTTP endpoint. Model text is always
 * data: escaped in HTML, fenced in Markdown, control characters made visible in text and Markdown.
 */
import { formatCost, sumCosts } from '../cost/price';
import { fenceFor } from '../fences';
import { escapeHtml } from '../html';
import { visibleControls } from '../terminal';
import type { ComparisonReport, SlotResult } from './types';

export type ReportFormat = 'text' | 'md' | 'json' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'md', 'json', 'html'];

const EXCERPT_CHARS = 300;

export function renderReport(report: ComparisonReport, format: ReportFormat): string {
  switch (format) {
    // Text and Markdown are read in terminals (CLI, curl): no control character from a model gets through raw.
    case 'text':
      return visibleControls(renderText(report));
    case 'md':
      return visibleControls(renderMarkdown(report));
    case 'json':
      return JSON.stringify(toJson(report), null, 2) + '\n';
    case 'html':
      return renderHtml(report);
  }
}

/** The JSON contract: exactly these fields, unknown numbers as null. */
export function toJson(report: ComparisonReport): ComparisonReport {
  return {
    prompt: report.prompt,
    results: report.results.map((r) => ({
      id: r.id,
      label: r.label,
      provider: r.provider,
      model: r.model,
      text: r.text,
      ...(r.reasoning ? { reasoning: r.reasoning } : {}),
      finishReason: r.finishReason,
      location: r.location,
      error: r.error ? { kind: r.error.kind, message: r.error.message } : null,
      metrics: {
        ttftMs: r.metrics.ttftMs,
        totalMs: r.metrics.totalMs,
        outputTokens: r.metrics.outputTokens,
        tokensPerSecond: r.metrics.tokensPerSecond,
        rateSource: r.metrics.rateSource,
        chars: r.metrics.chars,
        tokenSource: r.metrics.tokenSource,
        server: r.metrics.server,
        ...(r.metrics.firstReasoningMs !== undefined ? { firstReasoningMs: r.metrics.firstReasoningMs } : {}),
        ...(r.metrics.notStreamed ? { notStreamed: true } : {}),
        costUsd: r.metrics.costUsd ?? null,
        priceSource: r.metrics.priceSource ?? null,
      },
    })),
  };
}

export function locationOf(r: Pick<SlotResult, 'location'>): 'Online' | 'Local' {
  return r.location === 'online' ? 'Online' : 'Local';
}

export function seconds(ms: number | null): string {
  return ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`;
}

function tokens(r: SlotResult): string {
  if (r.metrics.outputTokens === null) return 'n/a';
  if (r.metrics.outputTokens === 0) return '0';
  return r.metrics.tokenSource === 'estimate' ? `~${r.metrics.outputTokens} (estimated)` : String(r.metrics.outputTokens);
}

/** Tokens/s with the clock that measured it: the server's own counter, or ours from first to last token. */
function rate(r: SlotResult): string {
  if (r.metrics.tokensPerSecond === null) return 'n/a';
  return `${r.metrics.tokensPerSecond.toFixed(1)} tokens/s (${r.metrics.rateSource === 'server' ? 'server clock' : 'client clock'})`;
}

/** How the answer ended when that matters to a reader: cut at the token limit, or not streamed. */
export function endNotes(r: Pick<SlotResult, 'finishReason' | 'metrics' | 'error'>): string[] {
  const notes: string[] = [];
  if (r.finishReason === 'length') notes.push('stopped at the token limit (the answer may be cut short)');
  if (r.metrics.notStreamed) notes.push('not streamed: the server sent the whole answer at once, so first token = total');
  return notes;
}

function firstToken(r: SlotResult): string {
  const thinking = r.metrics.firstReasoningMs !== undefined ? `, first thinking ${seconds(r.metrics.firstReasoningMs)}` : '';
  return `first token ${seconds(r.metrics.ttftMs)}${thinking}`;
}

/** "$0.0012 (huggingface-router price)", "local", "n/a". */
export function costText(r: SlotResult): string {
  const shown = formatCost(r.metrics.costUsd, r.location, r.metrics.priceSource != null);
  return r.metrics.costUsd != null && r.metrics.priceSource ? `${shown} (${r.metrics.priceSource} price)` : shown;
}

/** The run's total, only when every priced answer has a cost; local answers without a price count as unknown. */
export function runCostText(report: ComparisonReport): string | null {
  const priced = report.results.filter((r) => r.metrics.priceSource != null || r.location === 'online');
  if (priced.length === 0) return null;
  const total = sumCosts(priced.map((r) => r.metrics.costUsd));
  const unpricedLocal = report.results.length - priced.length;
  return `${total === null ? 'n/a (a price or server token count is unknown)' : formatCost(total)}${unpricedLocal ? ` + ${unpricedLocal} local` : ''}`;
}

function excerpt(text: string): string {
  const flat = text.trim();
  return flat.length <= EXCERPT_CHARS ? flat : `${flat.slice(0, EXCERPT_CHARS)}…`;
}

/** The server's own figures, when it gave any: tells cold model load apart from generation. */
export function serverLine(r: SlotResult): string | null {
  const s = r.metrics.server;
  if (!s) return null;
  const parts: string[] = [];
  if (s.loadMs !== null) parts.push(`load ${seconds(s.loadMs)}`);
  if (s.promptEvalMs !== null) parts.push(`prompt eval ${seconds(s.promptEvalMs)}${s.promptTokens !== null ? ` (${s.promptTokens} tokens)` : ''}`);
  else if (s.promptTokens !== null) parts.push(`prompt ${s.promptTokens} tokens`);
  if (s.evalMs !== null) parts.push(`eval ${seconds(s.evalMs)}`);
  if (s.evalTokensPerSecond !== null) parts.push(`${s.evalTokensPerSecond.toFixed(1)} tokens/s`);
  return parts.length ? parts.join(', ') : null;
}

function renderText(report: ComparisonReport): string {
  const out: string[] = ['=== Model Comparison ===', `Prompt: ${report.prompt}`, ''];
  for (const r of report.results) {
    out.push(`Model: ${r.label} [${r.id}]`);
    out.push(`Type: ${locationOf(r)} (${r.provider}, ${r.model})`);
    out.push(`Time: ${seconds(r.metrics.totalMs)} (${firstToken(r)}, ${rate(r)})`);
    const server = serverLine(r);
    if (server) out.push(`Server: ${server}`);
    out.push(`Response length: ${r.metrics.chars} characters, ${tokens(r)} tokens`);
    out.push(`Cost: ${costText(r)}`);
    for (const note of endNotes(r)) out.push(`Note: ${note}`);
    if (r.error) out.push(`Error (${r.error.kind}): ${r.error.message}`);
    if (r.text) out.push(`Response excerpt:\n${excerpt(r.text)}`);
    out.push('-'.repeat(50));
  }
  const total = runCostText(report);
  if (total) out.push(`Total cost: ${total}`);
  return out.join('\n') + '\n';
}

function renderMarkdown(report: ComparisonReport): string {
  const out: string[] = ['# Model comparison', '', `**Prompt:** ${report.prompt.replace(/\n/g, ' ')}`, ''];
  out.push('| Model | Type | First token | Total | Tokens/s | Tokens | Chars | Cost | Status |');
  out.push('|---|---|---|---|---|---|---|---|---|');
  for (const r of report.results) {
    const status = r.error ? `error: ${r.error.kind}` : r.finishReason === 'length' ? 'stopped at the token limit' : 'ok';
    out.push(`| ${cell(r.label)} | ${locationOf(r)} | ${seconds(r.metrics.ttftMs)}${r.metrics.notStreamed ? ' (not streamed)' : ''} | ${seconds(r.metrics.totalMs)} | ${rate(r).replace(' tokens/s', '')} | ${tokens(r)} | ${r.metrics.chars} | ${cell(costText(r))} | ${status} |`);
  }
  const total = runCostText(report);
  if (total) out.push('', `**Total cost:** ${total}`);
  for (const r of report.results) {
    out.push('', `## ${r.label} (\`${r.model}\`, ${r.provider})`, '');
    const server = serverLine(r);
    if (server) out.push(`Server: ${server}`, '');
    for (const note of endNotes(r)) out.push(`> **Note:** ${note}`, '');
    if (r.error) out.push(`> **Error (${r.error.kind}):** ${r.error.message.replace(/\n/g, ' ')}`, '');
    if (r.reasoning) out.push('Thinking (not part of the answer):', '', fence(r.reasoning), '');
    if (r.text) out.push(fence(r.text));
  }
  return out.join('\n') + '\n';
}

function fence(text: string): string {
  const f = fenceFor(text);
  return `${f}text\n${text}\n${f}`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}


function renderHtml(report: ComparisonReport): string {
  const cols = report.results
    .map((r) => {
      const server = serverLine(r);
      return `<section><h2>${escapeHtml(r.label)}</h2><p class="meta">${locationOf(r)} · ${escapeHtml(r.provider)} · <code>${escapeHtml(r.model)}</code></p>
<p class="badges">${escapeHtml(firstToken(r))} · total ${seconds(r.metrics.totalMs)} · ${escapeHtml(rate(r))} · ${escapeHtml(tokens(r))} tokens · ${r.metrics.chars} chars · cost ${escapeHtml(costText(r))}</p>
${server ? `<p class="meta">server: ${escapeHtml(server)}</p>` : ''}${endNotes(r).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')}${r.error ? `<p class="error">${escapeHtml(r.error.kind)}: ${escapeHtml(r.error.message)}</p>` : ''}${r.reasoning ? `<details><summary>Thinking (not part of the answer)</summary><pre>${escapeHtml(r.reasoning)}</pre></details>` : ''}<pre>${escapeHtml(r.text)}</pre></section>`;
    })
    .join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>LLM Compare</title><style>
body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222;background:#fff}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1rem}
section{border:1px solid #ccc;border-radius:6px;padding:.75rem;min-width:0}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem;overflow:auto}
.meta,.badges{color:#555;margin:.25rem 0}.error{color:#b00020}.note{color:#8a5a00}
@media (prefers-color-scheme: dark){body{background:#1e1e1e;color:#ddd}pre{background:#2a2a2a}section{border-color:#444}.meta,.badges{color:#aaa}.error{color:#ff6b6b}}
</style></head><body><h1>Model comparison</h1><p><strong>Prompt:</strong> ${escapeHtml(report.prompt)}</p><main>
${cols}
</main>${runCostText(report) ? `<p>Total cost: ${escapeHtml(runCostText(report)!)}</p>` : ''}</body></html>
`;
}
