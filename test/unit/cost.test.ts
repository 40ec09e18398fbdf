import * as assert from 'node:assert/strict';
import { startComparison } from '../../src/core/compare/run';
import { renderReport } from '../../src/core/compare/report';
import { parseRouterModels, routerPrice } from '../../src/core/cost/hf-router-pricing';
import { PriceBook } from '../../src/core/cost/price-book';
import { costOfMetrics, costUsd, formatCost, sumCosts } from '../../src/core/cost/price';
import { ModelRegistry } from '../../src/core/providers/registry';
import { validateSettings } from '../../src/core/settings';
import { startHfSim, type HfSim } from '../support/hf-sim';
import { MODEL, TOKEN } from './huggingface.helpers';

const close = (a: number | null | undefined, b: number) => assert.ok(typeof a === 'number' && Math.abs(a - b) < 1e-12, `${a} ≉ ${b}`);
const server = (promptTokens: number | null) => ({ loadMs: null, promptEvalMs: null, promptTokens, evalMs: null, evalTokensPerSecond: null });

describe('cost: arithmetic', () => {
  it('price per million × server token counts: 1 200 in at $0.50, 300 out at $1.50 = $0.00105', () => {
    close(costUsd({ inputPerMTok: 0.5, outputPerMTok: 1.5 }, 1200, 300), (1200 * 0.5 + 300 * 1.5) / 1e6);
    close(costUsd({ inputPerMTok: 0.5, outputPerMTok: 1.5 }, 1200, 300), 0.00105);
    assert.equal(costUsd({ inputPerMTok: 0, outputPerMTok: 0 }, 10, 10), 0);
  });

  it('unknown price, unknown or estimated counts → null, never a guess; the source still says where the price came from', () => {
    assert.equal(costUsd(null, 10, 10), null);
    assert.equal(costUsd({ inputPerMTok: 1, outputPerMTok: 1 }, null, 10), null);
    const quote = { price: { inputPerMTok: 1, outputPerMTok: 2 }, source: 'user' as const };
    assert.deepEqual(costOfMetrics(quote, { outputTokens: 40, tokenSource: 'estimate', server: server(10) }), { costUsd: null, priceSource: 'user' });
    assert.deepEqual(costOfMetrics(quote, { outputTokens: 40, tokenSource: 'server', server: null }), { costUsd: null, priceSource: 'user' });
    assert.deepEqual(costOfMetrics(null, { outputTokens: 40, tokenSource: 'server', server: server(10) }), { costUsd: null, priceSource: null });
    close(costOfMetrics(quote, { outputTokens: 40, tokenSource: 'server', server: server(10) }).costUsd, (10 * 1 + 40 * 2) / 1e6);
  });

  it('sums: null when any part is unknown; formats "local" for an unpriced local model, not $0', () => {
    close(sumCosts([0.001, 0.002]), 0.003);
    assert.equal(sumCosts([0.001, null]), null);
    assert.equal(formatCost(null, 'local', false), 'local');
    assert.equal(formatCost(null, 'online', false), 'n/a');
    assert.equal(formatCost(null, 'local', true), 'n/a');
    assert.equal(formatCost(0.00126), '$0.0013');
    assert.equal(formatCost(0.00001), '<$0.0001');
    assert.equal(formatCost(12.345), '$12.35');
  });
});

