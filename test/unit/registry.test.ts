/** The registry: a provider per kind (built in or handed in), each slot with the endpoint its requests go to. */
import assert from 'node:assert/strict';
import { LlmError } from '../../src/core/providers/errors';
import { ModelRegistry } from '../../src/core/providers/registry';
import { validateSettings } from '../../src/core/settings';
import { modelKeysFromEnv } from '../../src/cli/context';
import { FakeProvider } from '../support/fake-provider';

const settings = () =>
  validateSettings({
    models: [
      { id: 'laptop', provider: 'ollama', model: 'q:3b' },
      { id: 'server', provider: 'ollama', model: 'q:3b', endpoint: 'http://gpu-box:11434' },
      { id: 'lmstudio', provider: 'openai', model: 'm', endpoint: 'http://127.0.0.1:1234/v1', apiKeyEnv: 'LMS_KEY' },
      { id: 'online', provider: 'huggingface', model: 'Q/C' },
      { id: 'engine', provider: 'llamacpp', model: 'tiny' },
    ],
    ollama: { host: 'http://10.0.0.2:11434' },
  });

describe('model registry', () => {
  it("resolves each slot's endpoint: its own, else the global default of its kind", () => {
    const r = new ModelRegistry(settings());
    assert.equal(r.get('laptop').endpoint, 'http://10.0.0.2:11434');
    assert.equal(r.get('server').endpoint, 'http://gpu-box:11434');
    assert.equal(r.endpointOf(r.slots()[2]), 'http://127.0.0.1:1234/v1');
    assert.equal(r.get('online').endpoint, undefined, 'the router');
  });

  it('a kind with no provider is a ConfigError naming it; registerProvider hands one in', () => {
    const r = new ModelRegistry(settings());
    assert.throws(() => r.get('engine'), (e: unknown) => e instanceof LlmError && e.kind === 'config' && /"llamacpp"/.test(e.message));
    assert.throws(() => r.providerFor('vscode-lm'), (e: unknown) => e instanceof LlmError && /"vscode-lm"/.test(e.message));
    const engine = new FakeProvider({ kind: 'llamacpp' });
    r.registerProvider('llamacpp', engine);
    assert.equal(r.get('engine').provider, engine);
    const lm = new FakeProvider({ kind: 'vscode-lm' });
    r.registerProvider('vscode-lm', lm);
    r.addSlots([{ id: 'copilot', label: 'Copilot', provider: 'vscode-lm', model: 'gpt-4o', maxTokens: 512 }]);
    assert.equal(r.get('copilot').provider, lm);
    assert.throws(() => r.addSlots([{ id: 'online', label: 'x', provider: 'vscode-lm', model: 'x', maxTokens: 1 }]), /already configured/);
  });

  it("CLI: a model's key comes from the variable its entry names, and only that one", () => {
    const keys = modelKeysFromEnv(settings(), { LMS_KEY: ' sk-abc ', HF_TOKEN: 'hf_x', OTHER: 'y' });
    assert.deepEqual(keys, { lmstudio: 'sk-abc' });
    assert.deepEqual(modelKeysFromEnv(settings(), {}), {}, 'unset = no key');
  });
});
