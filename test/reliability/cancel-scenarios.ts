/**
 * Stop, measured at the server: for each provider and each moment (while connecting, while the model loads before
 * any header, mid-stream, after the answer is done) one comparison is started against a simulator and stopped, and
 * the simulator's own record says when it saw the connection close. Afterwards the process must hold no more timers,
 * sockets or abort listeners than before. Shared by test/unit/reliability.cancel.test.ts (behaviour) and
 * bench/cancel.ts (figures).
 */
import { getEventListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { startComparison } from '../../src/core/compare/run';
import { HuggingFaceProvider } from '../../src/core/providers/huggingface';
import { OllamaProvider } from '../../src/core/providers/ollama';
import { OpenAiProvider } from '../../src/core/providers/openai';
import type { ModelSlot, Provider } from '../../src/core/providers/types';
import { startHfSim } from '../support/hf-sim';
import { startOllamaSim } from '../support/ollama-sim';

export type CancelPhase = 'connect' | 'load' | 'stream' | 'after-done';
export const CANCEL_PHASES: CancelPhase[] = ['connect', 'load', 'stream', 'after-done'];
/** `openai-compatible` = the Hugging Face provider on an endpoint URL; `openai` = the openai provider. */
export type CancelSide = 'ollama' | 'huggingface' | 'openai-compatible' | 'openai';
export const CANCEL_SIDES: CancelSide[] = ['ollama', 'huggingface', 'openai-compatible', 'openai'];

export interface CancelMeasure {
  side: CancelSide;
  phase: CancelPhase;
  /** The request reached the server before Stop took effect. */
  reachedServer: boolean;
  /** Stop → the server saw the connection closed (ms, server's clock in this process); null when nothing was open. */
  serverClosedMs: number | null;
  /** The server finished the whole answer anyway (a Stop that did not reach it). */
  serverCompleted: boolean;
  /** Stop → the comparison's result was final. */
  settledMs: number;
  resultKind: string;
  /** Resources left over after the run, relative to before it (should all be ≤ 0). */
  extra: { timers: number; sockets: number; abortListeners: number };
}

const TEXT = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');

function resources(): { timers: number; sockets: number } {
  const info = process.getActiveResourcesInfo();
  return { timers: info.filter((r) => r === 'Timeout').length, sockets: info.filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap' || r === 'TLSWrap').length };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server {
  provider: Provider;
  slot: ModelSlot;
  /** The open exchange's arrival and close on the performance clock, once the request is there. */
  exchange(): { closedAt: number | null; completed: boolean } | undefined;
  close(): Promise<void>;
}

async function serverFor(side: CancelSide, phase: CancelPhase): Promise<Server> {
  const loadMs = phase === 'load' ? 10_000 : 0;
  if (side === 'ollama') {
    const sim = await startOllamaSim({ models: [{ name: 'cancel:7b', reply: TEXT, paceMs: 5, loadMs }] });
    return {
      provider: new OllamaProvider({ host: sim.url }),
      slot: { id: 'c', label: 'C', provider: 'ollama', model: 'cancel:7b', maxTokens: 4096 },
      exchange: () => {
        const s = sim.streams[0];
        return s && { closedAt: s.closedAt, completed: s.completed };
      },
      close: () => sim.close(),
    };
  }
  const sim = await startHfSim({ chat: { text: TEXT, chunkDelayMs: 5, headerDelayMs: loadMs } });
  // The HF simulator stamps with Date.now(): convert to the performance clock of this process.
  const offset = performance.timeOrigin;
  const provider =
    side === 'huggingface'
      ? new HuggingFaceProvider({ token: 'hf_CancelTestToken0123456789abcd', provider: 'auto', routerUrl: sim.url, hubUrl: sim.url })
      : side === 'openai'
        ? new OpenAiProvider()
        : new HuggingFaceProvider({ provider: 'auto', endpointUrl: `${sim.url}/v1` });
  const slot: ModelSlot =
    side === 'openai'
      ? { id: 'c', label: 'C', provider: 'openai', model: 'local-model', maxTokens: 4096, endpoint: `${sim.url}/v1` }
      : { id: 'c', label: 'C', provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct', maxTokens: 4096 };
  return {
    provider,
    slot,
    exchange: () => {
      const s = sim.streams[0];
      return s && { closedAt: s.closedAt === null ? null : s.closedAt - offset, completed: s.completed };
    },
    close: () => sim.close(),
  };
}

/** Runs one Stop scenario and measures it. */
export async function measureCancel(side: CancelSide, phase: CancelPhase): Promise<CancelMeasure> {
  await new Promise((r) => setImmediate(r)); // let a test runner arm its own timeout timer before the baseline
  const before = resources();
  const server = await serverFor(side, phase);
  const stopAll = new AbortController();
  const run = startComparison({ prompt: 'Count words.', models: [{ slot: server.slot, provider: server.provider }], signal: stopAll.signal });
  let deltas = 0;
  let stopAt = -1;
  const stop = () => {
    if (stopAt >= 0) return;
    stopAt = performance.now();
    stopAll.abort();
  };
  const consume = (async () => {
    for await (const e of run.events) {
      if (e.type === 'delta' && ++deltas === 5 && phase === 'stream') stop();
    }
  })();
  if (phase === 'connect') setImmediate(stop);
  if (phase === 'load') {
    while (!server.exchange()) await settle(2);
    await settle(50); // the server is now "loading": no headers yet
    stop();
  }
  const report = await run.done;
  await consume;
  if (phase === 'after-done') stop();
  const settledMs = performance.now() - stopAt;
  // Give the server a moment to see the close, then read its record.
  for (let i = 0; i < 100 && server.exchange() && server.exchange()!.closedAt === null; i++) await settle(5);
  const ex = server.exchange();
  const listeners = getEventListeners(stopAll.signal, 'abort').length;
  await server.close();
  // undici's shared clock timer stops on its own within a tick (~0.5 s) once no connection needs it: wait that out,
  // so what remains after 1.5 s is really left behind.
  let after = resources();
  for (let waited = 0; waited < 1500 && (after.timers > before.timers || after.sockets > before.sockets); waited += 50) {
    await settle(50);
    after = resources();
  }
  return {
    side,
    phase,
    reachedServer: ex !== undefined,
    serverClosedMs: ex && ex.closedAt !== null && phase !== 'after-done' ? Math.max(0, ex.closedAt - stopAt) : null,
    serverCompleted: ex?.completed ?? false,
    settledMs,
    resultKind: report.results[0].error?.kind ?? 'ok',
    extra: { timers: after.timers - before.timers, sockets: after.sockets - before.sockets, abortListeners: listeners },
  };
}
