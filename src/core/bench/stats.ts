/**
 * Statistics over samples. Quantiles interpolate linearly between order statistics (the common "type 7"
 * definition, as numpy and spreadsheets compute them) so a reader can check a figure by hand.
 */
import { sumCosts } from '../cost/price';
import type { ErrorKind } from '../providers/errors';
import type { Distribution, ModelSummary, Sample } from './types';
import type { ResolvedModel } from '../providers/registry';

export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function distribution(values: ReadonlyArray<number | null | undefined>): Distribution {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return { median: null, p95: null, min: null, max: null, mean: null, count: 0 };
  return {
    median: round(quantile(xs, 0.5)),
    p95: round(quantile(xs, 0.95)),
    min: xs[0],
    max: xs[xs.length - 1],
    mean: round(xs.reduce((a, b) => a + b, 0) / xs.length),
    count: xs.length,
  };
}

/**
 * Unbiased pass@k for one task with n samples of which c passed: 1 − C(n−c, k) / C(n, k), computed as the product
 * ∏_{i=n−c+1..n} (1 − k/i), which never forms the huge binomials.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (k < 1 || k > n) throw new RangeError(`pass@${k} needs k between 1 and n=${n}.`);
  if (n - c < k) return 1;
  let notPass = 1;
  for (let i = n - c + 1; i <= n; i++) notPass *= 1 - k / i;
  return 1 - notPass;
}

/** The k values reported: 1, 2, 5, 10 and the repeat count, when every task has at least k scored samples. */
export function reportedKs(minSamplesPerTask: number, repeats: number): number[] {
  return [...new Set([1, 2, 5, 10, repeats])].filter((k) => k >= 1 && k <= minSamplesPerTask).sort((a, b) => a - b);
}

export interface SummaryOptions {
  repeats: number;
  /** Ids of the tasks scored by running code; empty when execution was off. */
  scoredTaskIds: ReadonlySet<string>;
}

export function summarizeModel(model: ResolvedModel, samples: readonly Sample[], options: SummaryOptions): ModelSummary {
  const mine = samples.filter((s) => s.modelId === model.slot.id);
  const ok = mine.filter((s) => s.error === null);
  const errors: Partial<Record<ErrorKind, number>> = {};
  for (const s of mine) if (s.error) errors[s.error.kind] = (errors[s.error.kind] ?? 0) + 1;

  // A generation that failed on a scored run counts as a sample that did not pass: the model gave nothing to run.
  const scoredSamples = mine.filter((s) => s.score !== null || (s.error !== null && options.scoredTaskIds.has(s.taskId)));
  const outcomes: ModelSummary['outcomes'] = {};
  const perTask = new Map<string, { n: number; c: number }>();
  for (const s of scoredSamples) {
    const cut = s.finishReason === 'length' && s.score?.kind !== 'passed';
    const kind = cut ? 'truncated' : s.score?.kind ?? 'generation-error';
    outcomes[kind] = (outcomes[kind] ?? 0) + 1;
    const t = perTask.get(s.taskId) ?? { n: 0, c: 0 };
    t.n++;
    if (kind === 'passed') t.c++;
    perTask.set(s.taskId, t);
  }
  const passed = outcomes.passed ?? 0;
  const tasks = [...perTask.values()];
  const passAtKs: Record<string, number> = {};
  if (tasks.length > 0) {
    const minN = Math.min(...tasks.map((t) => t.n));
    for (const k of reportedKs(minN, options.repeats)) passAtKs[String(k)] = round4(mean(tasks.map((t) => passAtK(t.n, t.c, k))));
  }
  return {
    id: model.slot.id,
    model: model.slot.model,
    label: model.slot.label,
    provider: model.slot.provider,
    samples: mine.length,
    errors,
    ttftMs: distribution(ok.map((s) => s.metrics.ttftMs)),
    totalMs: distribution(ok.map((s) => s.metrics.totalMs)),
    tokensPerSecond: distribution(ok.map((s) => s.metrics.tokensPerSecond)),
    chars: distribution(ok.map((s) => s.metrics.chars)),
    outputTokens: distribution(ok.map((s) => s.metrics.outputTokens)),
    scored: scoredSamples.length,
    passed,
    passRate: scoredSamples.length ? round4(passed / scoredSamples.length) : null,
    passAt1: tasks.length ? round4(mean(tasks.map((t) => t.c / t.n))) : null,
    passAtK: passAtKs,
    outcomes,
    truncated: mine.filter((s) => s.finishReason === 'length').length,
    ...benchCosts(mine, scoredSamples.length > 0 ? passed : null),
  };
}

/** Cost of a model's samples: total, per answer, per passing answer; null wherever one sample's cost is unknown. */
export function benchCosts(samples: readonly Sample[], passed: number | null): Pick<ModelSummary, 'costUsd' | 'costPerTaskUsd' | 'costPerPassUsd' | 'priceSource'> {
  const total = samples.length ? sumCosts(samples.map((s) => s.metrics.costUsd)) : null;
  return {
    costUsd: total,
    costPerTaskUsd: total === null ? null : total / samples.length,
    costPerPassUsd: total === null || !passed ? null : total / passed,
    priceSource: samples.find((s) => s.metrics.priceSource)?.metrics.priceSource ?? null,
  };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function round(n: number | null): number | null {
  return n === null ? null : Math.round(n * 10) / 10;
}

function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}
