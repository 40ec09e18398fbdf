/**
 * Checks on a model server's response before a client library reads it. Without them a captive portal's HTML page
 * or a malformed stream line reaches the user as "the answer ended before it was complete" (ollama-js skips lines
 * it cannot parse and prints them to the console), which sends them looking in the wrong place.
 */
import { LlmError } from './errors';

/** A successful answer that is an HTML page is not a model server's: say so instead of failing to parse it. */
export function rejectHtml(response: Response, what: string, expected: string): void {
  const type = response.headers.get('content-type') ?? '';
  if (response.ok && /^\s*text\/html/i.test(type)) {
    void response.body?.cancel().catch(() => undefined);
    throw new LlmError(
      'stream-broken',
      `${what} answered with an HTML page (content type ${type.split(';')[0]}) instead of ${expected}: it is probably not the model server (a proxy, a sign-in page, or the wrong port). Check the URL in the settings.`,
      { fix: 'open-settings' },
    );
  }
}

/**
 * Passes an NDJSON body through line by line, and fails the stream with a typed error at the first line that is
 * not JSON. The lines before it are delivered first (the error comes on the next read), so their text is kept.
 */
export function guardNdjson(response: Response, what: string): Response {
  if (!response.ok || !response.body || !/ndjson|json/i.test(response.headers.get('content-type') ?? '')) return response;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let tail = '';
  let failure: LlmError | null = null;
  const bad = (line: string): boolean => {
    if (line.trim() === '') return false;
    try {
      JSON.parse(line);
      return false;
    } catch {
      const excerpt = line.length > 80 ? `${line.slice(0, 77)}...` : line;
      failure = new LlmError('stream-broken', `${what} sent a malformed stream line (not JSON): ${JSON.stringify(excerpt)}. The text received before it is kept; retry, and check that the host is Ollama.`, { fix: 'retry' });
      return true;
    }
  };
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (failure) {
            controller.error(failure);
            void reader.cancel().catch(() => undefined);
            return;
          }
          const { done, value } = await reader.read();
          const text = tail + (done ? decoder.decode() : decoder.decode(value, { stream: true }));
          const lines = text.split('\n');
          tail = done ? '' : lines.pop() ?? '';
          const good: string[] = [];
          for (const line of lines) {
            if (bad(line)) break;
            good.push(line);
          }
          if (good.length) controller.enqueue(encoder.encode(good.join('\n') + (done && !failure ? '' : '\n')));
          if (done && !failure) return controller.close();
          if (good.length) return;
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
