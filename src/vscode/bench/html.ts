/**
 * The report view's HTML: the shared renderer bundle (dist/webview/report.js) draws the report from the inlined
 * JSON, exactly as in the HTML export, and the view adds a status line and export buttons. Strict CSP: scripts
 * only by nonce, styles only from the extension's media folder; the report data sits in a non-executed JSON
 * element with `<` escaped, and the renderer writes every value with textContent.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml } from '../../core/bench/export/html';
import { toScriptJson } from '../../core/bench/export/json';
import type { BenchReport } from '../../core/bench/types';
import { bootScript } from './boot';

export type ViewState = 'running' | 'finished' | 'stopped';

export interface ViewStatus {
  state: ViewState;
  text: string;
}

const EXPORTS: Array<[string, string]> = [
  ['json', 'JSON'],
  ['csv', 'CSV'],
  ['md', 'Markdown'],
  ['html', 'HTML'],
];

export function buildBenchHtml(webview: vscode.Webview, extensionUri: vscode.Uri, report: BenchReport, status: ViewStatus): string {
  const nonce = randomBytes(18).toString('base64');
  const renderer = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'report.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'bench-report.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const buttons = EXPORTS.map(([f, label]) => `<button type="button" data-export="${f}" title="Save the report as ${label}">${label}</button>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Benchmark report</title>
</head>
<body data-state="${status.state}">
<header class="bench-toolbar">
<span class="bench-status" role="status" data-state="${status.state}">${escapeHtml(status.text)}</span>
<span class="bench-export"><span class="bench-export-label">Export</span>${buttons}</span>
</header>
<main id="app" aria-label="Benchmark report"></main>
<script type="application/json" id="report-data">${toScriptJson(report)}</script>
<script nonce="${nonce}" src="${renderer}"></script>
<script nonce="${nonce}">${bootScript()}</script>
</body>
</html>`;
}
