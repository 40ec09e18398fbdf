/** The comparison UI's page, in the side bar and in an editor tab alike; the bundle builds everything inside #app. */
import type * as vscode from 'vscode';
import { buildWebviewHtml } from '../webview-html';

export { webviewOptions } from '../webview-html';

/** `surface` lets the stylesheet drop what makes no sense where the UI is (e.g. "Open in tab" inside the tab). */
export function buildPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, surface: 'view' | 'tab'): string {
  return buildWebviewHtml(webview, extensionUri, {
    script: 'panel.js',
    style: 'panel.css',
    title: 'LLM Compare',
    bodyAttributes: `data-surface="${surface}"`,
    body: '<main id="app" aria-label="LLM Compare"></main>',
  });
}
