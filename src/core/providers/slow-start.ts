/**
 * A cold local model can take a minute before the first byte arrives (Ollama sends no headers while it loads).
 * `noticeSlowStart` lets a provider tell the user so: it yields `SLOW_START` once when the first item of `source`
 * is late, then the items. The timer is cleared as soon as the first item (or an error, or a cancel) arrives.
 */
export const SLOW_START: unique symbol = Symbol('slow-start');

export async function* noticeSlowStart<T>(source: AsyncIterable<T>, ms: number): AsyncGenerator<T | typeof SLOW_START> {
  const it = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    const first = it.next();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<typeof SLOW_START>((resolve) => (timer = setTimeout(() => resolve(SLOW_START), ms)));
    // race() handles a rejection of `first`; it is awaited (and re-thrown) below either way.
    const winner = await Promise.race([first, late]).finally(() => clearTimeout(timer));
    if (winner === SLOW_START) yield SLOW_START;
    for (let next = await first; ; next = await it.next()) {
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
