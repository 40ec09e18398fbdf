/**
 * Admission control for generations: a local model server serves one or two requests at a time and an online one
 * spends the user's credits, so the endpoint refuses (429) instead of queueing without bound.
 */
import { HttpError } from './errors';

export const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_CONCURRENT = 4;
/** What a 429 suggests: generations take seconds, so "try again in a couple of seconds" is the honest hint. */
export const RETRY_AFTER_SECONDS = 2;

export class GenerationGate {
  private active = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('The generation limit must be a whole number ≥ 1.');
  }

  get running(): number {
    return this.active;
  }

  /**
   * Takes `count` places (a comparison takes one per model, capped at the limit so that a comparison of more models
   * than the limit can still run on an idle server). Returns the release function; throws 429 when full.
   */
  enter(count = 1): () => void {
    const cost = Math.max(1, Math.min(count, this.limit));
    if (this.active + cost > this.limit) {
      throw new HttpError(
        429,
        'too-many-requests',
        `${this.active} generation(s) are running and the limit is ${this.limit}. Retry in a moment.`,
        { 'retry-after': String(RETRY_AFTER_SECONDS) },
      );
    }
    this.active += cost;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= cost;
    };
  }
}
