import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { resolveCliContext } from '../../src/cli/context';
import { createGenerateServer } from '../../src/cli/serve';
import { runCli, startSims, type Sims } from '../support/cli-harness';

const HOSTILE = '<script>window.pwned=1</script><img src=x onerror="alert(1)">';

describe('HTTP endpoint POST /generate', function () {
  this.timeout(20_000);
  let sims: Sims;
  let server: Server;
  let base: string;

  beforeEach(async () => {
    sims = await startSims(
      { models: [{ name: 'qwen2.5-coder:3b', reply: 'print("hi")\n' }, { name: 'codellama:7b', reply: HOSTILE }] },
      { chat: { text: 'console.log("hi")' } },
    );
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: sims.env };
    const { registry } = await resolveCliContext({}, io);
    server = createGenerateServer(registry);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await sims.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/generate`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('answers JSON with the same shape as the CLI', async () => {
    const res = await post({ prompt: 'hello', models: ['local-qwen', 'online-qwen'], format: 'json' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await res.json()) as { prompt: string; results: Array<{ id: string; text: string; error: unknown }> };
    assert.equal(body.prompt, 'hello');
    assert.deepEqual(body.results.map((r) => [r.id, r.text, r.error]), [['local-qwen', 'print("hi")\n', null], ['online-qwen', 'console.log("hi")', null]]);
  });

  it('picks text by default and HTML from the Accept header', async () => {
    const text = await post({ prompt: 'hello', models: 'local-qwen' });
    assert.match(await text.text(), /^=== Model Comparison ===/);
    const html = await post({ prompt: 'hello', models: 'local-qwen' }, { accept: 'text/html' });
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await html.text(), /<pre>print\(&quot;hi&quot;\)/);
  });

  it('renders a hostile answer as inert text in HTML', async () => {
    const res = await post({ prompt: 'x', models: ['local-codellama'], format: 'html' });
    const page = await res.text();
    assert.ok(!page.includes('<script>window.pwned'), 'raw script tag in the page');
    assert.ok(!/<img[^>]+onerror/.test(page), 'live onerror attribute in the page');
    assert.ok(page.includes('&lt;script&gt;window.pwned=1&lt;/script&gt;'));
    assert.match(page, /Content-Security-Policy" content="default-src 'none'/);
  });

  it('accepts the HTML form of GET /', async () => {
    const form = await (await fetch(`${base}/`)).text();
    assert.match(form, /<form method="post" action="\/generate">/);
    const res = await fetch(`${base}/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'hello', models: 'local-qwen', format: 'html' }),
    });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Qwen2\.5-Coder 3B/);
  });

  it('streams events as NDJSON, ending with one done per model', async () => {
    const res = await post({ prompt: 'hello', models: ['local-qwen', 'online-qwen'], format: 'ndjson' });
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { type: string; slotId: string });
    assert.ok(lines.some((e) => e.type === 'delta'));
    assert.deepEqual(lines.filter((e) => e.type === 'done').map((e) => e.slotId).sort(), ['local-qwen', 'online-qwen']);
  });

  it('a client that disconnects cancels the run: the model server sees the connection close', async () => {
    sims.ollama.setScript({ models: [{ name: 'qwen2.5-coder:3b', tokens: Array(500).fill('t '), paceMs: 10 }] });
    const res = await post({ prompt: 'hello', models: ['local-qwen'], format: 'ndjson' });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    const stream = await sims.ollama.waitForStream(0);
    await stream.ended;
    assert.ok(stream.clientClosed, 'ollama kept generating for nobody');
    assert.ok(stream.chunksWritten < 400, `wrote ${stream.chunksWritten}`);
  });

  it('rejects bad requests with 400 and a JSON error', async () => {
    for (const body of [{}, { prompt: '  ' }, { prompt: 'x', models: ['nope'] }, { prompt: 'x', format: 'xml' }, { prompt: 'x', maxTokens: -1 }]) {
      const res = await post(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const err = (await res.json()) as { error: { kind: string; message: string } };
      assert.ok(err.error.message.length > 0);
    }
    const notJson = await fetch(`${base}/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    assert.equal(notJson.status, 400);
    assert.equal((await fetch(`${base}/nope`)).status, 404);
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
