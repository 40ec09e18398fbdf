/** JSON export: the report as is, the public `--out x.json` contract. */
import type { BenchReport } from '../types';

export function toJson(report: BenchReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * JSON that is safe inside an HTML `<script type="application/json">`: `<` (and `>`, `&`, U+2028/9) escaped as
 * \u sequences, so no answer text can close the script element or open a comment; JSON.parse restores them.
 */
export function toScriptJson(report: BenchReport): string {
  return JSON.stringify(report)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
