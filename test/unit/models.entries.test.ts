/** The model list one entry at a time (broken ones named with their reason), the view's edits, and "Test". */
import assert from 'node:assert/strict';
import { runTest } from '../../src/core/compare/quick-test';
import { checkEntries, idsOf, indexOfId, moveEntry, newEntryId, removeEntry } from '../../src/core/model-entries';
import { LlmError } from '../../src/core/providers/errors';
import type { ModelSlot, Provider, StreamEvent } from '../../src/core/providers/types';

describe('Models view: entries, edits and the quick test', () => {
  it('keeps checking after a bad entry: good ones become slots, bad ones carry the reason and what names them', () => {
    const raw = [
      { id: 'a', provider: 'ollama', model: 'codellama:7b' },
      { id: 'b', label: 'Typo', provider: 'olama', model: 'x' },
      'not an object',
      { id: 'a', provider: 'ollama', model: 'qwen2.5-coder:3b' },
      { id: 'c', provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct', maxTokens: 0 },
      { id: 'd', provider: 'ollama', model: 'llama3' },
    ];
    const checks = checkEntries(raw, 'llmCompare.models');
    assert.deepEqual(checks.map((c) => c.ok), [true, false, false, false, false, true]);
    const bad = checks.filter((c) => !c.ok);
    assert.match(bad[0].ok ? '' : bad[0].problem, /llmCompare\.models\[1\]\.provider/);
    assert.equal(bad[0].ok ? '' : bad[0].label, 'Typo');
    assert.match(bad[2].ok ? '' : bad[2].problem, /the id "a" is already used/);
    assert.match(bad[3].ok ? '' : bad[3].problem, /maxTokens/);
    assert.deepEqual(checkEntries('nope', 'x'), []);
  });

  it('makes readable, unique ids for new entries', () => {
    assert.equal(newEntryId('ollama', 'qwen2.5-coder:3b', []), 'ollama-qwen2.5-coder-3b');
    assert.equal(newEntryId('hf', 'Qwen/Qwen2.5-Coder-32B-Instruct', []), 'hf-qwen2.5-coder-32b-instruct');
    assert.equal(newEntryId('ollama', 'qwen2.5-coder:3b', ['ollama-qwen2.5-coder-3b', 'ollama-qwen2.5-coder-3b-2']), 'ollama-qwen2.5-coder-3b-3');
    assert.match(newEntryId('openai', '%%%', []), /^[A-Za-z0-9._-]{1,64}$/);
  });

  it('moves and removes entries without touching the input, clamped at the ends', () => {
    const list = ['a', 'b', 'c'];
    assert.deepEqual(moveEntry(list, 2, -1), ['a', 'c', 'b']);
    assert.deepEqual(moveEntry(list, 0, -1), ['a', 'b', 'c']);
    assert.deepEqual(moveEntry(list, 0, 1), ['b', 'a', 'c']);
    assert.deepEqual(removeEntry(list, 1), ['a', 'c']);
    assert.deepEqual(list, ['a', 'b', 'c']);
    const raw = [{ id: 'x' }, { bad: true }, { id: 'y' }];
    assert.equal(indexOfId(raw, 'y'), 2);
    assert.deepEqual(idsOf(raw), ['x', 'y']);
  });

  it('"Test" reports the first-token time from its own clock and the answer without control characters', async () => {
    const slot: ModelSlot = { id: 's', label: 'S', provider: 'ollama', model: 'm', maxTokens: 16 };
    let clock = 1000;
    const events: StreamEvent[] = [{ type: 'status', status: 'connecting' }, { type: 'delta', text: '' }, { type: 'delta', text: 'rea' }, { type: 'delta', text: 'dy\u001b[2J' }, { type: 'done', outputTokens: 2, server: null }];
    const provider: Provider = {
      kind: 'ollama',
      async *stream(_s, req) {
        assert.equal(req.maxTokens, 16);
        for (const e of events) {
          clock += 100;
          yield e;
        }
      },
      describe: () => Promise.reject(new Error('unused')),
    };
    const out = await runTest({ get: () => ({ slot, provider }) }, 's', undefined, () => clock);
    assert.ok(out.ok);
    // Sent at 1000; the first non-empty delta came at 1300 (the status and the empty delta do not count).
    assert.equal(out.firstTokenMs, 300);
    assert.equal(out.totalMs, 500);
    assert.equal(out.text, 'ready [2J');
  });

  it('"Test" returns the typed error (with its fix) instead of throwing', async () => {
    const provider: Provider = {
      kind: 'openai',
      // eslint-disable-next-line require-yield
      async *stream() {
        throw new LlmError('unauthorized', 'The server rejected the key.', { fix: 'set-api-key', status: 401 });
      },
      describe: () => Promise.reject(new Error('unused')),
    };
    const slot: ModelSlot = { id: 'o', label: 'O', provider: 'openai', model: 'm', maxTokens: 16 };
    const out = await runTest({ get: () => ({ slot, provider }) }, 'o');
    assert.ok(!out.ok);
    assert.equal(out.error.kind, 'unauthorized');
    assert.equal(out.error.fix, 'set-api-key');
  });
});
