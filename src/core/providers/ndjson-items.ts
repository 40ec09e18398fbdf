/**
 * Reads the body of an Ollama NDJSON answer into its items ourselves, in one pass (issue 12: this is every token's
 * path). The ollama client still makes the request and checks its status; reading the body here replaces three
 * layers per token (our malformed-line guard's stream, the client's line parser and its iterator, each a generator
 * or a stream): the lines of a chunk are parsed at once and handed out together, one promise per read; the chat
 * stream's guard and mapping then run once per read, and only its last layer once per token.
 *
 * The rules are the client's and the guard's: a line that is not a JSON object fails the stream with a typed error
 * once the items before it were handed out; a line with `error` fails it with that message (as the client throws
 * it); the item with `done` (or pull's `status: "success"`) is the last; an end before it is the client's error.
 */
import { OLLAMA_NO_DONE } from './ollama-errors';
import { malformedLine } from './response-checks';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const OPEN_BRACE = 0x7b;

/** The items, every complete one of a read in one array (never empty); the last item ends its array. */
export function ndjsonBatches<T extends object>(body: ReadableStream<Uint8Array>, what: string): AsyncIterableIterator<T[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let partial = '';
  let queued: T[] = [];
  let failure: unknown = null;
  /** Nothing more to read: the last item came, the stream failed, or it was left. */
  let over = false;
  let sawLast = false;

  const take = (text: string): void => {
    for (const line of text.split('\n')) {
      if (failure !== null || sawLast) return;
      // Every line Ollama writes starts with `{`: only another start is checked for blank (a copy per token otherwise).
      if (line.charCodeAt(0) !== OPEN_BRACE && line.trim() === '') continue;
      let item: unknown;
      try {
        item = JSON.parse(line);
      } catch {
        item = undefined;
      }
      if (item === null || typeof item !== 'object') {
        failure = malformedLine(what, line);
        return;
      }
      if ('error' in item) {
        failure = new Error(String((item as { error: unknown }).error));
        return;
      }
      queued.push(item as T);
      const last = item as { done?: unknown; status?: unknown };
      if (last.done === true || last.status === 'success') sawLast = true;
    }
  };

  const next = (): Promise<IteratorResult<T[]>> => {
    if (queued.length > 0) {
      const batch = queued;
      queued = [];
      return Promise.resolve({ done: false, value: batch });
    }
    if (failure !== null) {
      const e = failure;
      failure = null;
      over = true;
      void reader.cancel().catch(() => undefined);
      return Promise.reject(e);
    }
    if (over || sawLast) {
      over = true;
      return Promise.resolve(DONE);
    }
    return reader.read().then(({ done, value }) => {
      if (done) {
        take(partial + decoder.decode());
        partial = '';
        if (failure === null && !sawLast) failure = new Error(OLLAMA_NO_DONE);
      } else {
        const text = partial + decoder.decode(value, { stream: true });
        const end = text.lastIndexOf('\n');
        partial = end === -1 ? text : text.slice(end + 1);
        if (end !== -1) take(text.slice(0, end));
      }
      return next();
    });
  };

  return {
    next,
    return(): Promise<IteratorResult<T[]>> {
      queued = [];
      // Left before the last item: close the body (the caller aborts the request too). After it, the rest is the
      // end of the answer, which the connection reads on its own.
      if (!over && !sawLast) void reader.cancel().catch(() => undefined);
      over = true;
      return Promise.resolve(DONE);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
