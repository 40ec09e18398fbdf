/**
 * The report view's HTML, set once per tab: a toolbar (status line, export buttons) and an empty main element. The
 * view's own bundle (dist/webview/bench.js) draws the report from the messages the extension posts, so live
 * updates never reload the document. Strict CSP: scripts only by nonce, styles only from the extension's media
 * folder; the renderer writes every value with textContent.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml } from '../../core/bench/export/html';
import { EXPORT_LABELS } from '../../shared/bench-protocol';

export function buildBenchHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'bench.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'bench-report.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const buttons = Object.entries(EXPORT_LABELS)
    .map(([format, label]) => `<button type="button" data-export="${escapeHtml(format)}" title="Save the report as ${escapeHtml(label)}">${escapeHtml(label)}</button>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Benchmark report</title>
</head>
<body>
<header class="bench-toolbar">
<span class="bench-status" role="status">Loading the report…</span>
<span class="bench-export"><span class="bench-export-label">Export</span>${buttons}</span>
</header>
<main id="app" aria-label="Benchmark report"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
