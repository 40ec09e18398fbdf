/**
 * Every way talking to Ollama can fail, as the user reads it: a typed kind, the action that fixes it, a message
 * that says what to do, and never a secret.
 */
import assert from 'node:assert/strict';
import { LlmError } from '../../src/core/providers/errors';
import { OllamaProvider } from '../../src/core/providers/ollama';
import { mapOllamaError } from '../../src/core/providers/ollama-errors';
import { forgetSecrets } from '../../src/core/redact';
import { startOllamaSim, type OllamaSim, type SimFault } from '../support/ollama-sim';
import { deadPort, drain, ollamaSlot } from '../support/ollama-sim-kit';

const TOKENS = ['def', ' add', '(a,', ' b):', ' return', ' a', ' +', ' b'];

async function failure(host: string, model = 'codellama:7b'): Promise<{ deltas: string[]; error: LlmError }> {
  const { items, error } = await drain(new OllamaProvider({ host }).stream(ollamaSlot(model), { messages: [{ role: 'user', content: 'x' }] }));
  assert.ok(error instanceof LlmError, `expected an LlmError, got ${String(error)}`);
  return { deltas: items.flatMap((e) => (e.type === 'delta' ? [e.text] : [])), error };
}

function refused(address: string): TypeError {
  const cause = Object.assign(new Error(`connect ECONNREFUSED ${address}:11434`), { code: 'ECONNREFUSED', address, port: 11434 });
  return new TypeError('fetch failed', { cause });
}

