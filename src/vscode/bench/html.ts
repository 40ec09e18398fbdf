/**
 * The report view's HTML, set once per tab: a toolbar (status line, export buttons) and an empty main element. The
 * view's bundle (dist/webview/charts.js, shared with the HTML export) draws the report from the messages the extension posts, so live
 * updates never reload the document. Strict CSP: scripts only by nonce, styles only from the extension's media
 * folder; the renderer writes every value with textContent.
 */
import type * as vscode from 'vscode';
import { escapeHtml } from '../../core/html';
import { EXPORT_LABELS } from '../../shared/bench-protocol';
import { buildWebviewHtml } from '../webview-html';

export function buildBenchHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const buttons = Object.entries(EXPORT_LABELS)
    .map(([format, label]) => `<button type="button" data-export="${escapeHtml(format)}" title="Save the report as ${escapeHtml(label)}">${escapeHtml(label)}</button>`)
    .join('');
  return buildWebviewHtml(webview, extensionUri, {
    script: 'charts.js',
    style: 'bench-report.css',
    title: 'Benchmark report',
    body: `<header class="bench-toolbar">
<span class="bench-status" role="status">Loading the report…</span>
<span class="bench-export"><span class="bench-export-label">Export</span>${buttons}</span>
</header>
<main id="app" aria-label="Benchmark report"></main>`,
  });
}
