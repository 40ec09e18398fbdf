/**
 * The report view's messages. The view is re-rendered by the extension (its HTML carries the report), so only the
 * webview talks: it asks for an export. Anything else arriving is ignored, not trusted.
 */
import { EXPORT_FORMATS, type ExportFormat } from '../../core/bench/export';

export type BenchViewMessage = { type: 'export'; format: ExportFormat };

export function parseBenchViewMessage(raw: unknown): BenchViewMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as { type?: unknown; format?: unknown };
  if (m.type === 'export' && typeof m.format === 'string' && (EXPORT_FORMATS as readonly string[]).includes(m.format)) {
    return { type: 'export', format: m.format as ExportFormat };
  }
  return null;
}
