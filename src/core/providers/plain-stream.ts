/**
 * Streams built as plain AsyncIterators rather than async generators, for the path every token of an Ollama answer
 * takes (issue 12): a generator layer costs several promise jobs per item, these one `then` each.
 */
import { stalledError, StallWatch } from './stall';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export interface GuardedStreamOptions<T> {
  /** Already aborted: the first read fails with `cancelled(signal)` and no request is made. */
  signal: AbortSignal | undefined;
  cancelled(signal: AbortSignal): unknown;
  /** Opens the request on the first read; every request it makes must end when `abort` does. */
  open(abort: AbortSignal): Promise<AsyncIterable<T>>;
  /** The item after which the server has said everything: leaving then does not abort the request. */
  isLast(item: T): boolean;
  /** No item for this long (counted from each read) aborts the request and fails with `stream-stalled`. */
  stallMs: number;
  what: string;
  /** What a failure becomes; `inStream`: the response had begun. */
  failure(e: unknown, inStream: boolean): unknown;
}

/**
 * One streaming request under the stall guard. The request is aborted (connection closed) on a stall, on a
 * failure, and whenever reading stops before `isLast` was seen: a `break` by the consumer included.
 */
export function guardedStream<T>(o: GuardedStreamOptions<T>): AsyncIterableIterator<T> {
  let it: AsyncIterator<T> | undefined;
  let own: AbortController | undefined;
  let watch: StallWatch | undefined;
  let state: 'new' | 'open' | 'over' = 'new';
  let sawLast = false;
  const end = (closeSource: boolean): void => {
    if (state === 'over') return;
    state = 'over';
    watch?.stop();
    if (closeSource) void it?.return?.()?.catch(() => undefined);
    if (!sawLast) own?.abort();
  };
  const fail = (e: unknown): never => {
    const stalled = watch?.stalled === true;
    end(true);
    throw o.failure(stalled ? stalledError(o.what, o.stallMs) : e, it !== undefined);
  };
  const arrived = (r: IteratorResult<T>): IteratorResult<T> => {
    if (watch!.stalled) return fail(undefined);
    if (r.done) end(false);
    else if (o.isLast(r.value)) sawLast = true;
    return r;
  };
  return {
    next(): Promise<IteratorResult<T>> {
      if (state === 'over') return Promise.resolve(DONE);
      if (state === 'open') {
        watch!.touch(); // only time spent waiting on the server counts, not the consumer's time on the last item
        return it!.next().then(arrived, fail);
      }
      state = 'open';
      if (o.signal?.aborted) {
        state = 'over';
        return Promise.reject(o.cancelled(o.signal));
      }
      const abort = new AbortController();
      own = abort;
      watch = new StallWatch(o.stallMs, () => abort.abort());
      return o
        .open(abort.signal)
        .then((opened) => {
          it = opened[Symbol.asyncIterator]();
          return it.next();
        })
        .then(arrived, fail);
    },
    return(): Promise<IteratorResult<T>> {
      end(true);
      return Promise.resolve(DONE);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * `source`'s items turned into events (none, one or several per item, pushed onto `out`), `first` before any:
 * stopping the events stops `source`.
 */
export function mapStream<T, E>(source: AsyncIterator<T>, toEvents: (item: T, out: E[]) => void, first?: E): AsyncIterableIterator<E> {
  // Handed out by index, not shift(): one item of a burst (a read's batch) can bring hundreds of events.
  let queued: E[] = first === undefined ? [] : [first];
  let head = 0;
  let over = false;
  const take = (): IteratorResult<E> => {
    const value = queued[head++];
    if (head === queued.length) {
      queued = [];
      head = 0;
    }
    return { done: false, value };
  };
  const pull = (): Promise<IteratorResult<E>> =>
    source.next().then(
      (r): IteratorResult<E> | Promise<IteratorResult<E>> => {
        if (r.done) {
          over = true;
          return DONE;
        }
        toEvents(r.value, queued);
        return head < queued.length ? take() : pull();
      },
      (e: unknown) => {
        over = true;
        throw e;
      },
    );
  return {
    next(): Promise<IteratorResult<E>> {
      if (head < queued.length) return Promise.resolve(take());
      return over ? Promise.resolve(DONE) : pull();
    },
    async return(): Promise<IteratorResult<E>> {
      queued = [];
      head = 0;
      if (!over) {
        over = true;
        await source.return?.();
      }
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Each item of `items` as a batch of its own: the per-item fallback where a batched reader is expected. */
export function batchesOfOne<T>(items: AsyncIterable<T>): AsyncIterableIterator<T[]> {
  return mapStream<T, T[]>(items[Symbol.asyncIterator](), (item, out) => void out.push([item]));
}

/**
 * The items of `batches`, one at a time. A chat-completions burst brings hundreds of events per read of the body;
 * handing each on through an async generator's `yield` cost more than parsing it (issue 12), so the batches come
 * from a generator (where the retry and cleanup logic reads best) and only this plain iterator runs per event.
 * Stopping the items stops `batches` (its `finally` closes the connection).
 */
export function flattenBatches<T>(batches: AsyncIterator<readonly T[]>): AsyncIterableIterator<T> {
  return mapStream<readonly T[], T>(batches, (batch, out) => {
    for (const item of batch) out.push(item);
  });
}
