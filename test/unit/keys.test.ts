/** keys.ts: which bearer token goes with which request. Every rule, and every way it could leak, pinned. */
import assert from 'node:assert/strict';
import { bearerFor, isHuggingFaceHost, type AvailableSecrets } from '../../src/core/providers/keys';

const HF = 'hf_UserTokenAbcdefghijklmnop';
const OWN = 'sk-lmstudio-own-key';
const OTHER = 'sk-other-model-key';
const secrets: AvailableSecrets = { hfToken: HF, modelKeys: { lmstudio: OWN, other: OTHER } };

const key = (slotId: string, ownEndpoint: string | undefined, url: string, opts: { useHfToken?: boolean; s?: AvailableSecrets; standIns?: string[] } = {}) =>
  bearerFor({ slot: { id: slotId, useHfToken: opts.useHfToken }, ownEndpoint, url, secrets: opts.s ?? secrets, hfStandIns: opts.standIns });

describe('key routing (keys.ts)', () => {
  describe('the Hugging Face token', () => {
    it('goes to the router, huggingface.co, its subdomains and dedicated Inference Endpoints', () => {
      for (const url of [
        'https://router.huggingface.co/v1/chat/completions',
        'https://huggingface.co/api/models/x',
        'https://api-inference.huggingface.co/models/x',
        'https://abc123.us-east-1.aws.endpoints.huggingface.cloud/v1/chat/completions',
      ]) {
        assert.equal(key('online-qwen', undefined, url), HF, url);
      }
    });

    it('never goes to a non-HF host, even when that host is the slot endpoint (llama.cpp, LM Studio, vLLM)', () => {
      assert.equal(key('hf-local', 'http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1/chat/completions'), undefined);
      assert.equal(key('hf-local', 'http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1/models'), undefined);
      assert.equal(key('x', 'https://openrouter.ai/api/v1', 'https://openrouter.ai/api/v1/chat/completions'), undefined);
    });

    it('is not fooled by look-alike hosts or plain http', () => {
      for (const url of [
        'https://huggingface.co.evil.com/v1',
        'https://evilhuggingface.co/v1',
        'https://huggingface.company/v1',
        'https://endpoints.huggingface.cloud.evil.net/v1',
        'https://huggingface.cloud/v1',
        'http://router.huggingface.co/v1/chat/completions',
        'https://user@evil.com/?https://router.huggingface.co',
        'not a url',
      ]) {
        assert.equal(key('x', undefined, url), undefined, url);
        assert.equal(isHuggingFaceHost(url), false, url);
      }
    });

    it('goes to the slot endpoint only when the slot says useHfToken, and nowhere else', () => {
      const own = 'http://proxy.lan:9000/v1';
      assert.equal(key('x', own, 'http://proxy.lan:9000/v1/chat/completions', { useHfToken: true }), HF);
      assert.equal(key('x', own, 'http://proxy.lan:9001/v1/chat/completions', { useHfToken: true }), undefined, 'another port');
      assert.equal(key('x', own, 'https://proxy.lan:9000/v1/chat/completions', { useHfToken: true }), undefined, 'another scheme');
      assert.equal(key('x', own, 'http://elsewhere:9000/v1/chat/completions', { useHfToken: true }), undefined, 'another host');
      assert.equal(key('x', undefined, 'http://proxy.lan:9000/v1', { useHfToken: true }), undefined, 'no endpoint of its own');
    });

    it('goes to configured stand-ins for Hugging Face (a proxy, a simulator), whatever their scheme', () => {
      const sim = 'http://127.0.0.1:4567';
      assert.equal(key('online-qwen', undefined, `${sim}/v1/chat/completions`, { standIns: [sim] }), HF);
      assert.equal(key('online-qwen', undefined, 'http://127.0.0.1:4568/v1/chat/completions', { standIns: [sim] }), undefined);
    });
  });

  describe("a model's own key", () => {
    it('goes to its own endpoint (host, port and scheme), not elsewhere', () => {
      const own = 'http://127.0.0.1:1234/v1';
      assert.equal(key('lmstudio', own, 'http://127.0.0.1:1234/v1/chat/completions'), OWN);
      assert.equal(key('lmstudio', own, 'http://127.0.0.1:1234/api/v0/models'), OWN, 'any path on that server');
      assert.equal(key('lmstudio', own, 'http://localhost:1234/v1/chat/completions'), undefined, 'another name is another server');
      assert.equal(key('lmstudio', own, 'http://127.0.0.1:1235/v1/chat/completions'), undefined);
      assert.equal(key('lmstudio', own, 'https://router.huggingface.co/v1/chat/completions'), HF, 'HF hosts get the HF token, never the model key');
    });

    it("is never another model's key, and wins over the HF token on its own endpoint", () => {
      assert.equal(key('lmstudio', 'http://box:1234/v1', 'http://box:1234/v1/models'), OWN);
      assert.equal(key('third', 'http://box:1234/v1', 'http://box:1234/v1/models'), undefined, 'no key of its own: nothing');
      const hfEndpoint = 'https://abc.endpoints.huggingface.cloud/v1';
      assert.equal(key('lmstudio', hfEndpoint, `${hfEndpoint}/chat/completions`), OWN);
    });

    it('treats default ports and a missing scheme (Ollama host setting) as the same server', () => {
      assert.equal(key('lmstudio', 'http://box/v1', 'http://box:80/v1/models'), OWN);
      assert.equal(key('lmstudio', 'box:11434', 'http://box:11434/api/chat'), OWN);
    });
  });

  it('no keys at all: no header, for any URL', () => {
    for (const url of ['https://router.huggingface.co/v1/chat/completions', 'http://127.0.0.1:1/v1']) {
      assert.equal(key('lmstudio', 'http://127.0.0.1:1/v1', url, { s: {} }), undefined);
      assert.equal(key('lmstudio', 'http://127.0.0.1:1/v1', url, { s: { modelKeys: {} }, useHfToken: true }), undefined);
    }
  });
});
