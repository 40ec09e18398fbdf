/**
 * The soak: many comparison runs of three streaming models (Ollama, the Hugging Face router, the openai provider on
 * an OpenAI-compatible server) against the simulators, in one process. Measures the heap after a forced GC, the process's timers,
 * sockets and listeners against a baseline taken after a warm-up, and checks that every run completed with the full
 * answer. Shared by `npm run soak` (figures) and test/unit/reliability.soak.test.ts (a short run, behaviour).
 */
import { getEventListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startComparison } from '../../src/core/compare/run';
import { HuggingFaceProvider } from '../../src/core/providers/huggingface';
import { OllamaProvider } from '../../src/core/providers/ollama';
import { OpenAiProvider } from '../../src/core/providers/openai';
import type { ResolvedModel } from '../../src/core/providers/registry';
import { startHfSim } from '../support/hf-sim';
import { startOllamaSim } from '../support/ollama-sim';

export interface SoakFigures {
  runs: number;
  models: number;
  completed: number;
  failures: string[];
  heapBaselineMb: number;
  heapEndMb: number;
  heapGrowthMb: number;
  /** Counts after the last run (and a settle) minus the baseline; ≤ 0 means nothing accumulated. */
  extra: { timers: number; sockets: number; processListeners: number; abortListeners: number };
  seconds: number;
}

const ANSWER = 'def fizzbuzz(n):\n' + Array.from({ length: 40 }, (_, i) => `    # step ${i}: keep going\n`).join('') + '    return n\n';

/** A forced garbage collection, without needing `node --expose-gc`. */
export function forceGc(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

function counts(signals: AbortSignal[]): { timers: number; sockets: number; processListeners: number; abortListeners: number } {
  const info = process.getActiveResourcesInfo();
  return {
    timers: info.filter((r) => r === 'Timeout').length,
    sockets: info.filter((r) => r === 'TCPSocketWrap' || r === 'TLSWrap').length,
    processListeners: process.eventNames().reduce((n, e) => n + process.listenerCount(e), 0),
    abortListeners: signals.reduce((n, s) => n + getEventListeners(s, 'abort').length, 0),
  };
}

const heapMb = () => {
  forceGc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

async function settleResources(baseline: { timers: number; sockets: number }): Promise<void> {
  // Keep-alive sockets and undici's clock timer close on their own after idling: wait for that (at most 6 s).
  for (let i = 0; i < 120; i++) {
    const c = counts([]);
    if (c.timers <= baseline.timers && c.sockets <= baseline.sockets) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function soak(runs: number, options: { paceMs?: number; warmup?: number; onProgress?: (done: number) => void } = {}): Promise<SoakFigures> {
  const paceMs = options.paceMs ?? 0;
  const ollama = await startOllamaSim({ models: [{ name: 'soak:7b', reply: ANSWER, paceMs }] });
  const hf = await startHfSim({ chat: { text: ANSWER, chunkDelayMs: paceMs } });
  const models: ResolvedModel[] = [
    { slot: { id: 'local', label: 'Local', provider: 'ollama', model: 'soak:7b', maxTokens: 4096 }, provider: new OllamaProvider({ host: ollama.url }) },
    { slot: { id: 'router', label: 'Router', provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct', maxTokens: 4096 }, provider: new HuggingFaceProvider({ token: 'hf_SoakTestToken0123456789abcdef', provider: 'auto', routerUrl: hf.url, hubUrl: hf.url }) },
    { slot: { id: 'lmstudio', label: 'LM Studio', provider: 'openai', model: 'm', maxTokens: 4096, endpoint: `${hf.url}/v1` }, provider: new OpenAiProvider() },
  ];
  const signals: AbortSignal[] = [];
  const failures: string[] = [];
  let completed = 0;
  const one = async (i: number) => {
    const stop = new AbortController();
    signals.push(stop.signal);
    const run = startComparison({ prompt: `Run ${i}: write fizzbuzz.`, models, signal: stop.signal });
    for await (const _ of run.events) void _;
    const report = await run.done;
    for (const r of report.results) {
      if (r.error || r.text !== ANSWER) failures.push(`run ${i} ${r.id}: ${r.error ? `${r.error.kind}: ${r.error.message}` : `text differs (${r.text.length} chars)`}`);
    }
    if (report.results.every((r) => !r.error && r.text === ANSWER)) completed++;
  };
  try {
    for (let i = 0; i < (options.warmup ?? 10); i++) await one(-1 - i);
    completed = 0;
    failures.length = 0;
    signals.length = 0;
    const baseCounts = counts([]);
    await settleResources(baseCounts);
    const base = counts([]);
    const heapBaselineMb = heapMb();
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) {
      await one(i);
      options.onProgress?.(i + 1);
    }
    const seconds = (performance.now() - t0) / 1000;
    await settleResources(base);
    const end = counts(signals);
    const heapEndMb = heapMb();
    return {
      runs,
      models: models.length,
      completed,
      failures,
      heapBaselineMb,
      heapEndMb,
      heapGrowthMb: heapEndMb - heapBaselineMb,
      extra: { timers: end.timers - base.timers, sockets: end.sockets - base.sockets, processListeners: end.processListeners - base.processListeners, abortListeners: end.abortListeners },
      seconds,
    };
  } finally {
    await Promise.all([ollama.close(), hf.close()]);
  }
}
