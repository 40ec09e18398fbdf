/**
 * The one HTML builder for every webview of the extension (comparison view and tab, benchmark report). Strict CSP:
 * nothing loads except our own built script (by a fresh nonce) and stylesheet; model output can neither run script
 * nor fetch anything. Callers give only their bundle, stylesheet and static body markup.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Only the built webview bundles and the static media folder are reachable from a webview. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export interface WebviewPage {
  /** Bundle in dist/webview, e.g. `panel.js`. */
  script: string;
  /** Stylesheet in media, e.g. `panel.css`. */
  style: string;
  title: string;
  /** Static, trusted markup (never model output): the bundle fills it in. */
  body: string;
  /** Attributes for <body>, e.g. `data-surface="tab"` (trusted). */
  bodyAttributes?: string;
}

export function buildWebviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', page.script));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', page.style));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${page.title}</title>
</head>
<body${page.bodyAttributes ? ` ${page.bodyAttributes}` : ''}>
${page.body}
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
