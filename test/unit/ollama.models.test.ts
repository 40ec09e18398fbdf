/**
 * What the info panel, the status bar and model management show about Ollama: model facts, reachability, pulls.
 */
import assert from 'node:assert/strict';
import { LlmError } from '../../src/core/providers/errors';
import { OllamaProvider, type PullProgress } from '../../src/core/providers/ollama';
import { formatParameterCount } from '../../src/core/providers/ollama-models';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { deadPort, drain, ollamaSlot, within } from '../support/ollama-sim-kit';

const CODELLAMA = {
  name: 'codellama:7b',
  size: 3_825_819_519,
  digest: '8fdf8f752f6e80de33e82f381aba784c025982752cd1ae9377add66449d2225f',
  parameterSize: '7B',
  quantization: 'Q4_0',
  contextLength: 16384,
};

describe('Ollama provider: model facts, status and pulls', () => {
  let sim: OllamaSim;
  let ollama: OllamaProvider;

  beforeEach(async () => {
    sim = await startOllamaSim({ models: [CODELLAMA], version: '0.12.6' });
    ollama = new OllamaProvider({ host: sim.url });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('describes an installed model: size, digest, parameters, quantization, context window, server version', async () => {
    const info = await ollama.describe(ollamaSlot('codellama:7b'));
    assert.equal(info.reachable, true);
    assert.equal(info.reason, null);
    assert.equal(info.location, 'local');
    assert.equal(info.needsApiKey, false);
    assert.equal(info.streaming, true);
    assert.equal(info.sizeBytes, CODELLAMA.size);
    assert.equal(info.digest, CODELLAMA.digest);
    assert.equal(info.parameters, '7B');
    assert.equal(info.quantization, 'Q4_0');
    assert.equal(info.contextWindow, 16384);
    assert.equal(info.allocatedContext, null, 'not loaded: nothing allocated');
    assert.equal(info.extra.ollamaVersion, '0.12.6');
    assert.equal(info.extra.loaded, 'no');
  });

  it('shows the context the runtime allocated when the model is loaded', async () => {
    sim.setScript({ models: [{ ...CODELLAMA, loaded: { contextLength: 4096 } }] });
    const info = await ollama.describe(ollamaSlot('codellama:7b'));
    assert.equal(info.allocatedContext, 4096);
    assert.equal(info.contextWindow, 16384);
    assert.equal(info.extra.loaded, 'yes');
  });

  it('falls back to the parameter count ("6.7B") when the size label is missing', async () => {
    sim.setScript({ models: [{ ...CODELLAMA, parameterSize: null, parameterCount: 6_738_415_616 }] });
    assert.equal((await ollama.describe(ollamaSlot('codellama:7b'))).parameters, '6.7B');
    assert.deepEqual([3_085_938_688, 135_000_000, 70_553_706_496, 400_000_000_000].map(formatParameterCount), ['3.1B', '135M', '70.6B', '400B']);
  });

  it('a model named without a tag matches its ":latest" install', async () => {
    sim.setScript({ models: [{ ...CODELLAMA, name: 'codellama:latest' }] });
    const info = await ollama.describe(ollamaSlot('codellama'));
    assert.equal(info.reachable, true);
    assert.equal(await ollama.isInstalled('codellama'), true);
  });

  it('a model that is not installed is not usable, and says how to install it', async () => {
    const info = await ollama.describe(ollamaSlot('qwen2.5-coder:3b'));
    assert.equal(info.reachable, false);
    assert.equal(info.reason, 'not installed: run `ollama pull qwen2.5-coder:3b`');
    assert.equal(info.extra.ollamaVersion, '0.12.6');
  });

  it('an unreachable server is reported, not thrown, with the same diagnosis as a failed request', async () => {
    const host = `http://127.0.0.1:${await deadPort()}`;
    const info = await new OllamaProvider({ host }).describe(ollamaSlot('codellama:7b'));
    assert.equal(info.reachable, false);
    assert.match(info.reason ?? '', /Cannot connect to Ollama at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
  });

  it('lists installed models and the server version for model management', async () => {
    assert.equal(await ollama.version(), '0.12.6');
    assert.deepEqual(await ollama.listInstalled(), [
      { name: 'codellama:7b', sizeBytes: CODELLAMA.size, digest: CODELLAMA.digest, parameters: '7B', quantization: 'Q4_0' },
    ]);
    assert.equal(await ollama.isInstalled('codellama:7b'), true);
    assert.equal(await ollama.isInstalled('qwen2.5-coder:3b'), false);
  });

  it('status bar: a running server shows its version; a dead "localhost" gets the IPv6 hint', async () => {
    assert.deepEqual(await ollama.diagnose(), { reachable: true, host: sim.url, version: '0.12.6' });
    const port = await deadPort();
    const down = await new OllamaProvider({ host: `http://localhost:${port}` }).diagnose();
    assert.equal(down.reachable, false);
    assert.equal(down.host, `http://localhost:${port}`);
    assert.equal(down.ipv6Hint, true);
    assert.match(down.reason ?? '', /127\.0\.0\.1/);
  });

  it('pull shows progress in order with totals, then the model is installed', async () => {
    sim.setScript({ models: [CODELLAMA], pulls: { 'qwen2.5-coder:3b': { layers: [1_929_000_000, 6_800], steps: 3, installs: { name: 'qwen2.5-coder:3b', parameterSize: '3.1B' } } } });
    const { items, error } = await drain(ollama.pull('qwen2.5-coder:3b'));
    assert.equal(error, undefined);
    const statuses = items.map((p) => p.status.replace(/^pulling [0-9a-f]{12}$/, 'pulling <layer>'));
    assert.deepEqual(statuses, ['pulling manifest', ...Array(8).fill('pulling <layer>'), 'verifying sha256 digest', 'writing manifest', 'success']);
    const first = items.filter((p) => p.digest === items[1].digest);
    assert.ok(first.every((p) => p.total === 1_929_000_000));
    assert.equal(first[0].completed, undefined, 'no bytes yet on the first line of a layer');
    const done = first.flatMap((p) => (p.completed === undefined ? [] : [p.completed]));
    assert.deepEqual(done, [...done].sort((a, b) => a - b), 'completed only grows');
    assert.equal(done.at(-1), 1_929_000_000);
    assert.match(items[1].digest ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.equal(await ollama.isInstalled('qwen2.5-coder:3b'), true);
  });

  it('cancelling a pull closes the connection', async () => {
    sim.setScript({ models: [CODELLAMA], pulls: { 'qwen2.5-coder:3b': { steps: 400, paceMs: 5 } } });
    const stop = new AbortController();
    const seen: PullProgress[] = [];
    const { error } = await within(
      drain(
        (async function* () {
          for await (const p of ollama.pull('qwen2.5-coder:3b', stop.signal)) {
            seen.push(p);
            if (seen.length === 5) stop.abort();
            yield p;
          }
        })(),
      ),
      5000,
      'pull after cancel',
    );
    assert.ok(error instanceof LlmError && error.kind === 'cancelled', `expected cancelled, got ${String(error)}`);
    const record = sim.streams[0];
    await within(record.ended, 2000, 'server saw the connection close');
    assert.equal(record.clientClosed, true);
    assert.ok(record.chunksWritten < record.plannedChunks / 2, `server sent ${record.chunksWritten} of ${record.plannedChunks} lines`);
    assert.equal(await ollama.isInstalled('qwen2.5-coder:3b'), false);
  });

  it('pulling a model the library does not have says the name is wrong', async () => {
    const { items, error } = await drain(ollama.pull('codelama:7b'));
    assert.deepEqual(items, [{ status: 'pulling manifest' }]);
    assert.ok(error instanceof LlmError, String(error));
    assert.equal(error.kind, 'model-not-found');
    assert.match(error.message, /"codelama:7b" is not in the Ollama library/);
    assert.match(error.message, /ollama\.com\/library/);
  });
});
