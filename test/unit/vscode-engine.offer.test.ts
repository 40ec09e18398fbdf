/**
 * When the comparison panel offers the built-in engine: only when nothing else can answer (Ollama unreachable, no
 * Hugging Face key, no usable engine model), with the plan's size, or "unknown" when the plan fails.
 */
import * as assert from 'node:assert/strict';
import { EngineOffer } from '../../src/vscode/engine/offer';
import type { EngineView } from '../../src/vscode/engine/view';
import type { SetupModule } from '../../src/vscode/engine/setup-types';

interface World {
  key?: string;
  ollamaUp?: boolean;
  slots?: Array<{ provider: string }>;
  engine?: EngineView['phase'];
  plan?: number | null | Error;
}

function offerFor(w: World): { offer: EngineOffer; plans: () => number } {
  let plans = 0;
  const registry = {
    slots: () => w.slots ?? [{ provider: 'huggingface' }, { provider: 'ollama' }],
    settings: {},
    ollama: { host: 'http://127.0.0.1:11434', diagnose: async () => ({ reachable: w.ollamaUp === true, host: 'http://127.0.0.1:11434' }) },
  };
  const services = {
    getRegistry: async () => registry,
    context: { globalStorageUri: { fsPath: '/store' } },
    log: { info: () => undefined },
    builtInEngine: { view: async (): Promise<EngineView> => ({ phase: w.engine ?? 'missing', detail: '', log: '' }) },
  };
  const keys = { get: async () => ({ key: w.key, source: w.key ? 'secret-storage' : 'none' }) };
  const setup = {
    planEngineSetup: async () => {
      plans++;
      if (w.plan instanceof Error) throw w.plan;
      return { downloadBytes: w.plan === undefined ? 419_000_000 : w.plan } as never;
    },
    runEngineSetup: async () => ({ binary: '', model: '' }),
  } as unknown as SetupModule;
  return { offer: new EngineOffer(services as never, keys as never, () => setup), plans: () => plans };
}

describe('the panel offers the built-in engine only when nothing can answer', () => {
  it('no Ollama, no key, no engine model: offered with the planned download size and the host that did not answer', async () => {
    const { offer } = offerFor({});
    assert.deepEqual(await offer.current(), { downloadBytes: 419_000_000, ollamaHost: 'http://127.0.0.1:11434' });
  });

  it('not offered with a Hugging Face key, with Ollama running, or with an engine model whose files are there', async () => {
    assert.equal(await offerFor({ key: 'hf_x' }).offer.current(), null);
    assert.equal(await offerFor({ ollamaUp: true }).offer.current(), null);
    assert.equal(await offerFor({ slots: [{ provider: 'llamacpp' }], engine: 'stopped' }).offer.current(), null);
  });

  it('an engine model whose files are missing is offered again', async () => {
    assert.notEqual(await offerFor({ slots: [{ provider: 'llamacpp' }], engine: 'missing' }).offer.current(), null);
  });

  it('a plan that fails (offline) still offers, with the size unknown, and is asked again next time', async () => {
    const { offer, plans } = offerFor({ plan: new Error('Cannot reach the Hugging Face Hub') });
    assert.deepEqual(await offer.current(), { downloadBytes: null, ollamaHost: 'http://127.0.0.1:11434' });
    await offer.current();
    assert.equal(plans(), 2);
  });

  it('a plan that worked is kept (no network per redraw) until files change', async () => {
    const { offer, plans } = offerFor({});
    await offer.current();
    await offer.current();
    assert.equal(plans(), 1);
    offer.forget();
    await offer.current();
    assert.equal(plans(), 2);
  });
});
