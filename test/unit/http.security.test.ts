/** The safe local server: DNS rebinding, foreign origins, the token, content types, size and concurrency limits. */
import assert from 'node:assert/strict';
import { postJson, rawRequest, startHttpRig, type HttpRig } from '../support/http-harness';
import { within } from '../support/ollama-sim-kit';

const SLOW = { name: 'qwen2.5-coder:3b', tokens: Array(300).fill('t '), paceMs: 10 };

describe('HTTP endpoint security and limits', function () {
  this.timeout(20_000);
  let rig: HttpRig;
  let hostPort: string;

  beforeEach(async () => {
    rig = await startHttpRig({ models: [{ name: 'qwen2.5-coder:3b', reply: 'ok' }] }, { chat: { text: 'ok' } }, { maxConcurrent: 1 });
    hostPort = new URL(rig.base).host;
  });
  afterEach(async () => rig.close());

  const generated = () => rig.sims.hf.requests.filter((r) => r.kind === 'chat').length + rig.sims.ollama.streams.length;

  it('rejects a Host that is not the bound address (DNS rebinding), on every route', async () => {
    for (const host of ['evil.example', `evil.example:${rig.server.port}`, `127.0.0.1:${rig.server.port + 1}`, `10.0.0.1:${rig.server.port}`]) {
      for (const [method, path] of [['GET', '/health'], ['GET', '/models'], ['POST', '/generate']]) {
        const res = await rawRequest(rig.base, method, path, { host, 'content-type': 'application/json' }, method === 'POST' ? '{"prompt":"x"}' : undefined);
        assert.equal(res.status, 403, `${host} ${method} ${path}`);
        assert.equal(res.json<{ error: { kind: string } }>().error.kind, 'forbidden-host');
      }
    }
    const noHost = await rawRequest(rig.base, 'GET', '/health', { host: '' });
    assert.equal(noHost.status, 403);
    assert.equal(generated(), 0);
    for (const host of [hostPort, `localhost:${rig.server.port}`]) assert.equal((await rawRequest(rig.base, 'GET', '/health', { host })).status, 200, host);
  });

  it('rejects a foreign Origin and never sends a CORS header', async () => {
    for (const origin of ['http://evil.example', 'null', `http://localhost:${rig.server.port + 1}`, `https://${hostPort}`]) {
      const res = await postJson(rig.base, '/generate', { prompt: 'x' }, { origin });
      assert.equal(res.status, 403, origin);
      assert.equal(res.json<{ error: { kind: string } }>().error.kind, 'forbidden-origin');
      assert.equal(res.headers['access-control-allow-origin'], undefined);
      const preflight = await rawRequest(rig.base, 'OPTIONS', '/generate', { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
      assert.equal(preflight.status, 403, `preflight from ${origin}`);
      assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    }
    assert.equal(generated(), 0);
    const own = await postJson(rig.base, '/generate', { prompt: 'x' }, { origin: `http://${hostPort}` });
    assert.equal(own.status, 200);
    assert.equal(own.headers['access-control-allow-origin'], undefined);
  });

  it('accepts only application/json bodies: a form post, text/plain or no type is a 415', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ 'content-type': 'application/x-www-form-urlencoded' }, 'prompt=x'],
      [{ 'content-type': 'multipart/form-data; boundary=b' }, '--b\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nx\r\n--b--'],
      [{ 'content-type': 'text/plain' }, '{"prompt":"x"}'],
      [{}, '{"prompt":"x"}'],
    ];
    for (const [headers, body] of cases) {
      const res = await rawRequest(rig.base, 'POST', '/generate', headers, body);
      assert.equal(res.status, 415, JSON.stringify(headers));
      assert.equal(res.json<{ error: { kind: string } }>().error.kind, 'unsupported-media-type');
    }
    assert.equal((await rawRequest(rig.base, 'POST', '/generate', { 'content-type': 'application/json; charset=utf-8' }, '{"prompt":"x"}')).status, 200);
  });

  it('a body over 1 MiB is a 413, whether announced by Content-Length or streamed chunked', async () => {
    const big = JSON.stringify({ prompt: 'x'.repeat(1024 * 1024 + 10) });
    const announced = await rawRequest(rig.base, 'POST', '/generate', { 'content-type': 'application/json' }, big);
    assert.equal(announced.status, 413);
    assert.equal(announced.json<{ error: { kind: string } }>().error.kind, 'payload-too-large');
    const chunked = await rawRequest(rig.base, 'POST', '/generate', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, big);
    assert.equal(chunked.status, 413);
    const justUnder = JSON.stringify({ prompt: 'y'.repeat(1024 * 1024 - 20) });
    assert.equal((await rawRequest(rig.base, 'POST', '/generate', { 'content-type': 'application/json' }, justUnder)).status, 200);
    assert.equal(generated(), 1);
  });

  it('unknown routes are 404 and wrong methods 405, as JSON', async () => {
    const missing = await rawRequest(rig.base, 'GET', '/nope');
    assert.equal(missing.status, 404);
    assert.match(missing.json<{ error: { message: string } }>().error.message, /openapi\.json/);
    const wrong = await rawRequest(rig.base, 'GET', '/generate');
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.allow, 'POST');
  });

  it('too many generations at once: 429 with Retry-After; the place frees when the first ends or is dropped', async () => {
    rig.sims.ollama.setScript({ models: [SLOW] });
    const first = fetch(`${rig.base}/generate?stream=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'x', model: 'local-qwen' }) });
    await rig.sims.ollama.waitForStream(0);
    for (const [path, body] of [['/generate', { prompt: 'y' }], ['/compare', { prompt: 'y' }]] as const) {
      const busy = await postJson(rig.base, path, body);
      assert.equal(busy.status, 429, path);
      assert.equal(busy.headers['retry-after'], '2');
      assert.match(busy.json<{ error: { kind: string; message: string } }>().error.message, /limit is 1/);
    }
    assert.equal(rig.sims.hf.requests.length, 0, 'a refused request must not reach a model');
    const reader = (await first).body!.getReader();
    await reader.read();
    await reader.cancel();
    await within(rig.sims.ollama.streams[0].ended, 5000, 'the first generation to stop');
    await within((async () => { while (rig.server.running > 0) await new Promise((r) => setTimeout(r, 10)); })(), 5000, 'the place to free');
    assert.equal((await postJson(rig.base, '/generate', { prompt: 'z' })).status, 200);
  });

  it('a bad request does not take a generation place', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await postJson(rig.base, '/generate', { prompt: '' })).status, 400);
    assert.equal(rig.server.running, 0);
    assert.equal((await postJson(rig.base, '/generate', { prompt: 'x' })).status, 200);
  });
});

describe('HTTP endpoint with a token on loopback', function () {
  this.timeout(20_000);
  let rig: HttpRig;
  beforeEach(async () => {
    rig = await startHttpRig({}, { chat: { text: 'ok' } }, { token: 'loopback-token-0123456789' });
  });
  afterEach(async () => rig.close());

  it('needs the bearer token on every route but /health, and the 401 comes before any body check', async () => {
    assert.equal((await rawRequest(rig.base, 'GET', '/health')).status, 200);
    assert.equal((await rawRequest(rig.base, 'GET', '/openapi.json')).status, 401);
    assert.equal((await rawRequest(rig.base, 'POST', '/generate', { 'content-type': 'text/plain' }, 'x')).status, 401);
    assert.equal((await postJson(rig.base, '/generate', { prompt: 'x' }, { authorization: 'Basic bG9vcGJhY2s=' })).status, 401);
    assert.equal((await postJson(rig.base, '/generate', { prompt: 'x' }, { authorization: 'Bearer loopback-token-012345678' })).status, 401);
    assert.equal((await postJson(rig.base, '/generate', { prompt: 'x' }, { authorization: 'Bearer loopback-token-0123456789' })).status, 200);
    assert.equal(rig.sims.hf.requests.filter((r) => r.kind === 'chat').length, 1);
  });
});
