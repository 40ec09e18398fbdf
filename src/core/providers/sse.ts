/**
 * A small Server-Sent Events reader for chat-completion streams, over the raw response body. It reports every
 * chunk of bytes as life (so `: ping` keep-alives keep a stall watch quiet) and yields the payload of each `data:`
 * line (`data:` with or without the space; servers differ). Comments, `event:`/`id:` lines and blank lines are
 * skipped. One JSON object per `data:` line is what every chat-completions server sends.
 */

export interface SseOptions {
  /** Called for every chunk of bytes received, before it is parsed. */
  onBytes?: () => void;
  /** Called before each read: only time spent waiting on the server should count as quiet. */
  onWait?: () => void;
}

export async function* sseData(body: ReadableStream<Uint8Array>, opts: SseOptions = {}): AsyncGenerator<string> {
  for await (const batch of sseBatches(body, opts)) yield* batch;
}

/**
 * The same payloads, a chunk of bytes at a time: one array per read. A fast server's burst brings hundreds of
 * events per read, and handing them on one await at a time cost more than parsing them (issue 12).
 */
export async function* sseBatches(body: ReadableStream<Uint8Array>, opts: SseOptions = {}): AsyncGenerator<string[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let finished = false;
  try {
    for (;;) {
      opts.onWait?.();
      const { value, done } = await reader.read();
      if (done) break;
      opts.onBytes?.();
      buffer += decoder.decode(value, { stream: true });
      const batch: string[] = [];
      let start = 0;
      let nl: number;
      while ((nl = buffer.indexOf('\n', start)) >= 0) {
        const data = dataOf(buffer, start, nl);
        start = nl + 1;
        if (data !== null) batch.push(data);
      }
      buffer = start === 0 ? buffer : buffer.slice(start);
      if (batch.length > 0) yield batch;
    }
    buffer += decoder.decode();
    if (buffer.length > 0) {
      const data = dataOf(buffer, 0, buffer.length);
      if (data !== null) yield [data];
    }
    finished = true;
  } finally {
    // Leaving early (a consumer's break, [DONE], an error) must not leave the body half-read and open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** The payload of a `data:` line between `start` and `end` (a trailing `\r` dropped), or null for any other line. */
function dataOf(text: string, start: number, end: number): string | null {
  if (end > start && text.charCodeAt(end - 1) === 13) end--; // \r
  if (!text.startsWith('data:', start)) return null;
  let from = start + 5;
  if (text.charCodeAt(from) === 32) from++; // one optional space
  return text.slice(from, end);
}
