/**
 * Issue 8 over real HTTP, through the CLI: the issue's own config (three servers, four columns) answers from four
 * endpoints, and header-logging servers prove which key went where: the HF token only to (a stand-in for) Hugging
 * Face or an endpoint marked useHfToken, a model's own key only to its own endpoint, no key = no header.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetSecrets } from '../../src/core/redact';
import { runCli } from '../support/cli-harness';
import { startHfSim, type HfSim } from '../support/hf-sim';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';

const HF_KEY = 'hf_EndpointsTestToken0123456789ab';
const LMS_KEY = 'sk-lmstudio-own-key-987654321';

interface JsonResult {
  id: string;
  text: string;
  location: string;
  error: { kind: string; message: string } | null;
}

describe('a host per model, keys only where they belong (issue 8)', function () {
  this.timeout(30_000);
  let laptop: OllamaSim;
  let server: OllamaSim;
  let lmstudio: HfSim;
  let router: HfSim;
  let plain: HfSim;
  let proxy: HfSim;
  let config: string;
  let env: Record<string, string>;

  before(async () => {
    [laptop, server, lmstudio, router, plain, proxy] = await Promise.all([
      startOllamaSim({ models: [{ name: 'qwen2.5-coder:3b', reply: 'answer from the laptop' }] }),
      startOllamaSim({ models: [{ name: 'qwen2.5-coder:3b', reply: 'answer from the gpu box' }] }, { host: '127.0.0.2' }),
      startHfSim({ requireToken: LMS_KEY, openaiModels: ['qwen2.5-coder-7b-instruct'], chat: { text: 'answer from LM Studio' } }),
      startHfSim({ chat: { text: 'answer from Hugging Face' } }),
      startHfSim({ openaiModels: ['m'], chat: { text: 'answer from a plain server' } }),
      startHfSim({ openaiModels: ['m'], chat: { text: 'answer from the proxy' } }),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'llmc-endpoints-'));
    config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        models: [
          { id: 'laptop-qwen', label: 'Qwen 3B (laptop)', provider: 'ollama', model: 'qwen2.5-coder:3b', endpoint: laptop.url },
          { id: 'server-qwen', label: 'Qwen 3B (server)', provider: 'ollama', model: 'qwen2.5-coder:3b', endpoint: server.url },
          { id: 'lmstudio', label: 'LM Studio', provider: 'openai', model: 'qwen2.5-coder-7b-instruct', endpoint: `${lmstudio.url}/v1`, apiKeyEnv: 'LMS_KEY' },
          { id: 'online-qwen', label: 'Qwen 32B (HF)', provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct' },
          { id: 'hf-on-plain', provider: 'huggingface', model: 'm', endpoint: `${plain.url}/v1` },
          { id: 'openai-no-key', provider: 'openai', model: 'm', endpoint: `${plain.url}/v1` },
          { id: 'marked-proxy', provider: 'huggingface', model: 'm', endpoint: `${proxy.url}/v1`, useHfToken: true },
        ],
      }),
    );
    // HF_ROUTER_URL / HF_HUB_URL: the simulator stands in for Hugging Face itself.
    env = { HF_API_KEY: HF_KEY, LMS_KEY, HF_ROUTER_URL: router.url, HF_HUB_URL: router.url };
  });
  after(async () => {
    await Promise.all([laptop, server, lmstudio, router, plain, proxy].map((s) => s?.close()));
    forgetSecrets();
  });

  const authOf = (headers: Record<string, string | string[] | undefined>) => headers.authorization;

  it("four columns on four endpoints: the issue's config, each answer from its own server", async () => {
    const run = await runCli(['compare', '--config', config, '--models', 'laptop-qwen,server-qwen,lmstudio,online-qwen', '--format', 'json', 'hi'], env);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const results = (JSON.parse(run.stdout) as { results: JsonResult[] }).results;
    assert.deepEqual(
      results.map((r) => [r.id, r.text, r.location]),
      [
        ['laptop-qwen', 'answer from the laptop', 'local'],
        ['server-qwen', 'answer from the gpu box', 'local'],
        ['lmstudio', 'answer from LM Studio', 'local'],
        ['online-qwen', 'answer from Hugging Face', 'online'],
      ],
    );
    assert.equal(laptop.requests.filter((r) => r.path === '/api/chat').length, 1);
    assert.equal(server.requests.filter((r) => r.path === '/api/chat').length, 1);
  });

  it('compare and models: who received which Authorization header', async () => {
    for (const s of [laptop, server, lmstudio, router, plain, proxy]) s.reset?.();
    const compare = await runCli(['compare', '--config', config, '--format', 'json', 'hi'], env);
    assert.equal(compare.code, 0, compare.stdout);
    const models = await runCli(['models', '--config', config, '--format', 'json'], env);
    assert.equal(models.code, 0, models.stderr);

    assert.ok(lmstudio.requests.length >= 3, 'chat, /v1/models and the key check');
    for (const r of lmstudio.requests) assert.equal(authOf(r.headers), `Bearer ${LMS_KEY}`, `LM Studio ${r.method} ${r.path}: its own key, never the HF token`);
    assert.ok(router.requests.length >= 2);
    for (const r of router.requests) assert.equal(authOf(r.headers), `Bearer ${HF_KEY}`, `Hugging Face ${r.method} ${r.path}: the HF token only`);
    assert.ok(plain.requests.length >= 4);
    for (const r of plain.requests) assert.equal(authOf(r.headers), undefined, `plain server ${r.method} ${r.path}: no key at all`);
    assert.ok(proxy.requests.length >= 2);
    for (const r of proxy.requests) assert.equal(authOf(r.headers), `Bearer ${HF_KEY}`, 'useHfToken: the user said so');
    for (const sim of [laptop, server]) {
      assert.ok(sim.requests.length >= 3);
      for (const r of sim.requests) assert.equal(authOf(r.headers), undefined, `Ollama ${r.path}: no key`);
    }
    assert.ok(!compare.stdout.includes(LMS_KEY) && !models.stdout.includes(LMS_KEY) && !models.stdout.includes(HF_KEY));
  });

  it('models: each entry with its host and location; a wrong key is not "reachable"', async () => {
    const good = await runCli(['models', '--config', config, '--format', 'json'], env);
    const infos = JSON.parse(good.stdout) as Array<{ id: string; endpoint: string | null; location: string; reachable: boolean; reason: string | null }>;
    const byId = new Map(infos.map((i) => [i.id, i]));
    assert.equal(byId.get('server-qwen')?.endpoint, server.url);
    assert.equal(byId.get('lmstudio')?.reachable, true, byId.get('lmstudio')?.reason ?? '');
    const bad = await runCli(['models', '--config', config, '--models', 'lmstudio', '--format', 'json'], { ...env, LMS_KEY: 'sk-wrong' });
    const [info] = JSON.parse(bad.stdout) as Array<{ reachable: boolean; reason: string }>;
    assert.equal(info.reachable, false);
    assert.match(info.reason, /rejected the key \(401\)/);
    assert.match(info.reason, /LMS_KEY/, 'the fix names the variable to set');
  });
});
