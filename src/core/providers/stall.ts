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

/**
 * Yields from `source`; if nothing arrives for `ms` (counted from the start and from each item), calls `abort`
 * (which must make the pending read fail, as aborting a fetch does) and throws `stream-stalled`. `ms <= 0`
 * disables the guard. For sources that hand us parsed items only (the ollama client); where the raw bytes are
 * ours, touch a StallWatch with them instead.
 */
export function guardStall<T>(source: AsyncIterable<T>, ms: number, abort: () => void, what: string): AsyncIterableIterator<T> {
  // An iterator object, not an async generator: it sits on every token of an Ollama answer, and a generator's
  // await + yield cost three promises per token where one `then` does (issue 12).
  const watch = new StallWatch(ms, abort);
  const it = source[Symbol.asyncIterator]();
  let finished = false;
  const finish = (): void => {
    watch.stop();
    if (!finished) void it.return?.()?.catch(() => undefined);
    finished = true;
  };
  const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
  return {
    next(): Promise<IteratorResult<T>> {
      if (finished) return Promise.resolve(done);
      watch.touch(); // only time spent waiting on the server counts, not time the consumer spent on the last item
      return it.next().then(
        (next) => {
          if (watch.stalled) {
            finish();
            throw stalledError(what, ms);
          }
          if (next.done) {
            finished = true;
            watch.stop();
          }
          return next;
        },
        (e: unknown) => {
          const stalled = watch.stalled;
          finish();
          throw stalled ? stalledError(what, ms) : e;
        },
      );
    },
    return(): Promise<IteratorResult<T>> {
      finish();
      return Promise.resolve(done);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
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
