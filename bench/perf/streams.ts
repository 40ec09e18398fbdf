/**
 * The stream figures, one round at a time (perf.ts interleaves the rounds with the other figures):
 * - burst: the simulator writes every token at once; CPU µs per token and tokens/s, ours against the raw client;
 * - ttft: a paced stream (prompt evaluation, then a token every few ms); time to first token, ours − raw client;
 * - parallel: three paced models in one comparison ÷ the slowest of them alone.
 * Ours and raw alternate which goes first from round to round, so a drift of the machine favours neither.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { rawHf, rawOllama, ours, ourRegistry, oursTogether, type Runner, type SimUrls, type StreamSample } from './clients';
import { BURST_TOKENS, MODELS } from './workload';

export type Samples = Record<string, number>;

const PROVIDERS = ['ollama', 'huggingface'] as const;
const BURSTS_PER_ROUND = 3;

export interface StreamBench {
  burst(round: number): Promise<Samples>;
  ttft(round: number): Promise<Samples>;
  parallel(round: number): Promise<Samples>;
  close(): void;
}

export async function startStreamBench(root: string): Promise<StreamBench> {
  const { child, urls } = await startSims(root);
  const registry = ourRegistry(urls, Object.values(MODELS));
  const runners: Record<(typeof PROVIDERS)[number], { raw: Runner; ours: Runner }> = {
    ollama: { raw: rawOllama(urls), ours: ours(registry, 'ollama') },
    huggingface: { raw: rawHf(urls), ours: ours(registry, 'huggingface') },
  };
  /** Raw then ours on even rounds, ours then raw on odd ones. */
  const pair = async (round: number, p: (typeof PROVIDERS)[number], model: string) => {
    const { raw, ours: own } = runners[p];
    if (round % 2 === 0) return { raw: await raw(model), ours: await own(model) };
    const o = await own(model);
    return { raw: await raw(model), ours: o };
  };

  return {
    async burst(round) {
      const out: Samples = {};
      for (const p of PROVIDERS) {
        const raw: StreamSample[] = [];
        const own: StreamSample[] = [];
        for (let i = 0; i < BURSTS_PER_ROUND; i++) {
          const s = await pair(round + i, p, MODELS.burst);
          raw.push(s.raw);
          own.push(s.ours);
        }
        for (const s of [...raw, ...own]) {
          if (s.tokens !== BURST_TOKENS) throw new Error(`${p} burst: ${s.tokens} tokens arrived, ${BURST_TOKENS} were sent`);
        }
        const usPerToken = (xs: StreamSample[]) => xs.reduce((a, s) => a + s.cpuUs, 0) / xs.reduce((a, s) => a + s.tokens, 0);
        const tokensPerS = (xs: StreamSample[]) => xs.reduce((a, s) => a + s.tokens, 0) / (xs.reduce((a, s) => a + s.wallMs, 0) / 1000);
        out[`${p}.raw.cpuUsPerToken`] = usPerToken(raw);
        out[`${p}.ours.cpuUsPerToken`] = usPerToken(own);
        out[`${p}.overUsPerToken`] = usPerToken(own) - usPerToken(raw);
        out[`${p}.raw.tokensPerS`] = tokensPerS(raw);
        out[`${p}.ours.tokensPerS`] = tokensPerS(own);
        out[`${p}.throughputRatio`] = tokensPerS(own) / tokensPerS(raw);
      }
      return out;
    },
    async ttft(round) {
      const out: Samples = {};
      for (const p of PROVIDERS) {
        const s = await pair(round, p, MODELS.paced);
        if (s.raw.ttftMs === null || s.ours.ttftMs === null) throw new Error(`${p} paced: no token`);
        out[`${p}.raw.ttftMs`] = s.raw.ttftMs;
        out[`${p}.ours.ttftMs`] = s.ours.ttftMs;
        out[`${p}.ttftOverheadMs`] = s.ours.ttftMs - s.raw.ttftMs;
      }
      return out;
    },
    async parallel() {
      const ids = [`ollama-${MODELS.parallel}`, `huggingface-${MODELS.parallel}`, `ollama-${MODELS.paced}`];
      const alone: number[] = [];
      for (const id of ids) alone.push(await oursTogether(registry, [id]));
      const together = await oursTogether(registry, ids);
      return { slowestAloneMs: Math.max(...alone), togetherMs: together, concurrencyRatio: together / Math.max(...alone) };
    },
    close() {
      child.stdin?.end();
      child.kill('SIGTERM');
    },
  };
}

async function startSims(root: string): Promise<{ child: ChildProcess; urls: SimUrls }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/perf/sims-child.ts'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const urls = await new Promise<SimUrls>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as SimUrls));
    child.once('exit', (code) => reject(new Error(`simulators exited (${code})`)));
  });
  return { child, urls };
}
