import assert from 'node:assert/strict';
import { toLlmError } from '../../src/core/providers/errors';
import { errorWithCauses } from '../../src/core/providers/fetch-failure';
import { mapOllamaError } from '../../src/core/providers/ollama-errors';
import { OllamaProvider } from '../../src/core/providers/ollama';
import { HuggingFaceProvider } from '../../src/core/providers/huggingface';
import type { ModelSlot } from '../../src/core/providers/types';

const slot: ModelSlot = { id: 'l', label: 'L', provider: 'ollama', model: 'codellama:7b', maxTokens: 8 };

async function failureOf(stream: AsyncIterable<unknown>): Promise<{ kind: string; message: string; fix?: string }> {
  try {
    for await (const _ of stream) void _;
  } catch (e) {
    const err = e as { kind: string; message: string; fix?: string };
    return { kind: err.kind, message: err.message, fix: err.fix };
  }
  throw new Error('expected the stream to fail');
}

describe('errors keep their cause', () => {
  it('an unknown error says what its cause said, not just "fetch failed"', () => {
    const e = new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    assert.equal(toLlmError(e).message, 'fetch failed (cause: socket hang up, code ECONNRESET)');
    assert.equal(errorWithCauses(new Error('outer', { cause: new Error('inner', { cause: 'root' }) })), 'outer (cause: inner; cause: root)');
  });

  it('Ollama: an unrecognised network failure keeps the cause text', () => {
    const e = new TypeError('fetch failed', { cause: new Error('something new from undici') });
    const err = mapOllamaError(e, { host: 'http://127.0.0.1:11434', op: 'chat', inStream: false });
    assert.equal(err.kind, 'unknown');
    assert.match(err.message, /something new from undici/);
  });

  for (const port of [6000, 10080]) {
    it(`Ollama host on port ${port} (refused by Node's fetch): a config error naming the port, not "fetch failed"`, async () => {
      const p = new OllamaProvider({ host: `http://127.0.0.1:${port}` });
      const err = await failureOf(p.stream(slot, { messages: [{ role: 'user', content: 'hi' }] }));
      assert.equal(err.kind, 'config');
      assert.equal(err.fix, 'open-settings');
      assert.match(err.message, new RegExp(`port ${port}`));
      assert.match(err.message, /refuses/);
      assert.doesNotMatch(err.message, /Unexpected error|fetch failed/);
      const d = await p.diagnose();
      assert.equal(d.reachable, false);
      assert.match(d.reason ?? '', new RegExp(`port ${port}`));
    });
  }

  it('an OpenAI-compatible endpoint on a refused port says so too', async () => {
    const p = new HuggingFaceProvider({ endpointUrl: 'http://127.0.0.1:6000/v1', provider: 'auto' });
    const err = await failureOf(p.stream({ ...slot, provider: 'huggingface' }, { messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(err.kind, 'config');
    assert.match(err.message, /port 6000/);
  });
});
