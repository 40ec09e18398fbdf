/**
 * The HTTP endpoint's own cost, measured against the Ollama simulator in this process (performance clock):
 *   1. POST /generate?format=json round trip vs the same generation in-process (startComparison): the difference is
 *      what HTTP, validation, the security checks and rendering add;
 *   2. an SSE client that disconnects → the model server sees its connection closed (the upstream cancel).
 * Figures only: nothing is asserted.   npm run bench:http [-- --repeats 200]
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startComparison } from '../src/core/compare/run';
import { startHttpServer } from '../src/core/http/server';
import { ModelRegistry } from '../src/core/providers/registry';
import { validateSettings } from '../src/core/settings';
import { startOllamaSim } from '../test/support/ollama-sim';

const repeats = Number(process.argv[process.argv.indexOf('--repeats') + 1]) || 200;
const REPLY = 'def add(a, b):\n    return a + b\n';

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(2);
  return `median ${at(0.5)}  p95 ${at(0.95)}  max ${s[s.length - 1].toFixed(2)}`;
}

async function main(): Promise<void> {
  const sim = await startOllamaSim({ models: [{ name: 'codellama:7b', reply: REPLY }, { name: 'slow:1b', tokens: Array(2000).fill('t '), paceMs: 5 }] });
  const registry = new ModelRegistry(validateSettings({ ollama: { host: sim.url }, models: [{ id: 'cl', provider: 'ollama', model: 'codellama:7b' }, { id: 'slow', provider: 'ollama', model: 'slow:1b' }], defaultModel: 'cl' }));
  const server = await startHttpServer({ registry: () => registry, version: 'bench' });
  console.log(`HTTP endpoint cost; ${repeats} sequential requests each way, one model (Ollama simulator, ${REPLY.length}-char answer, no pacing)`);
  console.log(`conditions: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, server, client and simulator in this process on 127.0.0.1 (keep-alive fetch)`);
  const direct: number[] = [];
  const viaHttp: number[] = [];
  for (let i = 0; i < repeats + 10; i++) {
    let t = performance.now();
    await startComparison({ prompt: 'add', models: [registry.get('cl')], overrides: { maxTokens: 512 } }).done;
    const d = performance.now() - t;
    t = performance.now();
    const res = await fetch(`${server.url}/generate?format=json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'add' }) });
    await res.json();
    const h = performance.now() - t;
    if (i >= 10) direct.push(d), viaHttp.push(h); // the first 10 warm up the JIT and the connection pools
  }
  console.log(`in-process generation (ms):     ${stats(direct)}`);
  console.log(`POST /generate round trip (ms): ${stats(viaHttp)}`);
  console.log(`difference of medians: ${(median(viaHttp) - median(direct)).toFixed(2)} ms`);

  const closeMs: number[] = [];
  const cancelRuns = Math.max(5, Math.round(repeats / 10));
  for (let i = 0; i < cancelRuns; i++) {
    sim.reset();
    const res = await fetch(`${server.url}/generate?stream=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'x', model: 'slow' }) });
    const reader = res.body!.getReader();
    await reader.read();
    const stream = await sim.waitForStream(0);
    const t = performance.now();
    await reader.cancel();
    await stream.ended;
    if (stream.clientClosed && stream.closedAt !== null) closeMs.push(stream.closedAt - t);
  }
  console.log(`SSE client disconnects → model server sees its connection closed (ms), ${closeMs.length}/${cancelRuns} reached: ${closeMs.length ? stats(closeMs) : 'n/a'}`);
  await server.close();
  await sim.close();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

void main();
