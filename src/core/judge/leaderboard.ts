/**
 * The leaderboard: per model, how many votes it was in, its pairwise wins / losses / ties, and a Bradley–Terry
 * rating with a 95 % bootstrap interval. The bootstrap resamples whole votes (the pairs of one vote are not
 * independent), refits, and takes the 2.5th and 97.5th percentiles; a fixed seed makes it reproducible.
 */
import { fitBradleyTerry, toRatings, type PairOutcome } from './bradley-terry';
import { seededRandom, randomIndex } from './shuffle';
import { modelKey, pairOutcomes, type Vote } from './votes';

/** Below this many votes a model's rating is shown as "not enough votes yet": its interval is too wide to rank. */
export const MIN_VOTES_FOR_RATING = 10;
export const BOOTSTRAP_SAMPLES = 1000;

export interface LeaderboardRow {
  key: string;
  /** The most recent label and names the model was voted under. */
  label: string;
  provider: string;
  model: string;
  votes: number;
  wins: number;
  losses: number;
  ties: number;
  /** Votes in which every answer was judged bad and this model was among them. */
  allBad: number;
  /** Bradley–Terry rating (Elo-like points, 1000 = the geometric mean); null with no pairwise outcome. */
  rating: number | null;
  /** 95 % bootstrap interval of the rating; null when there is no rating. */
  ci: { low: number; high: number } | null;
  /** False below MIN_VOTES_FOR_RATING votes: show "not enough votes yet" instead of a rank. */
  enough: boolean;
}

export interface Leaderboard {
  rows: LeaderboardRow[];
  totalVotes: number;
  minVotes: number;
  bootstrapSamples: number;
}

export interface LeaderboardOptions {
  seed?: number;
  samples?: number;
  minVotes?: number;
}

export function buildLeaderboard(votes: readonly Vote[], options: LeaderboardOptions = {}): Leaderboard {
  const minVotes = options.minVotes ?? MIN_VOTES_FOR_RATING;
  const samples = options.samples ?? BOOTSTRAP_SAMPLES;
  const rows = new Map<string, LeaderboardRow>();
  const perVote = votes.map((v) => pairOutcomes(v));
  for (const vote of votes) {
    for (const m of vote.models) {
      const key = modelKey(m);
      const row = rows.get(key) ?? { key, label: m.label, provider: m.provider, model: m.model, votes: 0, wins: 0, losses: 0, ties: 0, allBad: 0, rating: null, ci: null, enough: false };
      row.votes++;
      row.label = m.label;
      if (vote.verdict === 'bad') row.allBad++;
      rows.set(key, row);
    }
  }
  for (const o of perVote.flat()) {
    const a = rows.get(o.a)!;
    const b = rows.get(o.b)!;
    if (o.score === 0.5) {
      a.ties++;
      b.ties++;
    } else if (o.score === 1) {
      a.wins++;
      b.losses++;
    } else {
      b.wins++;
      a.losses++;
    }
  }
  const ratings = toRatings(fitBradleyTerry(perVote.flat()));
  const intervals = bootstrapIntervals(perVote, samples, options.seed ?? 1);
  for (const row of rows.values()) {
    row.rating = ratings.get(row.key) ?? null;
    row.ci = row.rating === null ? null : intervals.get(row.key) ?? null;
    row.enough = row.votes >= minVotes && row.rating !== null;
  }
  const sorted = [...rows.values()].sort((x, y) => Number(y.enough) - Number(x.enough) || (y.rating ?? -Infinity) - (x.rating ?? -Infinity) || y.votes - x.votes || x.key.localeCompare(y.key));
  return { rows: sorted, totalVotes: votes.length, minVotes, bootstrapSamples: samples };
}

/** Percentile intervals over `samples` refits on votes drawn with replacement. */
export function bootstrapIntervals(perVote: readonly PairOutcome[][], samples: number, seed: number): Map<string, { low: number; high: number }> {
  const draws = new Map<string, number[]>();
  if (perVote.length === 0) return new Map();
  const random = seededRandom(seed);
  for (let s = 0; s < samples; s++) {
    const resample: PairOutcome[] = [];
    for (let i = 0; i < perVote.length; i++) resample.push(...perVote[randomIndex(random, perVote.length)]);
    for (const [key, rating] of toRatings(fitBradleyTerry(resample, { maxIterations: 500, tolerance: 1e-7 }))) {
      const list = draws.get(key) ?? [];
      list.push(rating);
      draws.set(key, list);
    }
  }
  const out = new Map<string, { low: number; high: number }>();
  for (const [key, list] of draws) {
    list.sort((a, b) => a - b);
    out.set(key, { low: percentile(list, 0.025), high: percentile(list, 0.975) });
  }
  return out;
}

/** Linear interpolation between closest ranks (the common "type 7" definition). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
