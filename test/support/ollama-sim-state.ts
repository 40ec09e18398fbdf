/**
 * The simulator's mutable state: the current script, the records tests assert on, and the generation queue that
 * models OLLAMA_NUM_PARALLEL / OLLAMA_MAX_QUEUE (so concurrency tests can see "parallel" runs serialise).
 */
import { createHash } from 'node:crypto';
import type { Exchange } from './ollama-sim-http';
import type { SimConcurrency, SimModel, SimRequestRecord, SimScript, SimStreamRecord } from './ollama-sim-types';

export type Acquired = 'ok' | 'busy' | 'gone';

/** Ollama treats `name` and `name:latest` as the same model. */
export function sameModel(a: string, b: string): boolean {
  const norm = (n: string) => (n.includes(':') ? n : `${n}:latest`);
  return norm(a) === norm(b);
}

/** A stable fake sha256 hex for a name, so digests look real and stay the same between runs. */
export function fakeDigest(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

export class SimState {
  script: SimScript;
  readonly requests: SimRequestRecord[] = [];
  readonly streams: SimStreamRecord[] = [];
  readonly concurrency: SimConcurrency = { active: 0, maxActive: 0, queued: 0, maxQueued: 0 };
  private lastRequestId = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly streamWaiters: Array<() => void> = [];

  constructor(script: SimScript) {
    this.script = script;
  }

  nextRequestId(): number {
    return ++this.lastRequestId;
  }

  findModel(name: string): SimModel | undefined {
    return (this.script.models ?? []).find((m) => sameModel(m.name, name));
  }

  /** A successful pull installs the model (replacing an older entry of the same name). */
  install(model: SimModel): void {
    const others = (this.script.models ?? []).filter((m) => !sameModel(m.name, model.name));
    this.script = { ...this.script, models: [...others, model] };
  }

  addStream(record: SimStreamRecord): void {
    this.streams.push(record);
    for (const wake of this.streamWaiters.splice(0)) wake();
  }

  /** Resolves when at least `count` streams have been recorded. */
  async streamCount(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.streams.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`ollama-sim: expected ${count} streaming requests, saw ${this.streams.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.streamWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for a generation slot. 'gone' = the client left while queued; 'busy' = the queue is full. */
  async acquire(ex: Exchange): Promise<Acquired> {
    const limit = this.script.numParallel ?? Infinity;
    if (this.concurrency.active >= limit) {
      if (this.concurrency.queued >= (this.script.maxQueue ?? Infinity)) return 'busy';
      this.concurrency.queued++;
      this.concurrency.maxQueued = Math.max(this.concurrency.maxQueued, this.concurrency.queued);
      let wake!: () => void;
      const turn = new Promise<void>((resolve) => (wake = resolve));
      this.waiting.push(wake);
      await Promise.race([turn, ex.record.ended]);
      this.concurrency.queued--;
      const i = this.waiting.indexOf(wake);
      if (i >= 0) this.waiting.splice(i, 1);
      if (ex.gone) {
        // We may have been handed the slot in the same tick the client left: give it back.
        if (i < 0) this.release();
        return 'gone';
      }
      return 'ok'; // the releaser counted us as active already
    }
    this.concurrency.active++;
    this.concurrency.maxActive = Math.max(this.concurrency.maxActive, this.concurrency.active);
    return 'ok';
  }

  release(): void {
    this.concurrency.active--;
    this.handOver();
  }

  private handOver(): void {
    const limit = this.script.numParallel ?? Infinity;
    if (this.concurrency.active >= limit) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.concurrency.active++;
    this.concurrency.maxActive = Math.max(this.concurrency.maxActive, this.concurrency.active);
    next();
  }

  reset(): void {
    this.requests.length = 0;
    this.streams.length = 0;
    this.concurrency.maxActive = this.concurrency.active;
    this.concurrency.maxQueued = this.concurrency.queued;
  }
}
