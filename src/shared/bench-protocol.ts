/**
 * The one message protocol across the benchmark report view's webview boundary. Both sides import it, so it
 * imports nothing but types (the webview bundle must not pull in Node or `vscode`). The extension validates what
 * the webview sends with `parseFromBenchView`: a webview is untrusted input, it renders model output.
 */
import type { ExportFormat } from '../core/bench/export';
import type { BenchReport } from '../core/bench/types';

export type BenchViewState = 'running' | 'finished' | 'stopped';

export interface BenchViewStatus {
  state: BenchViewState;
  text: string;
}

/**
 * Button labels of the export formats. Keyed by the core's own type, so the compiler insists that every format
 * the core can write is offered and nothing else is; it doubles as the validation list.
 */
export const EXPORT_LABELS: Readonly<Record<ExportFormat, string>> = { json: 'JSON', csv: 'CSV', md: 'Markdown', html: 'HTML' };

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EXPORT_LABELS, value);
}

/** Extension → webview. `report` is the whole state: the first one after `ready` and every live update. */
export type ToBenchView = { type: 'report'; report: BenchReport; status: BenchViewStatus };

/** Webview → extension. `ready` comes once per document load, before the extension posts anything. */
export type FromBenchView = { type: 'ready' } | { type: 'export'; format: ExportFormat };

/** Webview state kept by VS Code across hide/show and window reloads (small: the report comes from the extension). */
export interface BenchViewSavedState {
  scrollY: number;
}

/** A well-formed message from the webview, rebuilt field by field; null for anything else. */
export function parseFromBenchView(raw: unknown): FromBenchView | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const m = raw as { type?: unknown; format?: unknown };
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'export':
      return isExportFormat(m.format) ? { type: 'export', format: m.format } : null;
    default:
      return null;
  }
}
