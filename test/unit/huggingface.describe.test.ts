/** describe(): model facts, which providers serve the model now, and a reachability the user can act on. */
import assert from 'node:assert/strict';
import { HuggingFaceProvider } from '../../src/core/providers/huggingface';
import { startHfSim, type HfSim } from '../support/hf-sim';
import { MODEL, TOKEN, routerProvider, slot, useHfSim } from './huggingface.helpers';

describe('HuggingFaceProvider.describe', () => {
  let sim: HfSim;
  useHfSim((started) => (sim = started));

  async function downUrl(): Promise<string> {
    const down = await startHfSim();
    await down.close();
    return down.url;
  }

  it('router: known facts plus the providers serving the model now, looked up with the token', async () => {
    const info = await routerProvider(sim).describe(slot());
    assert.equal(info.reachable, true, info.reason ?? '');
    assert.equal(info.reason, null);
    assert.equal(info.location, 'online');
    assert.equal(info.needsApiKey, true);
    assert.equal(info.streaming, true);
    assert.equal(info.parameters, '32.5B');
    assert.equal(info.contextWindow, 32768);
    assert.equal(info.extra.providers, 'hf-inference, together, nebius');
    assert.equal(info.extra.providerUsed, 'auto');
    const hub = sim.requests.find((r) => r.kind === 'hub-model');
    assert.equal(hub?.path, `/api/models/${MODEL}`);
    assert.deepEqual(hub?.query.getAll('expand[]'), ['inferenceProviderMapping']);
    assert.equal(hub?.headers.authorization, `Bearer ${TOKEN}`);
  });

  it('warns when the configured provider does not serve the model', async () => {
    sim.setScript({ hub: { models: { [MODEL]: { nebius: { status: 'live', providerId: MODEL, task: 'conversational' } } } } });
    const info = await routerProvider(sim, { provider: 'together' }).describe(slot());
    assert.equal(info.extra.providers, 'nebius');
    assert.equal(info.extra.providerUsed, 'together');
    assert.match(info.extra.warning ?? '', /"together" does not serve.*nebius/);
  });

  it('unknown facts stay null rather than guessed', async () => {
    const info = await routerProvider(sim).describe(slot({ model: 'sim-org/Unknown-7B' }));
    assert.equal(info.parameters, null);
    assert.equal(info.contextWindow, null);
  });

  it('no key: not reachable, says how to set one, sends nothing', async () => {
    const info = await new HuggingFaceProvider({ provider: 'auto', hubUrl: sim.url }).describe(slot());
    assert.equal(info.reachable, false);
    assert.match(info.reason ?? '', /No Hugging Face API key.*Set Hugging Face API key/);
    assert.equal(sim.requests.length, 0);
  });

  it('rejected key: not reachable, says so, without the token', async () => {
    sim.setScript({ requireToken: 'hf_SomeOtherValidToken999' });
    const info = await routerProvider(sim).describe(slot());
    assert.equal(info.reachable, false);
    assert.match(info.reason ?? '', /rejected the API key \(401\)/);
    assert.ok(!JSON.stringify(info).includes(TOKEN));
  });

  it('unknown model on the Hub: not reachable, check the model id', async () => {
    sim.setScript({ hub: { models: {} } });
    const info = await routerProvider(sim).describe(slot());
    assert.equal(info.reachable, false);
    assert.match(info.reason ?? '', /does not know the model/);
  });

  it('network down: not reachable, check your internet/proxy (never throws)', async () => {
    const info = await new HuggingFaceProvider({ token: TOKEN, provider: 'auto', hubUrl: await downUrl() }).describe(slot());
    assert.equal(info.reachable, false);
    assert.match(info.reason ?? '', /Cannot reach Hugging Face: check your internet connection or proxy/);
  });

  it('never throws, and never shows the token, whatever fetch does', async () => {
    const fetchThatThrows = (async () => {
      throw new Error(`boom with ${TOKEN}`);
    }) as unknown as typeof fetch;
    const info = await new HuggingFaceProvider({ token: TOKEN, provider: 'auto', fetch: fetchThatThrows }).describe(slot());
    assert.equal(info.reachable, false);
    assert.ok(!(info.reason ?? '').includes(TOKEN), info.reason ?? '');
  });

  it('OpenAI-compatible endpoint on 127.0.0.1: local, no key needed, reachable via GET /v1/models', async () => {
    sim.setScript({ openaiModels: [MODEL, 'other-model'] });
    const info = await new HuggingFaceProvider({ provider: 'auto', endpointUrl: `${sim.url}/v1` }).describe(slot());
    assert.equal(info.location, 'local');
    assert.equal(info.needsApiKey, false);
    assert.equal(info.reachable, true, info.reason ?? '');
    assert.equal(info.extra.servedModels, `${MODEL}, other-model`);
    assert.equal(sim.requests[0]?.path, '/v1/models');
  });

  it('OpenAI-compatible endpoint down: not reachable, is the server running?', async () => {
    const url = await downUrl();
    const info = await new HuggingFaceProvider({ provider: 'auto', endpointUrl: url }).describe(slot());
    assert.equal(info.reachable, false);
    assert.match(info.reason ?? '', /Cannot reach .*: is the server running\?/);
  });

  it('a remote endpoint counts as online', async () => {
    const info = await new HuggingFaceProvider({ provider: 'auto', endpointUrl: 'http://example.invalid/v1', fetch: (async () => new Response('{}', { status: 500 })) as unknown as typeof fetch }).describe(slot());
    assert.equal(info.location, 'online');
    assert.equal(info.reachable, false);
    assert.match(info.reason ?? '', /HTTP 500/);
  });
});
