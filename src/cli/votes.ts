/**
 * `llm-compare votes`: the blind votes exported from VS Code ("LLM Compare: Export votes", JSON), read from a file:
 * list them, print the leaderboard, or convert them to CSV / JSON (filtered). Read-only: votes are cast in the
 * editor, where the names can be hidden.
 */
import { readFile } from 'node:fs/promises';
import { leaderboardToCsv, votesToCsv, votesToJson } from '../core/judge/export';
import { buildLeaderboard, type Leaderboard } from '../core/judge/leaderboard';
import { parseVotesFile, VotesFileError } from '../core/judge/parse';
import { filterVotes, type Vote, type VoteFilter } from '../core/judge/votes';
import { visibleControls } from '../core/terminal';
import { oneOf, parse, UsageError } from './args';
import type { CliIO } from './io';

export const DEFAULT_VOTES_FILE = 'llm-compare-votes.json';

export const VOTES_USAGE = `Usage: llm-compare votes list|leaderboard|export [--file votes.json] [--format text|json|csv]
                         [--language python|none] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--seed n]

  list         one line per vote: date, verdict, the models in the order shown (A, B, …), language
  leaderboard  per model: votes, wins, losses, ties, all-bad, Bradley–Terry strength with a 95 % bootstrap interval
  export       the (filtered) votes as JSON (the same file format) or CSV (one row per model per vote)

--file: a votes file exported from VS Code (default: $LLM_COMPARE_VOTES, else ./${DEFAULT_VOTES_FILE}).
--seed: the bootstrap's seed (default 1): the same votes and seed give the same interval.`;

export async function votesCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    file: { type: 'string' },
    format: { type: 'string' },
    language: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    seed: { type: 'string' },
  });
  const action = oneOf(positionals[0], ['list', 'leaderboard', 'export'] as const, 'the action', 'list');
  const format = oneOf(values.format, ['text', 'json', 'csv'] as const, '--format', action === 'export' ? 'json' : 'text');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer (got ${JSON.stringify(values.seed)}).`);
  const filter: VoteFilter = {};
  for (const k of ['from', 'to'] as const) {
    const v = values[k];
    if (v !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v)))) throw new UsageError(`--${k} must be a date like 2026-12-01 (got ${JSON.stringify(v)}).`);
    if (v !== undefined) filter[k] = v;
  }
  if (values.language) filter.language = values.language;

  const votes = filterVotes(await loadVotes(values.file ?? io.env.LLM_COMPARE_VOTES ?? DEFAULT_VOTES_FILE, io), filter);

  if (action === 'export') {
    io.stdout.write(format === 'csv' ? votesToCsv(votes) : votesToJson(votes));
    return 0;
  }
  if (action === 'list') {
    io.stdout.write(format === 'json' ? votesToJson(votes) : format === 'csv' ? votesToCsv(votes) : visibleControls(listText(votes)));
    return 0;
  }
  const board = buildLeaderboard(votes, { seed });
  io.stdout.write(format === 'json' ? JSON.stringify(board, null, 2) + '\n' : format === 'csv' ? leaderboardToCsv(board) : visibleControls(leaderboardText(board)));
  return 0;
}

/** Reads and validates a votes file; an unreadable or foreign file is a usage error, malformed votes a warning. */
export async function loadVotes(file: string, io: CliIO): Promise<Vote[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read the votes file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Export it from VS Code with "LLM Compare: Export votes", or pass --file.`);
  }
  try {
    const parsed = parseVotesFile(text);
    if (parsed.skipped > 0) io.stderr.write(`llm-compare: ${parsed.skipped} malformed vote(s) in ${file} were skipped.\n`);
    return parsed.votes;
  } catch (e) {
    if (e instanceof VotesFileError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

function listText(votes: Vote[]): string {
  if (votes.length === 0) return 'No votes.\n';
  return (
    votes
      .map((v) => {
        const letters = new Map(v.models.map((m) => [m.slotId, m.letter]));
        const verdict = v.verdict === 'best' ? `${letters.get(v.ranking[0][0])} best` : v.verdict === 'rank' ? v.ranking.map((g) => g.map((id) => letters.get(id)).join('=')).join('>') : v.verdict === 'tie' ? 'tie' : 'all bad';
        const who = v.models.map((m) => `${m.letter}=${m.label}`).join(', ');
        return `${v.at.slice(0, 16).replace('T', ' ')}  ${verdict.padEnd(8)}  ${v.language ?? '-'}  ${who}`;
      })
      .join('\n') + '\n'
  );
}

function leaderboardText(board: Leaderboard): string {
  if (board.rows.length === 0) return 'No votes.\n';
  const head = ['Model', 'Votes', 'W', 'L', 'T', 'Bad', 'Strength (95 % CI)'];
  const rows = board.rows.map((r) => [
    `${r.label} (${r.provider}:${r.model})`,
    String(r.votes), String(r.wins), String(r.losses), String(r.ties), String(r.allBad),
    r.enough && r.rating !== null ? `${Math.round(r.rating)} (${Math.round(r.ci?.low ?? r.rating)}–${Math.round(r.ci?.high ?? r.rating)})` : `not enough votes yet (${r.votes} of ${board.minVotes})`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [
    line(head),
    ...rows.map(line),
    '',
    `${board.totalVotes} vote(s). Strength: Bradley–Terry over all pairwise outcomes (tie = half a win), 1000 = the models' average; interval: ${board.bootstrapSamples} bootstrap resamples of the votes.`,
  ].join('\n') + '\n';
}
