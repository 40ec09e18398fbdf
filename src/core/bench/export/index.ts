/** The exporters by file extension, for `--out report.{json,csv,md,html}` and the VS Code "Export" command. */
import type { BenchReport } from '../types';
import { toCsv } from './csv';
import { loadReportRenderer, toHtml } from './html';
import { toJson } from './json';
import { toMarkdown } from './markdown';

export const EXPORT_FORMATS = ['json', 'csv', 'md', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function formatForPath(path: string): ExportFormat | null {
  const ext = path.toLowerCase().match(/\.(json|csv|md|markdown|html|htm)$/)?.[1];
  if (!ext) return null;
  if (ext === 'markdown') return 'md';
  if (ext === 'htm') return 'html';
  return ext as ExportFormat;
}

/** `rendererJs` defaults to the built dist/webview/charts.js (html only). */
export function exportReport(report: BenchReport, format: ExportFormat, rendererJs?: () => string): string {
  switch (format) {
    case 'json':
      return toJson(report);
    case 'csv':
      return toCsv(report);
    case 'md':
      return toMarkdown(report);
    case 'html':
      return toHtml(report, (rendererJs ?? loadReportRenderer)());
    default: {
      const never: never = format;
      throw new Error(`Unknown format ${String(never)}`);
    }
  }
}

export { toCsv, toHtml, toJson, toMarkdown };
