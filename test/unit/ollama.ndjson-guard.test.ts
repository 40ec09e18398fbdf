/**
 * The NDJSON guard on every Ollama answer: bytes pass on unchanged, a malformed line fails the stream with a typed
 * error after the lines before it were delivered, wherever the chunk boundaries fall.
 */
import assert from 'node:assert/strict';
import { LlmError } from '../../src/core/providers/errors';
import { guardNdjson } from '../../src/core/providers/response-checks';

function response(chunks: string[], type = 'application/x-ndjson'): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const ch of chunks) c.enqueue(enc.encode(ch));
      c.close();
    },
  });
  return new Response(body, { headers: { 'content-type': type } });
}

async function read(r: Response): Promise<{ text: string; error: unknown }> {
  const reader = r.body!.getReader();
  const dec = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, error: null };
      text += dec.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error };
  }
}

const line = (content: string) => `${JSON.stringify({ message: { content }, done: false })}\n`;

describe('Ollama NDJSON guard', () => {
  it('passes a good stream on byte for byte, however it is chunked (multi-byte characters split too)', async () => {
    const whole = line('héllo') + line(' wörld ✓') + '\r\n' + `${JSON.stringify({ done: true })}`;
    for (const size of [1, 2, 5, 17, 1000]) {
      const chunks: string[] = [];
      for (let i = 0; i < whole.length; i += size) chunks.push(whole.slice(i, i + size));
      const got = await read(guardNdjson(response(chunks), 'Ollama'));
      assert.equal(got.error, null, `chunks of ${size}`);
      assert.equal(got.text, whole, `chunks of ${size}`);
    }
  });

  it('accepts a line that is JSON but not an object', async () => {
    const got = await read(guardNdjson(response(['[1,2]\n', '"text"\n', line('x')]), 'Ollama'));
    assert.equal(got.error, null);
  });

  it('a cut line mid-stream: the lines before it arrive, then a typed error quoting it', async () => {
    const got = await read(guardNdjson(response([line('one') + line(' two'), '{"message":{"content":"thr', '\n' + line('four')]), 'The server'));
    assert.ok(got.error instanceof LlmError && got.error.kind === 'stream-broken', String(got.error));
    assert.match((got.error as LlmError).message, /malformed stream line \(not JSON\): "\{\\"message\\":\{\\"content\\":\\"thr"/);
    assert.ok(got.text.startsWith(line('one') + line(' two')));
    assert.ok(!got.text.includes('four'), 'nothing after the bad line');
  });

  it('an HTML error line in the same chunk as good lines: the good ones arrive first', async () => {
    const got = await read(guardNdjson(response([line('a') + '<html>502 Bad Gateway</html>\n' + line('b')]), 'The server'));
    assert.equal(got.text, line('a'));
    assert.ok(got.error instanceof LlmError && got.error.kind === 'stream-broken');
  });

  it('a cut last line without a newline at the end of the body fails too', async () => {
    const got = await read(guardNdjson(response([line('a'), '{"message":{"cont']), 'The server'));
    assert.ok(got.error instanceof LlmError && got.error.kind === 'stream-broken');
  });

  it('leaves non-JSON content types alone', async () => {
    const r = response(['<html>'], 'text/plain');
    assert.equal(guardNdjson(r, 'x'), r);
  });
});