describe('cost: Hugging Face router prices', () => {
  const list = parseRouterModels({
    data: [
      { id: 'm/same', providers: [{ provider: 'a', status: 'live', pricing: { input: 1, output: 2 } }, { provider: 'b', status: 'live', pricing: { input: 1, output: 2 } }, { provider: 'c', status: 'error', pricing: { input: 9, output: 9 } }] },
      { id: 'm/differ', providers: [{ provider: 'a', status: 'live', pricing: { input: 1, output: 2 } }, { provider: 'b', status: 'live', pricing: { input: 3, output: 4 } }] },
      { id: 'm/unpriced', providers: [{ provider: 'a', status: 'live' }] },
      { id: 'bad', providers: 'x' },
    ],
  });

  it('a named provider pays its own price; "auto" only when every live provider charges the same', () => {
    assert.deepEqual(routerPrice(list, 'm/differ', 'b'), { inputPerMTok: 3, outputPerMTok: 4 });
    assert.equal(routerPrice(list, 'm/differ', 'auto'), null);
    assert.deepEqual(routerPrice(list, 'm/same', 'auto'), { inputPerMTok: 1, outputPerMTok: 2 });
    assert.deepEqual(routerPrice(list, 'm/differ:a', 'auto'), { inputPerMTok: 1, outputPerMTok: 2 }, 'model:provider suffix');
    assert.equal(routerPrice(list, 'm/unpriced', 'a'), null);
    assert.equal(routerPrice(list, 'not/listed', 'auto'), null);
    assert.equal(routerPrice(list, 'm/differ', 'zzz'), null);
  });

  describe('on the wire (HF simulator)', () => {
    let sim: HfSim;
    before(async () => {
      sim = await startHfSim({ routerProviders: { [MODEL]: [{ provider: 'together', status: 'live', pricing: { input: 0.8, output: 1.6 } }] } });
    });
    after(() => sim.close());

    it('the price book asks GET /v1/models once, with the token, and a user price wins', async () => {
      sim.reset();
      const book = new PriceBook({ routerUrl: sim.url, hfToken: TOKEN, hfProvider: 'auto' });
      const slot = { id: 's', label: 's', provider: 'huggingface' as const, model: MODEL, maxTokens: 8 };
      assert.deepEqual(await book.quote(slot, undefined), { price: { inputPerMTok: 0.8, outputPerMTok: 1.6 }, source: 'huggingface-router' });
      await book.quote(slot, undefined);
      assert.equal(sim.requests.filter((r) => r.path === '/v1/models').length, 1);
      assert.equal(sim.requests[0].headers.authorization, `Bearer ${TOKEN}`);
      assert.deepEqual(await book.quote({ ...slot, price: { inputPerMTok: 5, outputPerMTok: 6 } }, undefined), { price: { inputPerMTok: 5, outputPerMTok: 6 }, source: 'user' });
      assert.equal(await book.quote(slot, 'http://my-endpoint/v1'), null, 'a dedicated endpoint has no router price');
      assert.equal(await book.quote({ ...slot, provider: 'ollama' }, 'http://127.0.0.1:11434'), null);
    });

    it('a comparison carries metrics.costUsd and priceSource into the JSON results, from the server\'s usage', async () => {
      sim.reset();
      sim.setScript({
        routerProviders: { [MODEL]: [{ provider: 'together', status: 'live', pricing: { input: 0.8, output: 1.6 } }] },
        chat: { text: 'print("hi")', usage: { prompt_tokens: 1000, completion_tokens: 500 } },
      });
      const settings = validateSettings({ models: [{ id: 'hf', label: 'HF', provider: 'huggingface', model: MODEL, maxTokens: 32 }] });
      const registry = new ModelRegistry(settings, { hfToken: TOKEN, hfRouterUrl: sim.url, hfHubUrl: sim.url });
      const report = await startComparison({ prompt: 'hi', models: registry.select() }).done;
      const json = JSON.parse(renderReport(report, 'json'));
      close(json.results[0].metrics.costUsd, (1000 * 0.8 + 500 * 1.6) / 1e6);
      assert.equal(json.results[0].metrics.priceSource, 'huggingface-router');
      assert.match(renderReport(report, 'text'), /Cost: \$0\.0016 \(huggingface-router price\)/);
      assert.match(renderReport(report, 'md'), /\*\*Total cost:\*\* \$0\.0016/);
    });

    it('an unreachable price list gives null cost, not an error, and does not fail the answer', async () => {
      const settings = validateSettings({ models: [{ id: 'hf', label: 'HF', provider: 'huggingface', model: MODEL, maxTokens: 32 }] });
      sim.setScript({ chat: { text: 'x', usage: { prompt_tokens: 10, completion_tokens: 1 } } });
      const registry = new ModelRegistry(settings, { hfToken: TOKEN, hfRouterUrl: sim.url, hfHubUrl: sim.url });
      (registry.prices as unknown as { opts: { routerUrl: string } }).opts.routerUrl = 'http://127.0.0.1:9';
      const report = await startComparison({ prompt: 'hi', models: registry.select() }).done;
      assert.equal(report.results[0].error, null);
      assert.equal(report.results[0].metrics.costUsd, null);
      assert.equal(report.results[0].metrics.priceSource, null);
    });
  });
});
