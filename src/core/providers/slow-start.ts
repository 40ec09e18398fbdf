/**
 * A cold local model can take a minute before the first byte arrives (Ollama sends no headers while it loads).
 * `noticeSlowStart` lets a provider tell the user so: it yields `SLOW_START` once when the first item of `source`
 * is late, then the items. The timer is cleared as soon as the first item (or an error, or a cancel) arrives.
 */
export const SLOW_START: unique symbol = Symbol('slow-start');

export function noticeSlowStart<T>(source: AsyncIterable<T>, ms: number): AsyncIterableIterator<T | typeof SLOW_START> {
  // An iterator object, not an async generator: after the first item it hands the source's own promises on, at
  // no cost per token (issue 12).
  const it = source[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<T>> | undefined;
  let phase: 'start' | 'noticed' | 'streaming' = 'start';
  let closed = false;
  const close = (): void => {
    if (!closed) void it.return?.()?.catch(() => undefined);
    closed = true;
  };
  const watched = (p: Promise<IteratorResult<T>>): Promise<IteratorResult<T>> =>
    p.then(
      (r) => {
        if (r.done) closed = true;
        return r;
      },
      (e: unknown) => {
        close();
        throw e;
      },
    );
  return {
    next(): Promise<IteratorResult<T | typeof SLOW_START>> {
      if (closed) return Promise.resolve({ done: true, value: undefined });
      // After the first item, straight through: this sits on every token (issue 12); the source ends itself.
      if (phase === 'streaming') return it.next();
      if (phase === 'noticed') {
        phase = 'streaming';
        return watched(first!);
      }
      first = it.next();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<typeof SLOW_START>((resolve) => (timer = setTimeout(() => resolve(SLOW_START), ms)));
      // race() handles a rejection of `first`; it is awaited (and re-thrown) below either way.
      return Promise.race([first, late])
        .finally(() => clearTimeout(timer))
        .then(
          (winner): IteratorResult<T | typeof SLOW_START> | Promise<IteratorResult<T>> => {
            if (winner === SLOW_START) {
              phase = 'noticed';
              return { done: false as const, value: SLOW_START };
            }
            phase = 'streaming';
            return watched(first!);
          },
          (e: unknown) => {
            close();
            throw e;
          },
        );
    },
    return(): Promise<IteratorResult<T | typeof SLOW_START>> {
      close();
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
