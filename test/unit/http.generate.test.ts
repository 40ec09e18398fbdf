/** POST /generate over real HTTP against the simulators: the prototype's contract, formats, echo, errors. */
import assert from 'node:assert/strict';
import { TEST_HF_KEY } from '../support/cli-harness';
import { hfError } from '../support/hf-sim';
import { postJson, rawRequest, startHttpRig, type HttpRig } from '../support/http-harness';

const HOSTILE = '<script>window.pwned=1</script><img src=x onerror="alert(1)">';

describe('HTTP POST /generate (the prototype contract)', function () {
  this.timeout(20_000);
  let rig: HttpRig;

  beforeEach(async () => {
    rig = await startHttpRig(
      { models: [{ name: 'qwen2.5-coder:3b', reply: 'print("hi")\n' }, { name: 'codellama:7b', reply: HOSTILE }] },
      { chat: { text: 'def add(a, b):\n    return a + b' } },
    );
  });
  afterEach(async () => rig.close());

  it('text is "prompt:\\n<prompt>\\n\\nresponse:\\n<response>" from the default model', async () => {
    const res = await postJson(rig.base, '/generate?format=text', { prompt: 'Write add' });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; charset=utf-8/);
    assert.equal(res.text, 'prompt:\nWrite add\n\nresponse:\ndef add(a, b):\n    return a + b');
    assert.equal(rig.sims.hf.requests.filter((r) => r.kind === 'chat').length, 1, 'the default model is the online one');
    assert.equal(rig.sims.ollama.streams.length, 0);
  });

  it('json has the prototype keys first, then model and metrics', async () => {
    const res = await postJson(rig.base, '/generate?format=json', { prompt: 'Write add' });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = res.json<{ prompt: string; response: string; model: { id: string; provider: string }; metrics: { chars: number; totalMs: number | null; ttftMs: number | null } }>();
    assert.deepEqual(Object.keys(body), ['prompt', 'response', 'model', 'metrics', 'finishReason']);
    assert.equal((body as unknown as { finishReason: string }).finishReason, 'stop');
    assert.ok(['online', 'local'].includes((body.model as unknown as { location: string }).location));
    assert.equal(body.prompt, 'Write add');
    assert.equal(body.response, 'def add(a, b):\n    return a + b');
    assert.equal(body.model.id, 'online-qwen');
    assert.equal(body.model.provider, 'huggingface');
    assert.equal(body.metrics.chars, body.response.length);
    assert.equal(typeof body.metrics.totalMs, 'number');
  });

  it('"model" picks another configured model', async () => {
    const res = await postJson(rig.base, '/generate?format=json', { prompt: 'hi', model: 'local-qwen' });
    assert.equal(res.json<{ response: string }>().response, 'print("hi")\n');
    assert.equal(rig.sims.ollama.streams[0].model, 'qwen2.5-coder:3b');
  });

  it('max_tokens reaches the model server: 512 by default, the given number otherwise', async () => {
    await postJson(rig.base, '/generate', { prompt: 'a' });
    await postJson(rig.base, '/generate', { prompt: 'b', max_tokens: 7 });
    const chats = rig.sims.hf.requests.filter((r) => r.kind === 'chat').map((r) => (r.body as { max_tokens: number }).max_tokens);
    assert.deepEqual(chats, [512, 7]);
    await postJson(rig.base, '/generate', { prompt: 'c', max_tokens: 3, model: 'local-qwen' });
    const chat = rig.sims.ollama.requests.find((r) => r.path === '/api/chat');
    assert.equal((chat?.body as { options: { num_predict: number } }).options.num_predict, 3);
  });

  it('html is a readable page with prompt and response escaped, and a CSP', async () => {
    const res = await postJson(rig.base, '/generate?format=html', { prompt: '<b>bold?</b>', model: 'local-codellama' });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    const page = res.text;
    assert.ok(!page.includes('<script>window.pwned'), 'raw script tag in the page');
    assert.ok(!/<img[^>]+onerror/.test(page), 'live onerror attribute');
    assert.ok(!page.includes('<b>bold?</b>'), 'the prompt is not escaped');
    assert.ok(page.includes('&lt;script&gt;window.pwned=1&lt;/script&gt;'));
    assert.ok(page.includes('&lt;b&gt;bold?&lt;/b&gt;'));
  });

  it('format: the query wins over the body, the body over Accept; Accept alone decides last', async () => {
    const cases: Array<[string, Record<string, unknown>, Record<string, string>, RegExp]> = [
      ['/generate?format=json', { prompt: 'x', format: 'html' }, { accept: 'text/plain' }, /^application\/json/],
      ['/generate', { prompt: 'x', format: 'html' }, { accept: 'application/json' }, /^text\/html/],
      ['/generate', { prompt: 'x' }, { accept: 'application/json' }, /^application\/json/],
      ['/generate', { prompt: 'x' }, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, /^text\/html/],
      ['/generate', { prompt: 'x' }, { accept: 'text/html;q=0.5, application/json' }, /^application\/json/],
      ['/generate', { prompt: 'x' }, { accept: '*/*' }, /^text\/plain/],
      ['/generate', { prompt: 'x' }, {}, /^text\/plain/],
    ];
    for (const [path, body, headers, type] of cases) {
      const res = await postJson(rig.base, path, body, headers);
      assert.equal(res.status, 200, `${path} ${JSON.stringify(body)} ${JSON.stringify(headers)}: ${res.text}`);
      assert.match(String(res.headers['content-type']), type, `${path} ${JSON.stringify(body)} ${JSON.stringify(headers)}`);
    }
  });

  it('an unknown format is a 400 naming the allowed ones, from the query or the body', async () => {
    for (const [path, body] of [['/generate?format=xml', { prompt: 'x' }], ['/generate', { prompt: 'x', format: 'xml' }], ['/generate?format=md', { prompt: 'x' }]] as const) {
      const res = await postJson(rig.base, path, body);
      assert.equal(res.status, 400, path);
      const err = res.json<{ error: { kind: string; message: string } }>().error;
      assert.equal(err.kind, 'bad-request');
      assert.match(err.message, /text, json, html/);
    }
    assert.equal(rig.sims.hf.requests.length, 0, 'nothing may be generated for a bad request');
  });

  it('drops a prompt echoed at the start, and leaves an answer that only uses the prompt\'s words alone', async () => {
    const prompt = 'Write a function that adds two numbers';
    const replies: Record<string, string> = {
      echo: `${prompt}\n\ndef add(a, b):\n    return a + b`,
      words: 'A function that adds two numbers: def add(a, b): return a + b. Write a function that adds two numbers is what you asked.',
      prefix: `${prompt}: done.`,
      only: prompt,
    };
    for (const [name, text] of Object.entries(replies)) {
      rig.sims.hf.setScript({ chat: { text } });
      const body = (await postJson(rig.base, '/generate?format=json', { prompt })).json<{ response: string }>();
      const expected = name === 'echo' ? 'def add(a, b):\n    return a + b' : text;
      assert.equal(body.response, expected, name);
    }
  });

  it('text to a terminal: escape sequences in the answer are made inert', async () => {
    rig.sims.hf.setScript({ chat: { text: 'ok\x1b]0;pwned\x07\x1b[2J done\r\nnext' } });
    const res = await postJson(rig.base, '/generate', { prompt: 'x' });
    assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(res.text), JSON.stringify(res.text));
    assert.ok(res.text.endsWith('ok\\x1b]0;pwned\\x07\\x1b[2J done\nnext'), JSON.stringify(res.text));
  });

  it('bad inputs are 400 with a JSON error that says what is wrong', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /"prompt" is required/],
      [{ prompt: '   ' }, /"prompt" is empty/],
      [{ prompt: 42 }, /"prompt" must be text \(got number\)/],
      [{ prompt: 'x', max_tokens: 0 }, /"max_tokens" must be a whole number from 1 to 32768/],
      [{ prompt: 'x', max_tokens: 40000 }, /"max_tokens"/],
      [{ prompt: 'x', max_tokens: 1.5 }, /"max_tokens"/],
      [{ prompt: 'x', max_tokens: '64' }, /"max_tokens"/],
      [{ prompt: 'x', model: 'nope' }, /Unknown model id "nope"\. Configured: online-qwen, local-codellama, local-qwen/],
      [{ prompt: 'x', model: 7 }, /"model" must be non-empty text/],
      [{ prompt: "x", stream: "yes" }, /"stream" field must be true or false/],
      [{ prompt: 'x', maxTokens: 5 }, /Unknown field "maxTokens".*Did you mean "max_tokens"/],
      [{ prompt: 'x', models: ['a'] }, /POST \/compare/],
      [{ prompt: 'x', temperature: 3 }, /"temperature" must be a number from 0 to 2/],
      [['x'], /must be a JSON object/],
    ];
    for (const [body, message] of cases) {
      const res = await postJson(rig.base, '/generate', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(String(res.headers['content-type']), /^application\/json/);
      const err = res.json<{ error: { kind: string; message: string } }>().error;
      assert.equal(err.kind, 'bad-request', JSON.stringify(body));
      assert.match(err.message, message, JSON.stringify(body));
    }
    const notJson = await rawRequest(rig.base, 'POST', '/generate', { 'content-type': 'application/json' }, '{"prompt": oops');
    assert.equal(notJson.status, 400);
    assert.match(notJson.json<{ error: { message: string } }>().error.message, /not valid JSON/);
    const empty = await rawRequest(rig.base, 'POST', '/generate', { 'content-type': 'application/json' }, '');
    assert.equal(empty.status, 400);
    assert.equal(rig.sims.hf.requests.length + rig.sims.ollama.streams.length, 0, 'nothing may be generated for a bad request');
  });

  it('provider errors answer 502/503/504 with the typed kind and message, and never the key', async () => {
    // The upstream echoes the key it was sent in its error text: it must not come back to our client.
    const cases: Array<[Parameters<typeof rig.sims.hf.setScript>[0], number, string]> = [
      [{ chat: { status: 401, body: (req) => ({ error: `Invalid credentials: ${req.headers.authorization}` }) } }, 502, 'unauthorized'],
      [{ chat: hfError(404, 'Model not found') }, 502, 'model-not-found'],
      [{ chat: hfError(429, 'Rate limit reached') }, 503, 'rate-limited'],
      [{ chat: hfError(402, 'You have exceeded your monthly included credits') }, 502, 'credits-exhausted'],
    ];
    for (const [script, status, kind] of cases) {
      rig.sims.hf.setScript(script);
      const res = await postJson(rig.base, '/generate?format=json', { prompt: 'x' });
      assert.equal(res.status, status, `${kind}: ${res.text}`);
      const err = res.json<{ error: { kind: string; message: string } }>().error;
      assert.equal(err.kind, kind, res.text);
      assert.ok(err.message.length > 10, err.message);
      assert.ok(!res.text.includes(TEST_HF_KEY), `the key leaked: ${res.text}`);
      assert.ok(!res.text.includes('CliTestSecretKey'), `part of the key leaked: ${res.text}`);
    }
    assert.ok(rig.sims.hf.requests.some((r) => r.headers.authorization === `Bearer ${TEST_HF_KEY}`), 'the test must really send the key upstream');
  });

  it("a busy model server's Retry-After is passed on with the 503", async () => {
    rig.sims.hf.setScript({ chat: hfError(429, 'Rate limit reached') });
    const plain = await postJson(rig.base, '/generate', { prompt: 'x' });
    assert.equal(plain.status, 503);
    assert.equal(plain.headers['retry-after'], undefined, 'no figure when the upstream gave none');
    rig.sims.hf.setScript({ chat: { status: 429, body: { error: 'Slow down' }, headers: { 'retry-after': '7' } } });
    const told = await postJson(rig.base, '/generate', { prompt: 'x' });
    assert.equal(told.status, 503);
    assert.equal(told.json<{ error: { kind: string } }>().error.kind, 'rate-limited');
    assert.equal(told.headers['retry-after'], '7');
  });

  it('a stream that breaks half way is a 502 that still carries what the model wrote', async () => {
    rig.sims.hf.setScript({ chat: { chunks: ['def ', 'add', '(a, b):', ' never'], fault: { kind: 'cut', afterChunks: 3 } } });
    const res = await postJson(rig.base, '/generate?format=json', { prompt: 'x' });
    assert.equal(res.status, 502, res.text);
    const body = res.json<{ error: { kind: string }; response: string }>();
    assert.equal(body.error.kind, 'stream-broken');
    assert.equal(body.response, 'def add(a, b):');
  });

  it('an unreachable local model server is a 502 connection-refused', async () => {
    await rig.sims.ollama.close();
    const refused = await postJson(rig.base, '/generate', { prompt: 'x', model: 'local-qwen' });
    assert.equal(refused.status, 502);
    assert.equal(refused.json<{ error: { kind: string } }>().error.kind, 'connection-refused');
  });
});

