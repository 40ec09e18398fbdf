import assert from 'node:assert/strict';
import { LlmError } from '../../src/core/providers/errors';
import { forgetSecrets, redact, registerSecret } from '../../src/core/redact';
import { DEFAULT_MODELS, defaultSettings, validateHost, validateSettings } from '../../src/core/settings';

function rejects(raw: unknown, message: RegExp, prefix = 'llmCompare.') {
  assert.throws(() => validateSettings(raw, prefix), (e: unknown) => e instanceof LlmError && e.kind === 'config' && message.test(e.message));
}

describe('settings', () => {
  it('defaults to the three seed models', () => {
    const s = validateSettings(undefined);
    assert.deepEqual(s.models.map((m) => [m.id, m.provider, m.model, m.maxTokens]), [
      ['online-qwen', 'huggingface', 'Qwen/Qwen2.5-Coder-32B-Instruct', 512],
      ['local-codellama', 'ollama', 'codellama:7b', 512],
      ['local-qwen', 'ollama', 'qwen2.5-coder:3b', 512],
    ]);
    assert.equal(s.defaultModel, 'online-qwen');
    assert.equal(s.huggingface.provider, 'auto');
    assert.equal(s.ollama.host, 'http://127.0.0.1:11434');
  });

  it('does not let callers mutate the defaults', () => {
    const s = defaultSettings();
    s.models[0].maxTokens = 1;
    assert.equal(DEFAULT_MODELS[0].maxTokens, 512);
  });

  it('names the setting that is wrong', () => {
    rejects({ models: [] }, /llmCompare\.models must be a non-empty list/);
    rejects({ models: [{ id: 'a b', provider: 'ollama', model: 'x' }] }, /llmCompare\.models\[0\]\.id must be/);
    rejects({ models: [{ id: 'a', provider: 'ollama', model: 'x', maxTokens: -1 }] }, /llmCompare\.models\[0\]\.maxTokens must be a whole number from 1 to 32768/);
    rejects({ models: [{ id: 'a', provider: 'ollama', model: 'x', maxTokens: 1e9 }] }, /maxTokens must be a whole number/);
    rejects({ models: [{ id: 'a', provider: 'ollama', model: 'x', temperature: 5 }] }, /llmCompare\.models\[0\]\.temperature must be a number from 0 to 2/);
    rejects({ models: [{ id: 'a', provider: 'ollama', model: 'x' }, { id: 'a', provider: 'ollama', model: 'y' }] }, /"a" is used twice/);
    rejects({ defaultModel: 'nope' }, /llmCompare\.defaultModel is "nope", which is not one of llmCompare\.models/);
    rejects({ ollama: { host: 'ftp://x' } }, /llmCompare\.ollama\.host must use http or https/);
    rejects({ huggingface: { provider: 'Not A Provider!' } }, /llmCompare\.huggingface\.provider must be "auto" or/);
    rejects({ huggingface: { endpointUrl: 'not a url' } }, /llmCompare\.huggingface\.endpointUrl is not a valid http\(s\) URL/);
    rejects({ requestTimeoutMs: 5 }, /llmCompare\.requestTimeoutMs must be/);
    rejects([1, 2], /must be a JSON object, got a list/);
  });

  it('falls back to the first model when the default slot was removed', () => {
    const s = validateSettings({ models: [{ id: 'mine', provider: 'ollama', model: 'tiny' }] });
    assert.equal(s.defaultModel, 'mine');
    assert.equal(s.models[0].label, 'mine');
  });

  it('takes the issue-8 config: a host per model, an openai server, the router by default', () => {
    const s = validateSettings({
      models: [
        { id: 'laptop-qwen', label: 'Qwen 3B (laptop)', provider: 'ollama', model: 'qwen2.5-coder:3b', endpoint: 'http://127.0.0.1:11434' },
        { id: 'server-qwen', label: 'Qwen 3B (server)', provider: 'ollama', model: 'qwen2.5-coder:3b', endpoint: 'http://gpu-box:11434' },
        { id: 'lmstudio', label: 'LM Studio', provider: 'openai', model: 'qwen2.5-coder-7b-instruct', endpoint: 'http://127.0.0.1:1234/v1', apiKeyEnv: 'LMSTUDIO_KEY' },
        { id: 'online-qwen', label: 'Qwen 32B (HF)', provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct', price: { inputPerMTok: 0.2, outputPerMTok: 0.6 } },
        { id: 'proxy', provider: 'huggingface', model: 'm', endpoint: 'https://proxy.example/v1', useHfToken: true },
        { id: 'engine', provider: 'llamacpp', model: 'tiny' },
      ],
    });
    assert.deepEqual(s.models.map((m) => m.endpoint), ['http://127.0.0.1:11434', 'http://gpu-box:11434', 'http://127.0.0.1:1234/v1', undefined, 'https://proxy.example/v1', undefined]);
    assert.equal(s.models[2].apiKeyEnv, 'LMSTUDIO_KEY');
    assert.deepEqual(s.models[3].price, { inputPerMTok: 0.2, outputPerMTok: 0.6 });
    assert.equal(s.models[4].useHfToken, true);
    assert.equal(s.models[0].useHfToken, undefined, 'off unless said');
    assert.equal(validateSettings({ models: [{ id: 'o', provider: 'ollama', model: 'x', endpoint: 'gpu-box' }] }).models[0].endpoint, 'http://gpu-box:11434', "an Ollama endpoint takes Ollama's host forms");
  });

  it('names what is wrong in the new model-entry fields', () => {
    rejects({ models: [{ id: 'a', provider: 'openai', model: 'x' }] }, /llmCompare\.models\[0\]\.endpoint is required for an "openai" model/);
    rejects({ models: [{ id: 'a', provider: 'openai', model: 'x', endpoint: 'ftp://x' }] }, /llmCompare\.models\[0\]\.endpoint is not a valid http\(s\) URL/);
    rejects({ models: [{ id: 'a', provider: 'ollama', model: 'x', endpoint: 'http://exa mple' }] }, /llmCompare\.models\[0\]\.endpoint is not a valid URL/);
    rejects({ models: [{ id: 'a', provider: 'openai', model: 'x', endpoint: 'http://h/v1', apiKeyEnv: 'sk-123 secret' }] }, /apiKeyEnv must be the name of an environment variable/);
    rejects({ models: [{ id: 'a', provider: 'openai', model: 'x', endpoint: 'http://h/v1', useHfToken: 'yes' }] }, /useHfToken must be true or false/);
    rejects({ models: [{ id: 'a', provider: 'ollama', model: 'x', price: { inputPerMTok: -1, outputPerMTok: 1 } }] }, /llmCompare\.models\[0\]\.price must be/);
    rejects({ models: [{ id: 'a', provider: 'ollama', model: 'x', price: { inputPerMTok: 1 } }] }, /price must be/);
    rejects({ models: [{ id: 'a', provider: 'ollama', model: 'x', price: { inputPerMTok: 1, outputPerMTok: 1, currency: 'EUR' } }] }, /price must be/);
    rejects({ models: [{ id: 'a', provider: 'vscode-lm', model: 'x' }] }, /provider must be one of "huggingface", "ollama", "openai", "llamacpp"/);
  });

  it("understands Ollama's host forms", () => {
    assert.equal(validateHost('localhost', 'h'), 'http://localhost:11434');
    assert.equal(validateHost(':11500', 'h'), 'http://127.0.0.1:11500');
    assert.equal(validateHost('http://10.0.0.5:8080/ollama', 'h'), 'http://10.0.0.5:8080/ollama');
    assert.equal(validateHost('https://ollama.example', 'h'), 'https://ollama.example');
  });
});

describe('redaction', () => {
  afterEach(() => forgetSecrets());

  it('masks registered secrets and token-shaped strings everywhere', () => {
    registerSecret('my-own-endpoint-secret');
    const out = redact('key my-own-endpoint-secret and hf_abcdefghijklmnop and Authorization: Bearer sk-1234567890abc');
    assert.ok(!out.includes('my-own-endpoint-secret'));
    assert.ok(!out.includes('hf_abcdefghijklmnop'));
    assert.ok(!out.includes('sk-1234567890abc'));
  });

  it('makes errors safe at construction', () => {
    const e = new LlmError('unauthorized', 'token hf_SecretSecretSecret rejected');
    assert.equal(e.message, 'token [redacted] rejected');
    assert.ok(!JSON.stringify(e.toJSON()).includes('hf_Secret'));
  });
});
