/**
 * Helpers shared by the providers: a watch that turns "no sign of life for N ms" into a typed error (after aborting
 * the request, so the server stops too), and a sleep that wakes up early on abort.
 *
 * The watch is built to cost nothing per chunk: `touch()` only records a time, and one timer re-arms itself for
 * the remaining quiet time and looks at it. No promise, timer or race per chunk. Feed it raw bytes (keep-alive
 * comments such as `: ping` are life too), not parsed events.
 */
import { CancelledError, LlmError } from './errors';

export class StallWatch {
  private last: number;
  private timer: NodeJS.Timeout | undefined;
  private fired = false;

  /** `ms <= 0` disables the watch. `onStall` is called once, at most (it should abort the request). */
  constructor(private readonly ms: number, private readonly onStall: () => void) {
    this.last = performance.now();
    if (ms > 0) this.arm(ms);
  }

  /** Something arrived: the server is alive. */
  touch(): void {
    this.last = performance.now();
  }

  /** True once the quiet time ran out. */
  get stalled(): boolean {
    return this.fired;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(delay: number): void {
    this.timer = setTimeout(() => this.check(), delay);
    this.timer.unref?.();
  }

  private check(): void {
    const quiet = performance.now() - this.last;
    if (quiet < this.ms) return this.arm(this.ms - quiet);
    this.timer = undefined;
    this.fired = true;
    this.onStall();
  }
}

/** The error for a stalled stream, with the advice a user needs. */
export function stalledError(what: string, ms: number): LlmError {
  return new LlmError('stream-stalled', `${what}: no data for ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}, gave up. The server may be overloaded; try again or raise the request timeout.`, { fix: 'retry' });
}

/** Resolves after `ms`, or rejects with CancelledError as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
