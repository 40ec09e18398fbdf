/**
 * Where a model's price comes from: the model entry's own `price` first (the user knows their contract, or their
 * power bill), else — for Hugging Face's router — the router's model list, fetched once and kept for an hour.
 * Anything else (a local server, a dedicated endpoint) has no price: null.
 */
import type { ModelSlot } from '../providers/types';
import { parseRouterModels, routerPrice, type RouterProviderEntry } from './hf-router-pricing';
import type { PriceQuote } from './price';

export interface PriceBookOptions {
  /** The router base (https://router.huggingface.co, or a stand-in). */
  routerUrl: string;
  /** Sent to the router only (it is a Hugging Face host or the configured stand-in for one). */
  hfToken?: string;
  /** 'auto' or a named inference provider, as in the settings. */
  hfProvider: string;
  fetch?: typeof fetch;
  /** How long a fetched list is trusted. */
  ttlMs?: number;
  now?: () => number;
}

const LIST_TIMEOUT_MS = 5_000;

export class PriceBook {
  private list: Promise<Map<string, RouterProviderEntry[]> | null> | null = null;
  private fetchedAt = 0;

  constructor(private readonly opts: PriceBookOptions) {}

  /** The price of one request of `slot` going to `endpoint` (undefined = the provider's default). Never throws. */
  async quote(slot: ModelSlot, endpoint: string | undefined): Promise<PriceQuote | null> {
    if (slot.price) return { price: slot.price, source: 'user' };
    if (slot.provider !== 'huggingface' || endpoint !== undefined) return null;
    const models = await this.routerModels();
    const price = models ? routerPrice(models, slot.model, this.opts.hfProvider || 'auto') : null;
    return price ? { price, source: 'huggingface-router' } : null;
  }

  private routerModels(): Promise<Map<string, RouterProviderEntry[]> | null> {
    const now = (this.opts.now ?? Date.now)();
    if (!this.list || now - this.fetchedAt > (this.opts.ttlMs ?? 3_600_000)) {
      this.fetchedAt = now;
      this.list = this.fetchList();
    }
    return this.list;
  }

  /** A failed fetch is remembered as "no prices" for this period: costs show n/a rather than slowing every run. */
  private async fetchList(): Promise<Map<string, RouterProviderEntry[]> | null> {
    try {
      const res = await (this.opts.fetch ?? fetch)(`${this.opts.routerUrl.replace(/\/+$/, '')}/v1/models`, {
        headers: this.opts.hfToken ? { authorization: `Bearer ${this.opts.hfToken}` } : {},
        signal: AbortSignal.timeout(LIST_TIMEOUT_MS),
      });
      if (!res.ok) return null;
      return parseRouterModels(await res.json());
    } catch {
      return null;
    }
  }
}