describe('HTTP POST /generate when the model server goes silent', function () {
  this.timeout(20_000);
  let rig: HttpRig;
  beforeEach(async () => {
    rig = await startHttpRig({}, { chat: { text: 'one two three', fault: { kind: 'stall', afterChunks: 0 } } }, { settings: { requestTimeoutMs: 1000 } });
  });
  afterEach(async () => rig.close());

  it('answers 504 with the stalled kind', async () => {
    const res = await postJson(rig.base, '/generate?format=json', { prompt: 'x' });
    assert.equal(res.status, 504, res.text);
    assert.equal(res.json<{ error: { kind: string } }>().error.kind, 'stream-stalled');
  });
});

describe('HTTP POST /generate with a model of any registered provider', function () {
  this.timeout(20_000);
  let rig: HttpRig;
  beforeEach(async () => {
    rig = await startHttpRig({ models: [{ name: 'codellama:7b', reply: 'local' }] }, { chat: { text: 'from the OpenAI-compatible server' } }, {
      settings: (sims) => ({
        models: [
          { id: 'cl', provider: 'ollama', model: 'codellama:7b' },
          { id: 'lms', label: 'LM Studio', provider: 'openai', model: 'qwen2.5-coder-7b-instruct', endpoint: `${sims.hf.url}/v1` },
        ],
        defaultModel: 'cl',
      }),
    });
  });
  afterEach(async () => rig.close());

  it('an openai model answers through the same contract, with max_tokens and no foreign key sent to it', async () => {
    const res = await postJson(rig.base, '/generate?format=json', { prompt: 'hi', model: 'lms', max_tokens: 21 });
    assert.equal(res.status, 200, res.text);
    const body = res.json<{ response: string; model: { id: string; provider: string } }>();
    assert.equal(body.response, 'from the OpenAI-compatible server');
    assert.deepEqual([body.model.id, body.model.provider], ['lms', 'openai']);
    const chat = rig.sims.hf.requests.find((r) => r.kind === 'chat')!;
    assert.equal((chat.body as { max_tokens: number; model: string }).max_tokens, 21);
    assert.equal((chat.body as { model: string }).model, 'qwen2.5-coder-7b-instruct');
    assert.equal(chat.headers.authorization, undefined, 'the Hugging Face key must not go to an OpenAI-compatible server');
    const models = (await rawRequest(rig.base, 'GET', '/models')).json<Array<{ id: string; provider: string; default: boolean }>>();
    assert.deepEqual(models.map((m) => [m.id, m.provider, m.default]), [['cl', 'ollama', true], ['lms', 'openai', false]]);
  });
});