describe('Ollama provider: errors a user can act on', () => {
  let sim: OllamaSim;
  const withFault = (fault: SimFault) => sim.setScript({ models: [{ name: 'codellama:7b', tokens: TOKENS, fault }] });

  beforeEach(async () => {
    sim = await startOllamaSim({ models: [{ name: 'codellama:7b', tokens: TOKENS }] });
  });
  afterEach(async () => {
    forgetSecrets();
    await sim.close();
  });

  it('Ollama not running: says so and offers to start it', async () => {
    const port = await deadPort();
    const { error } = await failure(`http://127.0.0.1:${port}`);
    assert.equal(error.kind, 'connection-refused');
    assert.equal(error.fix, 'start-ollama');
    assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.match(error.message, /ollama serve/);
    assert.doesNotMatch(error.message, /::1/, 'no IPv6 hint for an explicit IPv4 host');
  });

  it('host "localhost" and nothing listening: explains the IPv6 ::1 trap and suggests 127.0.0.1', async () => {
    const port = await deadPort();
    const { error } = await failure(`localhost:${port}`);
    assert.equal(error.kind, 'connection-refused');
    assert.match(error.message, /::1/);
    assert.match(error.message, new RegExp(`http://127\\.0\\.0\\.1:${port}`));
  });

  it('localhost refused on ::1 (as seen when Ollama listens on IPv4 only): says it resolved to ::1', () => {
    const error = mapOllamaError(refused('::1'), { host: 'http://localhost:11434', op: 'chat', inStream: false });
    assert.equal(error.kind, 'connection-refused');
    assert.equal(error.fix, 'start-ollama');
    assert.match(error.message, /resolved to the IPv6 address ::1/);
    assert.match(error.message, /http:\/\/127\.0\.0\.1:11434/);
    // Happy-eyeballs connects report several attempts in an AggregateError.
    const both = new TypeError('fetch failed', {
      cause: Object.assign(new AggregateError([refused('::1').cause, refused('127.0.0.1').cause]), { code: 'ECONNREFUSED' }),
    });
    assert.match(mapOllamaError(both, { host: 'localhost', op: 'chat', inStream: false }).message, /resolved to the IPv6 address ::1/);
  });

  it('model not installed: says to run `ollama pull <model>` and offers to pull it', async () => {
    const { error } = await failure(sim.url, 'qwen2.5-coder:3b');
    assert.equal(error.kind, 'model-not-found');
    assert.equal(error.fix, 'pull-model');
    assert.equal(error.details.status, 404);
    assert.match(error.message, /`ollama pull qwen2\.5-coder:3b`/);
  });

  it('a request Ollama rejects (400) is a bad request with the server reason', async () => {
    withFault({ kind: 'http', status: 400, error: 'invalid options: num_predict' });
    const { error } = await failure(sim.url);
    assert.equal(error.kind, 'bad-request');
    assert.match(error.message, /invalid options: num_predict/);
  });

  it('Ollama busy (503): asks to wait and retry', async () => {
    withFault({ kind: 'busy' });
    const { error } = await failure(sim.url);
    assert.equal(error.kind, 'rate-limited');
    assert.equal(error.fix, 'retry');
    assert.match(error.message, /busy/);
    assert.match(error.message, /retry/);
  });

  it('a 499 (request canceled on the server side) is a cancellation', async () => {
    withFault({ kind: 'http', status: 499, error: 'request canceled' });
    assert.equal((await failure(sim.url)).error.kind, 'cancelled');
  });

  it('a server error keeps its status and what Ollama said', async () => {
    withFault({ kind: 'http', status: 500, error: 'model requires more system memory (5.6 GiB) than is available (3.1 GiB)' });
    const { error } = await failure(sim.url);
    assert.equal(error.kind, 'unknown');
    assert.equal(error.details.status, 500);
    assert.match(error.message, /HTTP 500/);
    assert.match(error.message, /more system memory/);
  });

  it('a host that is not Ollama (404 page not found) points at the host setting, not at pulling', async () => {
    withFault({ kind: 'http', status: 404, text: '404 page not found' });
    const { error } = await failure(sim.url);
    assert.notEqual(error.kind, 'model-not-found');
    assert.equal(error.fix, 'open-settings');
    assert.match(error.message, /does not look like Ollama/);
  });

  it('an error line in the middle of the answer: stream broken, text so far kept, server message shown', async () => {
    withFault({ kind: 'error-line', afterChunks: 3, message: 'llama runner process has terminated: exit status 2' });
    const { deltas, error } = await failure(sim.url);
    assert.deepEqual(deltas, TOKENS.slice(0, 3));
    assert.equal(error.kind, 'stream-broken');
    assert.match(error.message, /llama runner process has terminated: exit status 2/);
  });

  it('the connection dropping mid-answer is a broken stream, with a retry', async () => {
    withFault({ kind: 'cut', afterChunks: 2 });
    const { deltas, error } = await failure(sim.url);
    assert.equal(deltas.length, 2);
    assert.equal(error.kind, 'stream-broken');
    assert.equal(error.fix, 'retry');
  });

  it('an answer that ends without its final message is a broken stream', async () => {
    withFault({ kind: 'cut', afterChunks: 4, mode: 'end' });
    const { error } = await failure(sim.url);
    assert.equal(error.kind, 'stream-broken');
    assert.match(error.message, /ended before it was complete/);
  });

  it('never shows a secret, even when the server echoes one back', async () => {
    const token = 'hf_AbCdEfGhIjKlMnOpQrStUv123456';
    withFault({ kind: 'error-line', afterChunks: 0, message: `upstream said Authorization: Bearer ${token}` });
    const { error } = await failure(sim.url);
    assert.equal(error.kind, 'stream-broken');
    assert.ok(!error.message.includes(token), error.message);
    assert.ok(!JSON.stringify(error.toJSON()).includes(token));
  });

  it('credentials in the host setting are sent as Basic auth and never appear in messages', async () => {
    const password = 'pr0xy-Secret-99';
    const host = sim.url.replace('http://', `http://alice:${password}@`);
    const { error } = await failure(host, 'missing:1b');
    assert.equal(error.kind, 'model-not-found');
    const sent = sim.requests.at(-1)?.headers.authorization;
    assert.equal(sent, `Basic ${Buffer.from(`alice:${password}`).toString('base64')}`);
    assert.ok(!error.message.includes(password), error.message);
    assert.ok(!error.message.includes('alice:'), error.message);
  });
});
