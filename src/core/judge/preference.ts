/**
 * The benchmark report's "human preference" column: the blind-vote leaderboard joined to the bench's models by
 * provider and model name (the key the leaderboard counts under). Models without votes get no preference (null),
 * never a made-up neutral score.
 */
import type { BenchReport } from '../bench/types';
import { buildLeaderboard } from './leaderboard';
import type { Vote } from './votes';

export function withPreference(report: BenchReport, votes: readonly Vote[]): BenchReport {
  if (votes.length === 0) return report;
  const board = new Map(buildLeaderboard(votes).rows.map((r) => [r.key, r]));
  return {
    ...report,
    summary: report.summary.map((s) => {
      const row = board.get(`${s.provider}:${s.model}`);
      return { ...s, preference: row ? { votes: row.votes, rating: row.rating, low: row.ci?.low ?? null, high: row.ci?.high ?? null, enough: row.enough } : null };
    }),
  };
}
