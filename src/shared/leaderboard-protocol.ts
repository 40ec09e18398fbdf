/**
 * The leaderboard view's message protocol (types only on the webview side). The extension computes the board in
 * the core and posts it whole; the view sends filters and button presses, validated by `parseFromLeaderboard`.
 */
import type { Leaderboard } from '../core/judge/leaderboard';
import type { VoteFilter } from '../core/judge/votes';

export type VotesScope = 'workspace' | 'global';

export type ToLeaderboard = {
  type: 'board';
  board: Leaderboard;
  filter: VoteFilter;
  /** Languages present in the stored votes, for the filter's choices. */
  languages: string[];
  scope: VotesScope;
  /** Votes stored in this scope, before filtering. */
  stored: number;
};

export type FromLeaderboard =
  | { type: 'ready' }
  | { type: 'filter'; filter: VoteFilter }
  | { type: 'export'; format: 'json' | 'csv' }
  | { type: 'reset' };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function parseFromLeaderboard(raw: unknown): FromLeaderboard | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'reset':
      return { type: m.type };
    case 'export':
      return m.format === 'json' || m.format === 'csv' ? { type: 'export', format: m.format } : null;
    case 'filter': {
      const f = typeof m.filter === 'object' && m.filter !== null ? (m.filter as Record<string, unknown>) : null;
      if (!f) return null;
      const filter: VoteFilter = {};
      if (typeof f.language === 'string' && f.language.length <= 64 && f.language !== '') filter.language = f.language;
      if (typeof f.from === 'string' && DATE_RE.test(f.from)) filter.from = f.from;
      if (typeof f.to === 'string' && DATE_RE.test(f.to)) filter.to = f.to;
      return { type: 'filter', filter };
    }
    default:
      return null;
  }
}
