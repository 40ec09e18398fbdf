/**
 * Helpers shared by the providers: a guard that turns "no event for N ms" into a typed error (after aborting the
 * request, so the server stops too), and a sleep that wakes up early on abort.
 */
import { CancelledError, LlmError } from './errors';

/**
 * Yields from `source`, but if no item arrives within `ms` (counted from the start and from each item), calls
 * `abort` and throws `stream-stalled`. `ms <= 0` disables the guard.
 */
export async function* guardStall<T>(source: AsyncIterable<T>, ms: number, abort: () => void, what: string): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<'stalled'>((resolve) => {
        if (ms > 0) timer = setTimeout(() => resolve('stalled'), ms);
      });
      const next = await Promise.race([it.next(), stalled]).finally(() => clearTimeout(timer));
      if (next === 'stalled') {
        abort();
        throw new LlmError('stream-stalled', `${what}: no data for ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}, gave up. The server may be overloaded; try again or raise the request timeout.`, { fix: 'retry' });
      }
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!finished) void it.return?.()?.catch(() => undefined);
  }
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
