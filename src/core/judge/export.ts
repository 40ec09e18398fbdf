/**
 * Votes and leaderboards out of the editor: JSON (the votes file `llm-compare votes` reads) and CSV for
 * spreadsheets. CSV cells are quoted, and a cell that a spreadsheet would run as a formula is prefixed with `'`:
 * prompts and labels are user and model text.
 */
import type { Leaderboard } from './leaderboard';
import { VOTES_FILE_VERSION, type Vote, type VotesFile } from './votes';

export function votesToJson(votes: readonly Vote[]): string {
  const file: VotesFile = { version: VOTES_FILE_VERSION, votes: [...votes] };
  return JSON.stringify(file, null, 2) + '\n';
}

/** One row per model per vote: `place` 1 = best (ties share a place). */
export function votesToCsv(votes: readonly Vote[]): string {
  const header = ['vote_id', 'at', 'verdict', 'language', 'prompt_sha256', 'prompt', 'letter', 'place', 'provider', 'model', 'label', 'location', 'ttft_ms', 'total_ms', 'output_tokens', 'cost_usd', 'error'];
  const lines = [header.join(',')];
  for (const v of votes) {
    const placeOf = new Map(v.ranking.flatMap((g, i) => g.map((id) => [id, i + 1] as const)));
    for (const m of v.models) {
      lines.push(
        [v.id, v.at, v.verdict, v.language, v.promptSha256, v.prompt, m.letter, placeOf.get(m.slotId) ?? null, m.provider, m.model, m.label, m.location, m.metrics?.ttftMs, m.metrics?.totalMs, m.metrics?.outputTokens, m.metrics?.costUsd, m.error]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}

export function leaderboardToCsv(board: Leaderboard): string {
  const header = ['provider', 'model', 'label', 'votes', 'wins', 'losses', 'ties', 'all_bad', 'rating', 'ci_low', 'ci_high', 'enough_votes'];
  const rows = board.rows.map((r) =>
    [r.provider, r.model, r.label, r.votes, r.wins, r.losses, r.ties, r.allBad, round(r.rating), round(r.ci?.low ?? null), round(r.ci?.high ?? null), r.enough].map(csvCell).join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function round(n: number | null): number | null {
  return n === null ? null : Math.round(n * 10) / 10;
}
