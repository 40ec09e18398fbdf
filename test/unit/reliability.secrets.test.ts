/**
 * Secrets go nowhere but the Authorization header of their own host. Recognisable keys (the HF token and one
 * model's own key) are set; every CLI feature runs, failures included (a server that echoes the Authorization header
 * back in its error, a bench answer that dumps the sandbox's environment), the HTTP endpoint answers every format;
 * then every output, every written file and every request each simulator received is searched for the keys.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpServer } from '../../src/core/http/server';
import { resolveCliContext } from '../../src/cli/context';
import { runCli } from '../support/cli-harness';
import { startHfSim, type HfSim } from '../support/hf-sim';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';

const HF_KEY = 'hf_SecretsSuiteHfToken0123456789abcd';
const OWN_KEY = 'own-model-key-SECRETS-SUITE-0123456789';
const KEYS = [HF_KEY, OWN_KEY];
/** A model answer that tries to exfiltrate the sandbox's environment through its error output. */
const ENV_DUMP = '```python\ndef add(a, b):\n    import os\n    raise RuntimeError(repr(dict(os.environ)))\n```';

describe('reliability: secrets appear only in their own Authorization header', function () {
  this.timeout(120_000);
  let ollama: OllamaSim;
  let router: HfSim;
  let own: HfSim;
  let echo: HfSim;
  const outputs: Array<[string, string]> = [];
  let dir = '';
  let env: Record<string, string>;
  let config = '';

  before(async () => {
    ollama = await startOllamaSim({ models: [{ name: 'codellama:7b', reply: ENV_DUMP }] });
    router = await startHfSim({ chat: { text: ENV_DUMP } });
    own = await startHfSim({ chat: { text: 'from my own server' } });
    // A hostile or careless server: its error repeats the Authorization header it got.
    echo = await startHfSim({ chat: { status: 401, body: (req) => ({ error: `bad credentials: ${req.headers.authorization ?? 'none'} for ${JSON.stringify(req.headers)}` }) } });
    dir = mkdtempSync(join(tmpdir(), 'llmc-secrets-'));
    config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({
      models: [
        { id: 'hf', provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct' },
        { id: 'local', provider: 'ollama', model: 'codellama:7b' },
        { id: 'own', provider: 'openai', model: 'mine', endpoint: `${own.url}/v1`, apiKeyEnv: 'OWN_MODEL_KEY' },
        // Marked to receive the HF token: its echo of the header must still not show the token anywhere.
        { id: 'echo', provider: 'huggingface', model: 'x', endpoint: `${echo.url}/v1`, useHfToken: true },
      ],
    }));
    env = { HF_API_KEY: HF_KEY, OWN_MODEL_KEY: OWN_KEY, HF_ROUTER_URL: router.url, HF_HUB_URL: router.url, OLLAMA_HOST: ollama.url, LLM_COMPARE_DEBUG: '1', PATH: process.env.PATH ?? '' };
  });
  after(async () => Promise.all([ollama, router, own, echo].map((s) => s?.close())));

  it('runs every CLI feature, failures included', async () => {
    for (const format of ['text', 'md', 'json', 'html']) {
      const r = await runCli(['compare', '--config', config, '--format', format, 'Write add(a, b).'], env, { tty: format === 'text' });
      outputs.push([`compare ${format}`, r.stdout + r.stderr]);
      assert.equal(r.code, 1, 'the echo model fails');
    }
    for (const format of ['text', 'json']) {
      const r = await runCli(['models', '--config', config, '--format', format], env);
      outputs.push([`models ${format}`, r.stdout + r.stderr]);
    }
    const suite = join(dir, 'suite.jsonl');
    writeFileSync(suite, JSON.stringify({ task_id: 'T/0', prompt: 'def add(a, b):\n    """Add."""\n', canonical_solution: '    return a + b\n', test: 'def check(candidate):\n    assert candidate(1, 2) == 3\n', entry_point: 'add' }) + '\n');
    const out = join(dir, 'out');
    const r = await runCli(['bench', '--config', config, '--suite', suite, '--models', 'hf,local,echo', '--execute', '--out', join(out, 'r.json'), '--out', join(out, 'r.md'), '--out', join(out, 'r.csv'), '--out', join(out, 'r.html')], env);
    outputs.push(['bench', r.stdout + r.stderr]);
    const files = readdirSync(out);
    assert.ok(files.includes('r.results.jsonl') && files.includes('r.json'), files.join(', '));
    for (const f of files) outputs.push([`bench file ${f}`, readFileSync(join(out, f), 'utf8')]);
    // The sandbox really ran the dump: its environment is in the results, without the keys.
    const results = readFileSync(join(out, 'r.results.jsonl'), 'utf8');
    assert.match(results, /RuntimeError/, 'the environment dump ran in the sandbox');
  });

  it('the HTTP endpoint answers every format without a key in it', async () => {
    const { registry } = await resolveCliContext({ config }, { stdout: { write: () => true }, stderr: { write: () => true }, env });
    const server = await startHttpServer({ registry: () => registry, version: 'test' });
    const base = server.url.replace(/\/$/, '');
    const post = async (route: string, body: Record<string, unknown>) => {
      const res = await fetch(`${base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'Write add(a, b).', ...body }) });
      outputs.push([`http ${route} ${JSON.stringify(body)}`, JSON.stringify([...res.headers]) + (await res.text())]);
    };
    try {
      // Every model through /generate (the failing echo one included), streamed and not, and every /compare format.
      for (const model of ['hf', 'local', 'own', 'echo']) {
        for (const format of ['text', 'json', 'html']) await post('/generate', { model, format });
        await post('/generate', { model, stream: true });
      }
      for (const format of ['text', 'md', 'json', 'html', 'ndjson']) await post('/compare', { format });
      await post('/compare', { stream: true });
      outputs.push(['http /models', await (await fetch(`${base}/models`)).text()]);
    } finally {
      await server.close();
    }
  });

  it('no output, file or HTTP answer contains a key', () => {
    assert.ok(outputs.length >= 30, `${outputs.length} outputs`);
    const leaks = outputs.filter(([, text]) => KEYS.some((k) => text.includes(k))).map(([where]) => where);
    assert.deepEqual(leaks, []);
  });

  it('each server got only its own key, only in the Authorization header', () => {
    const seen = (requests: Array<{ headers: Record<string, unknown>; body: unknown }>) =>
      requests.map((r) => ({ auth: String(r.headers.authorization ?? ''), rest: JSON.stringify({ ...r.headers, authorization: undefined, body: r.body }) }));
    const check = (name: string, requests: ReturnType<typeof seen>, allowed: string | null) => {
      assert.ok(requests.length > 0, `${name} got requests`);
      for (const r of requests) {
        for (const k of KEYS) assert.ok(!r.rest.includes(k), `${name}: a key outside the Authorization header`);
        if (r.auth) assert.equal(r.auth, `Bearer ${allowed}`, `${name}: Authorization`);
      }
      if (allowed) assert.ok(requests.some((r) => r.auth === `Bearer ${allowed}`), `${name} got its key`);
    };
    check('Ollama', seen(ollama.requests.map((r) => ({ headers: r.headers as Record<string, unknown>, body: r.body }))), null);
    check('Hugging Face (router stand-in)', seen(router.requests), HF_KEY);
    check('the model\'s own server', seen(own.requests), OWN_KEY);
    check('the useHfToken server', seen(echo.requests), HF_KEY);
  });
});
