/**
 * What the endpoints send back. `/generate` keeps the prototype's shapes (text `prompt:\n…\n\nresponse:\n…`, JSON
 * with `prompt` and `response` first); `/compare` is exactly the CLI's report. Model text is untrusted: escaped in
 * HTML, made visible-but-inert for terminals in text (curl prints it raw).
 */
import { seconds, serverLine, toJson } from '../compare/report';
import type { RunMetrics, SlotResult } from '../compare/types';
import { escapeHtml } from '../html';
import { visibleControls } from '../terminal';
import type { GenerateFormat } from './formats';

export interface GenerateJson {
  prompt: string;
  response: string;
  model: { id: string; label: string; provider: string; model: string; location: 'online' | 'local' };
  metrics: RunMetrics;
  /** `stop`, `length` (max_tokens cut the answer) … as the server said it; null when it did not. */
  finishReason: string | null;
}

/** `response` is the answer with an echoed prompt already dropped. Metrics describe the generation as it happened. */
export function generateJson(prompt: string, response: string, result: SlotResult): GenerateJson {
  const [json] = toJson({ prompt, results: [result] }).results;
  return {
    prompt,
    response,
    model: { id: json.id, label: json.label, provider: json.provider, model: json.model, location: json.location },
    metrics: json.metrics,
    finishReason: json.finishReason,
  };
}

export function renderGenerate(format: GenerateFormat, view: GenerateJson): string {
  switch (format) {
    case 'text':
      return visibleControls(`prompt:\n${view.prompt}\n\nresponse:\n${view.response}`);
    case 'json':
      return JSON.stringify(view, null, 2) + '\n';
    case 'html':
      return generateHtml(view);
  }
}

function generateHtml(view: GenerateJson): string {
  const m = view.metrics;
  const rate = m.tokensPerSecond === null ? 'n/a' : `${m.tokensPerSecond.toFixed(1)} tokens/s`;
  const tokens = m.outputTokens === null ? 'n/a' : `${m.outputTokens}${m.tokenSource === 'estimate' ? ' (estimated)' : ''}`;
  const server = serverLine({ metrics: m } as SlotResult);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>LLM Compare: ${escapeHtml(view.model.label)}</title><style>
body{font:14px system-ui,sans-serif;margin:1.5rem auto;max-width:60rem;padding:0 1rem;color:#222;background:#fff}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:.75rem;border-radius:4px}
.meta{color:#555}
@media (prefers-color-scheme: dark){body{background:#1e1e1e;color:#ddd}pre{background:#2a2a2a}.meta{color:#aaa}}
</style></head><body>
<h1>${escapeHtml(view.model.label)}</h1>
<p class="meta">${escapeHtml(view.model.provider)} · <code>${escapeHtml(view.model.model)}</code> · first token ${seconds(m.ttftMs)} · total ${seconds(m.totalMs)} · ${escapeHtml(rate)} · ${escapeHtml(tokens)} tokens</p>
${server ? `<p class="meta">server: ${escapeHtml(server)}</p>\n` : ''}<h2>Prompt</h2>
<pre>${escapeHtml(view.prompt)}</pre>
<h2>Response</h2>
<pre>${escapeHtml(view.response)}</pre>
</body></html>
`;
}
