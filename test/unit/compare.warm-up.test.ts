/**
 * The first comparison of a fresh process: Node sets up its HTTP client before any slot's clock starts, so the
 * first time to first token is not 20–80 ms late. Run in a fresh node: in this process fetch is long warm.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(__dirname, '..', '..');

describe('comparison clocks in a fresh process', () => {
  it('start after the HTTP client (and for an online model, TLS) is set up, and the warm-up happens once', async function () {
    this.timeout(30_000);
    const script = `
      const { startComparison } = require('./src/core/compare/run');
      const { warmUpHttp } = require('./src/core/compare/http-warm-up');
      const seen = [];
      const provider = {
        kind: 'ollama',
        async *stream(slot) {
          seen.push(warmUpHttp({ tls: slot.provider === 'huggingface' }) === undefined);
          yield { type: 'delta', text: 'hi' };
          yield { type: 'done', outputTokens: 1, server: null };
        },
        describe: async () => ({}),
      };
      const slot = (id, kind = 'ollama') => ({ slot: { id, label: id, provider: kind, model: 'm', maxTokens: 8 }, provider });
      (async () => {
        const first = await startComparison({ prompt: 'p', models: [slot('a'), slot('b')] }).done;
        const second = await startComparison({ prompt: 'p', models: [slot('c')] }).done;
        const online = await startComparison({ prompt: 'p', models: [slot('d', 'huggingface')] }).done;
        process.stdout.write(JSON.stringify({ seen, errors: [...first.results, ...second.results, ...online.results].map((r) => r.error) }));
      })();`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: root, timeout: 20_000 });
    const { seen, errors } = JSON.parse(stdout) as { seen: boolean[]; errors: unknown[] };
    assert.deepEqual(errors, [null, null, null, null]);
    assert.deepEqual(seen, [true, true, true, true], 'every provider call found the HTTP client (and TLS for the online one) ready');
  });
});
