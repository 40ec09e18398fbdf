/** Saving a report: a save dialog (unless the caller names the file), then the core exporters. */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { exportReport, type ExportFormat } from '../../core/bench/export';
import type { BenchReport } from '../../core/bench/types';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  json: { 'JSON report': ['json'] },
  csv: { 'CSV (one row per sample)': ['csv'] },
  md: { Markdown: ['md'] },
  html: { 'HTML (self-contained, with charts)': ['html'] },
};

function defaultUri(report: BenchReport, format: ExportFormat): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
  const stamp = report.manifest.date.slice(0, 16).replace(/[:T]/g, '-');
  const suite = report.manifest.settings.suite.name.replace(/[^\w.-]+/g, '_');
  return vscode.Uri.joinPath(folder, `benchmark-${suite}-${stamp}.${format}`);
}

/** Resolves with where it wrote, or undefined when the user cancelled the dialog. */
export async function saveReport(report: BenchReport, format: ExportFormat, extensionUri: vscode.Uri, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = target ?? (await vscode.window.showSaveDialog({ defaultUri: defaultUri(report, format), filters: FILTERS[format], saveLabel: 'Export' }));
  if (!uri) return undefined;
  // The HTML export inlines the same renderer bundle the report view loads; read it from this extension's dist.
  const renderer = format === 'html' ? await readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'charts.js').fsPath, 'utf8') : undefined;
  const text = exportReport(report, format, renderer === undefined ? undefined : () => renderer);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}
