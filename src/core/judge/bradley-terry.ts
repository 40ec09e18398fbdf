/**
 * Bradley–Terry strengths from pairwise outcomes: P(i beats j) = p_i / (p_i + p_j). Fitted by the MM iteration of
 * Hunter (2004), with a tie counted as half a win for each side. A model that never lost has no finite maximum
 * likelihood estimate, so by default every model also plays one virtual tied game against a fixed reference of
 * strength 1 (a weak prior that keeps every estimate finite and pulls small samples toward the middle); `prior: 0`
 * gives the plain maximum-likelihood fit.
 */

/** One pairwise result: `score` 1 = a won, 0 = b won, 0.5 = tie. */
export interface PairOutcome {
  a: string;
  b: string;
  score: number;
}

export interface FitOptions {
  /** Virtual tied games each model plays against a reference of strength 1. Default 1. */
  prior?: number;
  maxIterations?: number;
  tolerance?: number;
}

/** Elo-like points: 400 per factor of 10 in odds, 1000 = the geometric mean of the fitted models. */
export const RATING_CENTER = 1000;
export const RATING_SCALE = 400;

/** Strengths p_i (> 0) by model key. Models with no outcome at all are absent. */
export function fitBradleyTerry(outcomes: readonly PairOutcome[], options: FitOptions = {}): Map<string, number> {
  const prior = options.prior ?? 1;
  const maxIterations = options.maxIterations ?? 10_000;
  const tolerance = options.tolerance ?? 1e-10;
  const keys = [...new Set(outcomes.flatMap((o) => [o.a, o.b]))].sort();
  const index = new Map(keys.map((k, i) => [k, i]));
  const n = keys.length;
  const wins = new Array<number>(n).fill(prior / 2);
  const games: number[][] = keys.map(() => new Array<number>(n).fill(0));
  for (const o of outcomes) {
    if (o.a === o.b) continue;
    const i = index.get(o.a)!;
    const j = index.get(o.b)!;
    wins[i] += o.score;
    wins[j] += 1 - o.score;
    games[i][j] += 1;
    games[j][i] += 1;
  }
  let p = new Array<number>(n).fill(1);
  for (let iter = 0; iter < maxIterations; iter++) {
    const next = p.map((pi, i) => {
      let denom = prior > 0 ? prior / (pi + 1) : 0;
      for (let j = 0; j < n; j++) if (games[i][j] > 0) denom += games[i][j] / (pi + p[j]);
      // A model with no wins at all (and no prior) tends to 0: keep it tiny but positive so ratings stay finite.
      return denom > 0 ? Math.max(wins[i] / denom, 1e-12) : pi;
    });
    const scaled = prior > 0 ? next : normalise(next);
    const change = Math.max(...scaled.map((v, i) => Math.abs(Math.log(v) - Math.log(p[i]))));
    p = scaled;
    if (change < tolerance) break;
  }
  return new Map(keys.map((k, i) => [k, p[i]]));
}

/** Strengths as ratings centred on the geometric mean of the models given. */
export function toRatings(strengths: Map<string, number>): Map<string, number> {
  const logs = [...strengths.values()].map(Math.log10);
  const mean = logs.length ? logs.reduce((s, v) => s + v, 0) / logs.length : 0;
  return new Map([...strengths].map(([k, v]) => [k, RATING_CENTER + RATING_SCALE * (Math.log10(v) - mean)]));
}

function normalise(p: number[]): number[] {
  const meanLog = p.reduce((s, v) => s + Math.log(v), 0) / p.length;
  const g = Math.exp(meanLog);
  return p.map((v) => v / g);
}
