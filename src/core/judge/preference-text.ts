/** The "human preference" cell, in a module with no Node import: the report's browser renderer uses it too. */
import type { HumanPreference } from '../bench/types';

/** "1042 (980–1101)", "not enough votes (3)", "–" without votes. */
export function preferenceText(p: HumanPreference | null | undefined): string {
  if (!p) return '–';
  if (!p.enough || p.rating === null) return `not enough votes (${p.votes})`;
  return `${Math.round(p.rating)} (${Math.round(p.low ?? p.rating)}–${Math.round(p.high ?? p.rating)}), ${p.votes} votes`;
}
