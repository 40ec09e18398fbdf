/**
 * What an answer cost: a price per million input / output tokens times the SERVER's token counts. Unknown is null,
 * never a guess: no price → null; a token count we estimated (≈ chars / 4) → null too, because a bill is computed
 * on the provider's tokenizer and a chars/4 guess can be off by half for code — a money figure that may be wrong by
 * 50 % is worse than none. The price's origin travels with the figure (`priceSource`).
 */
import type { RunMetrics } from '../compare/types';

export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
}

/** `user`: the model entry's `price`; `huggingface-router`: the router's model list (`GET /v1/models`). */
export type PriceSource = 'user' | 'huggingface-router';

export interface PriceQuote {
  price: Price;
  source: PriceSource;
}

export interface CostFigures {
  costUsd: number | null;
  priceSource: PriceSource | null;
}

/** USD for one answer; null when the price or either server count is unknown. */
export function costUsd(price: Price | null, inputTokens: number | null, outputTokens: number | null): number | null {
  if (!price || inputTokens === null || outputTokens === null) return null;
  if (!validCount(inputTokens) || !validCount(outputTokens)) return null;
  return (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
}

/** The cost of a finished generation from its metrics: server counts only. */
export function costOfMetrics(quote: PriceQuote | null, metrics: Pick<RunMetrics, 'outputTokens' | 'tokenSource' | 'server'>): CostFigures {
  if (!quote) return { costUsd: null, priceSource: null };
  const output = metrics.tokenSource === 'server' ? metrics.outputTokens : null;
  const input = metrics.server?.promptTokens ?? null;
  return { costUsd: costUsd(quote.price, input, output), priceSource: quote.source };
}

/** Sums costs; null as soon as one part is unknown (a partial sum would read as the whole bill). */
export function sumCosts(costs: readonly (number | null | undefined)[]): number | null {
  let total = 0;
  for (const c of costs) {
    if (c === null || c === undefined) return null;
    total += c;
  }
  return total;
}

/**
 * For people: "$0.0012", "<$0.0001", "local" for a local model without a price (it is not free, but we were not
 * told what its power costs), "n/a" when unknown.
 */
export function formatCost(cost: number | null | undefined, location?: 'online' | 'local', priced?: boolean): string {
  if (cost === null || cost === undefined) return location === 'local' && !priced ? 'local' : 'n/a';
  if (cost === 0) return '$0';
  if (cost < 0.0001) return '<$0.0001';
  return cost < 1 ? `$${cost.toFixed(4)}` : `$${cost.toFixed(2)}`;
}

function validCount(n: number): boolean {
  return Number.isFinite(n) && n >= 0;
}
