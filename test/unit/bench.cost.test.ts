import * as assert from 'node:assert/strict';
import { toMarkdown } from '../../src/core/bench/export/markdown';
import { startBench } from '../../src/core/bench/run';
import type { Suite } from '../../src/core/bench/types';
import { withPreference } from '../../src/core/judge/preference';
import type { ResolvedModel } from '../../src/core/providers/registry';
import type { GenerateRequest, ModelSlot, Provider, StreamEvent } from '../../src/core/providers/types';
import { unknownModelInfo } from '../../src/core/providers/model-info';
import { vote } from './judge.helpers';

/** Answers "ok" counting 100 prompt and 50 output tokens, as a server would. */
class CountingProvider implements Provider {
  readonly kind = 'ollama' as const;
  async *stream(_slot: ModelSlot, _req: GenerateRequest): AsyncIterable<StreamEvent> {
    yield { type: 'delta', text: 'ok' };
    yield { type: 'done', outputTokens: 50, server: { loadMs: null, promptEvalMs: null, promptTokens: 100, evalMs: null, evalTokensPerSecond: null } };
  }
  async describe(slot: ModelSlot) {
    return unknownModelInfo(slot);
  }
}

function model(id: string, price: { inputPerMTok: number; outputPerMTok: number } | null): ResolvedModel {
  const slot: ModelSlot = { id, label: id.toUpperCase(), provider: 'ollama', model: id, maxTokens: 64, ...(price ? { price } : {}) };
  return { slot, provider: new CountingProvider(), quote: async () => (price ? { price, source: 'user' } : null) };
}

describe('bench: cost and human preference', () => {
  it('cost per model, per task answer and per passed answer from server counts; "local" without a price; a run total', async () => {
    const suite: Suite = { name: 'mine', tasks: [{ kind: 'prompt', id: 't1', prompt: 'a' }, { kind: 'prompt', id: 't2', prompt: 'b' }] };
    const report = await startBench({ suite, models: [model('priced', { inputPerMTok: 2, outputPerMTok: 10 }), model('free', null)], repeats: 3, probe: async () => null }).done;
    const [priced, free] = report.summary;
    // One answer: 100 × $2 + 50 × $10 per million = $0.0007; six answers (2 tasks × 3 repeats) = $0.0042.
    assert.ok(Math.abs((priced.costPerTaskUsd ?? 0) - 0.0007) < 1e-12, String(priced.costPerTaskUsd));
    assert.ok(Math.abs((priced.costUsd ?? 0) - 0.0042) < 1e-12, String(priced.costUsd));
    assert.equal(priced.costPerPassUsd, null, 'nothing was scored: no cost per pass');
    assert.equal(priced.priceSource, 'user');
    assert.equal(free.costUsd, null);
    const md = toMarkdown(report);
    assert.match(md, /\| \$0\.0042 \| \$0\.0007 \| – \|/);
    assert.match(md, /\| local \| local \| local \|/);
    assert.match(md, /Total cost of the run: n\/a/, 'one model has no price: no total pretends to be the bill');
    assert.doesNotMatch(md, /Human preference/, 'no votes, no column');

    const votes = [...Array.from({ length: 10 }, () => vote([['priced'], ['free']])), vote([['free'], ['priced']])];
    const withVotes = withPreference(report, votes);
    assert.equal(withVotes.summary[0].preference?.votes, 11);
    assert.equal(withVotes.summary[0].preference?.enough, true);
    assert.ok((withVotes.summary[0].preference?.rating ?? 0) > 1000);
    assert.match(toMarkdown(withVotes), /\| Pass@1 \| Human preference \|/);
    assert.match(toMarkdown(withVotes), /\| \d{4} \(\d+–\d+\), 11 votes \|/);
  });
});
