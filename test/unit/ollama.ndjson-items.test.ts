/**
 * Our reading of an Ollama answer body (ndjson-items.ts, issue 12): the same items however the bytes are chunked,
 * the client's rules (an `error` line, the last item, an end before it) and the guard's (a line that is not a JSON
 * object fails the stream with a typed error, after the items before it).
 */
import assert from 'node:assert/strict';
import { LlmError } from '../../src/core/providers/errors';
import { ndjsonBatches } from '../../src/core/providers/ndjson-items';
import { OLLAMA_NO_DONE } from '../../src/core/providers/ollama-errors';
import { flattenBatches } from '../../src/core/providers/plain-stream';

/** The items one by one, as the chat stream's events come out of its batches. */
const ndjsonItems = <T extends object>(b: ReadableStream<Uint8Array>, what: string) => flattenBatches(ndjsonBatches<T>(b, what));

/** `open`: after the chunks the server keeps the connection open (nothing more, no end). */
function body(chunks: (string | Uint8Array)[], open = false): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  const enc = new TextEncoder();
  let cancelled = false;
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (i < chunks.length) {
        const ch = chunks[i++];
        c.enqueue(typeof ch === 'string' ? enc.encode(ch) : ch);
      } else if (!open) c.close();
      else return new Promise<void>(() => undefined);
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

async function read(chunks: (string | Uint8Array)[], open = false): Promise<{ items: Array<Record<string, unknown>>; error: unknown; cancelled: boolean }> {
  const b = body(chunks, open);
  const items: Array<Record<string, unknown>> = [];
  try {
    for await (const item of ndjsonItems<Record<string, unknown>>(b.stream, 'Ollama (m)')) items.push(item);
    return { items, error: null, cancelled: b.cancelled() };
  } catch (error) {
    return { items, error, cancelled: b.cancelled() };
  }
}

const line = (content: string) => `${JSON.stringify({ message: { content }, done: false })}\n`;
const last = `${JSON.stringify({ message: { content: '' }, done: true, eval_count: 2 })}\n`;
const texts = (items: Array<Record<string, unknown>>) => items.map((i) => (i.message as { content: string } | undefined)?.content ?? '').join('');

describe('Ollama answer body, read by us', () => {
  it('the same items however the bytes are chunked (multi-byte characters split too), blank and CRLF lines skipped', async () => {
    const whole = line('héllo') + '\r\n' + line(' wörld ✓') + last;
    const bytes = new TextEncoder().encode(whole);
    for (const size of [1, 2, 5, 17, 1000]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const got = await read(chunks);
      assert.equal(got.error, null, `chunks of ${size}`);
      assert.equal(texts(got.items), 'héllo wörld ✓', `chunks of ${size}`);
      assert.equal(got.items.length, 3, `chunks of ${size}`);
      assert.equal(got.items[2].done, true);
    }
  });

  it('the last item may come without its newline', async () => {
    const got = await read([line('a'), last.trimEnd()]);
    assert.equal(got.error, null);
    assert.equal(got.items.length, 2);
  });

  it('the items of one read come as one batch, which ends at the last item', async () => {
    const b = body([line('a') + line('b'), line('c') + last + line('after')]);
    const it = ndjsonBatches<Record<string, unknown>>(b.stream, 'Ollama');
    const sizes: number[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) sizes.push(r.value.length);
    assert.deepEqual(sizes, [2, 2]);
  });

  it('stops at the last item: what follows is not read as items', async () => {
    const got = await read([line('a') + last + line('after')]);
    assert.equal(got.error, null);
    assert.equal(texts(got.items), 'a');
  });

  it('a cut line mid-stream: the items before it arrive, then a typed error quoting it', async () => {
    const got = await read([line('one') + line(' two'), '{"message":{"content":"thr', '\n' + line('four')], true);
    assert.ok(got.error instanceof LlmError && got.error.kind === 'stream-broken', String(got.error));
    assert.match((got.error as LlmError).message, /malformed stream line \(not JSON\): "\{\\"message\\":\{\\"content\\":\\"thr"/);
    assert.equal(texts(got.items), 'one two', 'nothing after the bad line');
    assert.ok(got.cancelled, 'the body is closed');
  });

  it('an HTML or text line, or a JSON value that is not an object, fails the same way', async () => {
    for (const bad of ['<html><body>Bad gateway</body></html>', 'upstream timed out', '42', '"text"']) {
      const got = await read([line('ok') + `${bad}\n` + last]);
      assert.ok(got.error instanceof LlmError && got.error.kind === 'stream-broken', `${bad}: ${String(got.error)}`);
      assert.equal(texts(got.items), 'ok', bad);
    }
  });

  it("an `error` line fails the stream with the server's words, as the client throws it", async () => {
    const got = await read([line('part') + `${JSON.stringify({ error: 'model ran out of memory' })}\n` + last]);
    assert.ok(got.error instanceof Error && !(got.error instanceof LlmError));
    assert.equal((got.error as Error).message, 'model ran out of memory');
    assert.equal(texts(got.items), 'part');
  });

  it('an end before the last item is the client\'s "no done" error (mapped to a cut answer)', async () => {
    const got = await read([line('a') + line('b')]);
    assert.ok(got.error instanceof Error);
    assert.equal((got.error as Error).message, OLLAMA_NO_DONE);
    assert.equal(texts(got.items), 'ab');
  });

  it('a pull ends at `status: success`', async () => {
    const got = await read([`${JSON.stringify({ status: 'pulling' })}\n${JSON.stringify({ status: 'success' })}\n`]);
    assert.equal(got.error, null);
    assert.equal(got.items.length, 2);
  });

  it('leaving early closes the body; leaving after the last item does not', async () => {
    const early = body([line('a'), line('b')], true);
    const it = ndjsonItems<Record<string, unknown>>(early.stream, 'Ollama');
    await it.next();
    await it.return!();
    assert.ok(early.cancelled());
    const done = body([line('a') + last, '\n']);
    const it2 = ndjsonItems<Record<string, unknown>>(done.stream, 'Ollama');
    await it2.next();
    await it2.next();
    await it2.return!();
    assert.ok(!done.cancelled());
  });
});
