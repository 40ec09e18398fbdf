/**
 * Prices of Hugging Face Inference Providers, from the router's model list: `GET <router>/v1/models` answers
 * `{ data: [{ id, providers: [{ provider, status, context_length, pricing: { input, output } }] }] }`, prices in
 * US dollars per million tokens. Which provider serves a request decides its price, so:
 *  - a named provider (`together`) → that provider's price;
 *  - `auto` → a price only when every live provider of the model charges the same (the router picks one and does
 *    not tell us which); otherwise null, never a guess.
 */
import type { Price } from './price';

export interface RouterProviderEntry {
  provider: string;
  status: string | null;
  contextLength: number | null;
  pricing: Price | null;
}

/** Model id → its providers, from the router's answer; malformed entries are skipped. */
export function parseRouterModels(raw: unknown): Map<string, RouterProviderEntry[]> {
  const out = new Map<string, RouterProviderEntry[]>();
  const data = isObj(raw) && Array.isArray(raw.data) ? raw.data : [];
  for (const m of data) {
    if (!isObj(m) || typeof m.id !== 'string' || !Array.isArray(m.providers)) continue;
    const providers: RouterProviderEntry[] = [];
    for (const p of m.providers) {
      if (!isObj(p) || typeof p.provider !== 'string') continue;
      const pr = isObj(p.pricing) ? p.pricing : null;
      const pricing = pr && nonNegative(pr.input) && nonNegative(pr.output) ? { inputPerMTok: pr.input as number, outputPerMTok: pr.output as number } : null;
      providers.push({
        provider: p.provider,
        status: typeof p.status === 'string' ? p.status : null,
        contextLength: typeof p.context_length === 'number' ? p.context_length : null,
        pricing,
      });
    }
    out.set(m.id, providers);
  }
  return out;
}

/** The price a request for `model` through `provider` ('auto' or a name) pays, or null when not knowable. */
export function routerPrice(models: Map<string, RouterProviderEntry[]>, model: string, provider: string): Price | null {
  const entries = models.get(model.replace(/:[a-z0-9-]+$/i, (suffix) => (models.has(model) ? suffix : ''))) ?? [];
  // "model:provider" picks a provider explicitly, as the router's own syntax does.
  const suffix = /:([a-z0-9-]+)$/i.exec(model)?.[1];
  const named = suffix && !models.has(model) ? suffix : provider !== 'auto' && provider !== '' ? provider : null;
  if (named) return entries.find((e) => e.provider === named)?.pricing ?? null;
  const live = entries.filter((e) => e.status === null || e.status === 'live');
  if (live.length === 0 || live.some((e) => e.pricing === null)) return null;
  const first = live[0].pricing!;
  return live.every((e) => e.pricing!.inputPerMTok === first.inputPerMTok && e.pricing!.outputPerMTok === first.outputPerMTok) ? first : null;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonNegative(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}
