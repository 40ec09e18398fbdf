/**
 * Self-contained HTML report: the browser renderer (dist/webview/charts.js, chart.js bundled in, shared with the bench view) and the report
 * JSON inlined into one file under a strict CSP. The data sits in a non-executed JSON script element with `<`
 * escaped; the renderer only ever writes it with textContent, so no answer text can become markup.
 */
import { escapeHtml } from '../../html';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BenchReport } from '../types';
import { toScriptJson } from './json';

const RENDERER = join('dist', 'webview', 'charts.js');

/**
 * Finds the built renderer: beside the running bundle (dist/cli.js → dist/webview/charts.js) or in a `dist`
 * of any parent folder (running from source under tsx). Throws with the fix when it is not built.
 */
export function findReportRenderer(from: string = __dirname): string {
  const beside = join(from, 'webview', 'charts.js');
  if (existsSync(beside)) return beside;
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, RENDERER);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`The HTML report renderer (${RENDERER}) is not built: run "npm run build" first.`);
}

export function loadReportRenderer(): string {
  return readFileSync(findReportRenderer(), 'utf8');
}

export function toHtml(report: BenchReport, rendererJs: string, nonce = randomBytes(16).toString('base64')): string {
  const title = `LLM Compare benchmark: ${report.manifest.settings.suite.name}`;
  // A literal "</script" inside the bundle would end the element early; "<\/script" means the same to JS.
  const script = rendererJs.replace(/<\/(script)/gi, '<\\/$1');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main id="app"><noscript>This report draws its charts and tables with JavaScript; the raw data is in the JSON export.</noscript></main>
<script type="application/json" id="report-data">${toScriptJson(report)}</script>
<script nonce="${nonce}">${script}</script>
</body>
</html>
`;
}


const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#fff}
main{max-width:1200px;margin:0 auto;padding:16px 24px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}
.note{background:#fff8c5;border:1px solid #d4a72c;padding:8px 12px;border-radius:6px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:16px}
.chart{position:relative;height:280px}
pre{white-space:pre-wrap;max-height:240px;overflow:auto;background:#f6f8fa;padding:6px;margin:4px 0}
.passed{color:#1a7f37}.failed,.error,.timeout,.no-code{color:#cf222e}
@media (prefers-color-scheme: dark){body{background:#0d1117;color:#e6edf3}th{background:#161b22}th,td{border-color:#30363d}pre{background:#161b22}.note{background:#3b2e00;border-color:#9e6a03}}
`;
