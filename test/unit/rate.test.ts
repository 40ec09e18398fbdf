/**
 * Honest rates (issue 8): the server's counter first; else (tokens − 1) over first → last token on the client
 * clock; nothing at all for a burst (an answer generated while we waited in a queue arrives within milliseconds)
 * or a handful of tokens. The badge and the report say which clock.
 */
import assert from 'node:assert/strict';
import { GenerationClock } from '../../src/core/compare/metrics';
import type { ServerMetrics } from '../../src/core/providers/types';
import { badgesFor } from '../../src/webview/panel/format';
import type { ColumnSnapshot } from '../../src/shared/protocol';

function clockWith(times: number[], start = 0) {
  let now = start;
  const clock = new GenerationClock(() => now);
  for (const t of times) {
    now = t;
    clock.onText('tok ');
  }
  clock.end();
  return clock;
}
const server = (rate: number | null): ServerMetrics => ({ loadMs: null, promptEvalMs: 1, promptTokens: 5, evalMs: 10, evalTokensPerSecond: rate });

describe('tokens per second, honestly (issue 8)', () => {
  it('a burst after a queue wait: no client rate (it would read thousands of tokens/s)', () => {
    // 2 s in the queue, then 20 tokens delivered within 3 ms: the old rule said 20 / 3 ms = 6,667 tok/s.
    const m = clockWith(Array.from({ length: 20 }, (_, i) => 2000 + i * 0.15)).metrics(20, null);
    assert.equal(m.tokensPerSecond, null);
    assert.equal(m.rateSource, null);
    assert.equal(m.ttftMs, 2000);
  });

  it("the same burst with the server's own counter: the server's rate, labelled server", () => {
    const m = clockWith(Array.from({ length: 20 }, (_, i) => 2000 + i * 0.15)).metrics(20, server(811.4));
    assert.equal(m.tokensPerSecond, 811.4);
    assert.equal(m.rateSource, 'server');
  });

  it('a 1-token answer (and any answer under 5 tokens) has no rate, not an infinite or absurd one', () => {
    assert.equal(clockWith([100]).metrics(1, null).tokensPerSecond, null);
    assert.equal(clockWith([100, 400, 700, 1000]).metrics(4, null).tokensPerSecond, null);
  });

  it('(tokens − 1) over first → last token: 11 tokens 100 ms apart = 10 tok/s, on the client clock', () => {
    const m = clockWith(Array.from({ length: 11 }, (_, i) => 500 + i * 100)).metrics(11, null);
    assert.equal(m.tokensPerSecond, 10);
    assert.equal(m.rateSource, 'client');
  });

  it('the badge says which clock measured it', () => {
    const col = (rateSource: 'server' | 'client'): ColumnSnapshot => ({
      id: 'a', label: 'A', provider: 'openai', model: 'm', status: 'done', text: 'x', error: null, finishReason: 'length',
      metrics: { ttftMs: 10, totalMs: 20, outputTokens: 10, tokensPerSecond: 42, rateSource, chars: 40, tokenSource: 'server', server: null },
    });
    assert.equal(badgesFor(col('server')).find((b) => b.key === 'rate')?.text, '42.0 tok/s (server)');
    assert.equal(badgesFor(col('client')).find((b) => b.key === 'rate')?.text, '42.0 tok/s (client)');
    assert.equal(badgesFor(col('client')).find((b) => b.key === 'limit')?.text, 'stopped at the token limit');
  });
});
