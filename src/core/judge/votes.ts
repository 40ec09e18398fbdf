/**
 * A blind vote as it is stored: what was asked (or only its SHA-256), which models answered (with their settings
 * and timings, shown as letters in a shuffled order), and the user's verdict as a ranking. The same shape is the
 * VS Code export and what `llm-compare votes` reads, so the file is the interchange format.
 */
import { createHash } from 'node:crypto';
import type { PairOutcome } from './bradley-terry';

export const VOTES_FILE_VERSION = 1;

/** `best`: one winner, the rest tied below; `rank`: a full order; `tie`: all equally good; `bad`: all equally bad. */
export type VoteVerdict = 'best' | 'rank' | 'tie' | 'bad';

export interface VotedModel {
  /** The letter the user saw before the vote ("A", "B", …), in shuffled column order. */
  letter: string;
  slotId: string;
  label: string;
  provider: string;
  model: string;
  /** Host or base URL (no credentials), null when none. */
  endpoint: string | null;
  location: 'online' | 'local';
  settings: { maxTokens: number; temperature: number | null; systemPrompt: boolean };
  /** Client-clock timings (ms) and the server's token count; null = unknown. */
  metrics: { ttftMs: number | null; totalMs: number | null; outputTokens: number | null; tokensPerSecond: number | null; costUsd: number | null } | null;
  /** The column ended in an error: its kind, else null. */
  error: string | null;
}

export interface Vote {
  id: string;
  /** ISO 8601, wall clock. */
  at: string;
  runId: string;
  /** The prompt as typed, or null when the user chose not to keep prompts (the hash is always kept). */
  prompt: string | null;
  promptSha256: string;
  /** The editor language of the context sent with the prompt (`typescript`, `python`…), null when none. */
  language: string | null;
  /** The shuffle seed: `shuffled(slotIds, seed)` gives the column order shown. */
  seed: number;
  models: VotedModel[];
  verdict: VoteVerdict;
  /** Slot ids grouped best first; ids in one group are tied. */
  ranking: string[][];
}

export interface VotesFile {
  version: typeof VOTES_FILE_VERSION;
  votes: Vote[];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The key a model is counted under across votes: the same model from two slots is one model. */
export function modelKey(m: Pick<VotedModel, 'provider' | 'model'>): string {
  return `${m.provider}:${m.model}`;
}

/** The ranking a verdict means: `best` puts the winner alone on top; `tie` and `bad` put everyone together. */
export function rankingFor(verdict: VoteVerdict, slotIds: readonly string[], order?: readonly string[][]): string[][] {
  switch (verdict) {
    case 'tie':
    case 'bad':
      return [[...slotIds]];
    case 'best': {
      const winner = order?.[0]?.[0];
      if (!winner || !slotIds.includes(winner)) throw new Error('A "best" vote needs the winner.');
      const rest = slotIds.filter((id) => id !== winner);
      return rest.length ? [[winner], rest] : [[winner]];
    }
    case 'rank': {
      const flat = (order ?? []).flat();
      if (flat.length !== slotIds.length || !slotIds.every((id) => flat.includes(id))) throw new Error('A ranking must place every model exactly once.');
      return (order ?? []).map((g) => [...g]);
    }
  }
}

/**
 * Every pair of models in a vote, best-ranked first: 1 when `a` was ranked above `b`, 0.5 in the same group.
 * An "all bad" vote is a tie between all (the usual arena rule: nobody earned a win). Columns that failed still
 * count: an error is a bad answer, and the user saw it as one.
 */
export function pairOutcomes(vote: Vote): PairOutcome[] {
  const keyOf = new Map(vote.models.map((m) => [m.slotId, modelKey(m)]));
  const placed = vote.ranking.flatMap((group, place) => group.map((id) => ({ key: keyOf.get(id), place })));
  const out: PairOutcome[] = [];
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i];
      const b = placed[j];
      if (!a.key || !b.key || a.key === b.key) continue;
      out.push({ a: a.key, b: b.key, score: a.place === b.place ? 0.5 : a.place < b.place ? 1 : 0 });
    }
  }
  return out;
}

export interface VoteFilter {
  /** Only votes whose context was in this language (case-insensitive); `none` = votes with no language. */
  language?: string;
  /** Inclusive bounds on `at`, ISO dates or date-times. */
  from?: string;
  to?: string;
}

export function filterVotes(votes: readonly Vote[], filter: VoteFilter): Vote[] {
  const from = filter.from ? Date.parse(filter.from) : -Infinity;
  // A bare date as the upper bound means "through the end of that day".
  const to = filter.to ? Date.parse(filter.to) + (/^\d{4}-\d{2}-\d{2}$/.test(filter.to) ? 86_400_000 - 1 : 0) : Infinity;
  const lang = filter.language?.toLowerCase();
  return votes.filter((v) => {
    const t = Date.parse(v.at);
    if (t < from || t > to) return false;
    if (lang === undefined || lang === '') return true;
    return lang === 'none' ? v.language === null : (v.language ?? '').toLowerCase() === lang;
  });
}
