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

/** A line of an NDJSON answer that is not JSON: the typed error, quoting it. */
export function malformedLine(what: string, text: string): LlmError {
  const excerpt = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return new LlmError('stream-broken', `${what} sent a malformed stream line (not JSON): ${JSON.stringify(excerpt)}. The text received before it is kept; retry, and check that the host is Ollama.`, { fix: 'retry' });
}

/** An `application/x-ndjson` answer (what Ollama streams). */
export function isNdjson(response: Response): boolean {
  return /ndjson/i.test(response.headers.get('content-type') ?? '');
}

/**
 * Passes an NDJSON stream (`application/x-ndjson`, what Ollama streams; a plain JSON answer may span lines and is
 * left alone) through, and fails the stream with a typed error at the first line that is not JSON. The
 * lines before it are delivered first (the error comes on the next read), so their text is kept.
 *
 * It sits on every token of every Ollama answer, so it works on the bytes and hands the chunks on as they came
 * (issue 12): a line that is one JSON object (`{` … `}`, as Ollama writes every line) passes on sight; only another
 * shape (a cut line, an HTML or text error, a bare JSON value) is decoded and parsed to decide. The client parses
 * every line itself right after.
 */
export function guardNdjson(response: Response, what: string): Response {
  if (!response.ok || !response.body || !isNdjson(response)) return response;
  const reader = response.body.getReader();
  /** Bytes of the line not yet ended by a newline (already passed on), when it spans chunks. */
  let open: Uint8Array[] = [];
  let failure: LlmError | null = null;
  const fail = (line: Uint8Array): void => {
    failure = malformedLine(what, new TextDecoder().decode(line));
  };
  const stop = (controller: ReadableStreamDefaultController<Uint8Array>): void => {
    controller.error(failure);
    void reader.cancel().catch(() => undefined);
  };
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (failure) return stop(controller);
        const { done, value } = await reader.read();
        if (done) {
          const last = joined(open);
          open = [];
          if (!isJsonLine(last)) {
            fail(last);
            return stop(controller); // its bytes went on already: nothing is left to deliver first
          }
          return controller.close();
        }
        let lineStart = 0;
        for (let nl = value.indexOf(NEWLINE); nl !== -1; nl = value.indexOf(NEWLINE, nl + 1)) {
          const line = open.length ? joined([...open, value.subarray(lineStart, nl)]) : value.subarray(lineStart, nl);
          const startedHere = open.length === 0;
          open = [];
          if (!isJsonLine(line)) {
            fail(line);
            // Hand on the good lines before it, the error comes with the next read; none from this chunk when the
            // bad line began in an earlier one: then the error comes now (a pull that delivers nothing would hang).
            if (startedHere && lineStart > 0) controller.enqueue(value.subarray(0, lineStart));
            else stop(controller);
            return;
          }
          lineStart = nl + 1;
        }
        if (lineStart < value.length) open.push(value.subarray(lineStart));
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Blank, one JSON object by its first and last bytes, or (other shapes, rare) anything JSON.parse accepts. */
function isJsonLine(line: Uint8Array): boolean {
  let a = 0;
  let b = line.length - 1;
  while (a <= b && isSpace(line[a])) a++;
  while (b >= a && isSpace(line[b])) b--;
  if (a > b) return true;
  if (line[a] === OPEN_BRACE && line[b] === CLOSE_BRACE) return true;
  try {
    JSON.parse(new TextDecoder().decode(line));
    return true;
  } catch {
    return false;
  }
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d;
}

function joined(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
