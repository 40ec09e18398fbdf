/** Summaries of repeated samples: min / median / p95 (nearest rank), as every perf figure is printed. */
export interface Summary {
  n: number;
  min: number;
  median: number;
  p95: number;
}

export function summarize(samples: readonly number[]): Summary | null {
  const xs = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  const rank = Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1);
  return { n: xs.length, min: xs[0], median, p95: xs[rank] };
}

/** Rounds for printing and JSON: enough digits for µs-sized differences, no float noise. */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function roundSummary(s: Summary | null, digits = 3): Summary | null {
  return s && { n: s.n, min: round(s.min, digits), median: round(s.median, digits), p95: round(s.p95, digits) };
}
