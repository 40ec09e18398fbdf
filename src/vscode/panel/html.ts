/**
 * The one HTML builder for the comparison UI, in the side bar and in an editor tab alike. Strict CSP: nothing loads
 * except our own built script (by nonce) and stylesheet; model output can neither run script nor fetch anything.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Only the built webview bundle and the static media folder are reachable from the webview. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** `surface` lets the stylesheet drop what makes no sense where the UI is (e.g. "Open in tab" inside the tab). */
export function buildPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, surface: 'view' | 'tab'): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'panel.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>LLM Compare</title>
</head>
<body data-surface="${surface}">
<main id="app" aria-label="LLM Compare"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
