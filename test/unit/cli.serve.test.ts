import assert from 'node:assert/strict';
import { resolveCliContext } from '../../src/cli/context';
import type { CliIO } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { startHttpServer } from '../../src/core/http/server';
import { runCli, startSims, type Sims } from '../support/cli-harness';
import { postJson, rawRequest } from '../support/http-harness';

describe('CLI serve', function () {
  this.timeout(20_000);
  let sims: Sims;
  beforeEach(async () => {
    sims = await startSims({ models: [{ name: 'qwen2.5-coder:3b', reply: 'print("hi")\n' }] }, { chat: { text: 'hello' } });
  });
  afterEach(async () => sims.close());

  /** Runs `llm-compare serve …` in-process until `stop()`; resolves once it printed its address. */
  async function serve(args: string[], env: Record<string, string>) {
    let stderr = '';
    const aborter = new AbortController();
    const io: CliIO = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, env, signal: aborter.signal };
    const exit = main(['serve', '--port', '0', ...args], io, async () => '');
    const deadline = Date.now() + 10_000;
    while (!/serving on (http:\/\/\S+?)\//.test(stderr)) {
      if (Date.now() > deadline) throw new Error(`serve did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const url = /serving on (http:\/\/\S+?)\//.exec(stderr)![1];
    return { url, stderr: () => stderr, stop: async () => (aborter.abort(), await exit) };
  }

  it('binds 127.0.0.1 by default and answers the prototype call without a token', async () => {
    const s = await serve([], sims.env);
    try {
      assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.doesNotMatch(s.stderr(), /token/i);
      const res = await postJson(s.url, '/generate?format=json', { prompt: 'hi', max_tokens: 5 });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json<{ response: string }>().response, 'hello');
    } finally {
      assert.equal(await s.stop(), 0);
    }
  });

  it('beyond loopback without LLM_COMPARE_TOKEN: a token is generated, printed once, and required on every route but /health', async () => {
    const s = await serve(['--host', '0.0.0.0'], sims.env);
    try {
      const printed = s.stderr().match(/Bearer token[^:]*: (\S+)/g) ?? [];
      assert.equal(printed.length, 1, s.stderr());
      const token = /Bearer token[^:]*: (\S+)/.exec(s.stderr())![1];
      assert.ok(token.length >= 24);
      const local = s.url.replace('localhost', '127.0.0.1');
      assert.equal((await rawRequest(local, 'GET', '/health')).status, 200);
      for (const [method, path] of [['GET', '/models'], ['GET', '/openapi.json'], ['POST', '/generate'], ['POST', '/compare'], ['GET', '/nope']]) {
        const res = method === 'GET' ? await rawRequest(local, method, path) : await postJson(local, path, { prompt: 'x' });
        assert.equal(res.status, 401, `${method} ${path}`);
        assert.equal(res.headers['www-authenticate'], 'Bearer');
        assert.equal(res.json<{ error: { kind: string } }>().error.kind, 'unauthorized');
      }
      const wrong = await postJson(local, '/generate', { prompt: 'x' }, { authorization: 'Bearer not-the-token' });
      assert.equal(wrong.status, 401);
      const ok = await postJson(local, '/generate?format=json', { prompt: 'x' }, { authorization: `Bearer ${token}` });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(sims.hf.requests.filter((r) => r.kind === 'chat').length, 1, 'only the authorised request generated');
    } finally {
      await s.stop();
    }
  });

  it('LLM_COMPARE_TOKEN is used (and not printed) when set, on loopback too', async () => {
    const s = await serve([], { ...sims.env, LLM_COMPARE_TOKEN: 'my-own-token-0123456789' });
    try {
      assert.doesNotMatch(s.stderr(), /my-own-token/);
      assert.equal((await postJson(s.url, '/generate', { prompt: 'x' })).status, 401);
      assert.equal((await postJson(s.url, '/generate', { prompt: 'x' }, { authorization: 'Bearer my-own-token-0123456789' })).status, 200);
    } finally {
      await s.stop();
    }
  });

  it('the core refuses to listen beyond loopback without a token', async () => {
    const { registry } = await resolveCliContext({}, { stdout: { write: () => true }, stderr: { write: () => true }, env: sims.env });
    await assert.rejects(startHttpServer({ registry: () => registry, host: '0.0.0.0', version: 'test' }), /needs a bearer token/);
  });

  it('bad flags are usage errors', async () => {
    const run = await runCli(['serve', '--port', '70000'], sims.env);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--port must be a whole number from 0 to 65535/);
  });
});

describe('CLI models', function () {
  this.timeout(20_000);
  let sims: Sims;
  beforeEach(async () => {
    sims = await startSims({ models: [{ name: 'codellama:7b', parameterSize: '7B', quantization: 'Q4_0', contextLength: 16384, loaded: { contextLength: 4096 } }] }, {});
  });
  afterEach(async () => sims.close());

  it('reports what each model is and whether it is reachable, without generating', async () => {
    const run = await runCli(['models', '--format', 'json'], sims.env);
    assert.equal(run.code, 0, run.stderr);
    const infos = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    const byId = Object.fromEntries(infos.map((i) => [i.id, i]));
    assert.equal(byId['local-codellama'].reachable, true);
    assert.equal(byId['local-codellama'].parameters, '7B');
    assert.equal(byId['local-codellama'].quantization, 'Q4_0');
    assert.equal(byId['local-codellama'].contextWindow, 16384);
    assert.equal(byId['local-codellama'].allocatedContext, 4096);
    assert.equal(byId['local-codellama'].location, 'local');
    assert.equal(byId['local-qwen'].reachable, false);
    assert.match(String(byId['local-qwen'].reason), /ollama pull qwen2\.5-coder:3b/);
    assert.equal(byId['online-qwen'].provider, 'huggingface');
    assert.ok(!sims.ollama.requests.some((r) => r.path === '/api/chat' || r.path === '/api/generate'), 'models must not generate');
    const text = await runCli(['models'], sims.env);
    assert.match(text.stdout, /CodeLlama 7B \(Ollama\) \[local-codellama\]\n {2}provider: {8}ollama \(local\)/);
  });
});
