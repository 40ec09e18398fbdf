/**
 * `npm run bench:perf [-- --rounds N] [--json] [--only burst,ttft] [--no-package]`: every figure of issue 12 in one run. Sizes come from the
 * production package; everything else is sampled in interleaved rounds (each round runs every measurement, in a
 * rotating order, so a change of machine load touches all of them alike), then printed as min / median / p95 with
 * the conditions. `--json` writes bench/results/perf.json. Figures only: nothing is asserted, no test is timed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { conditions, describeConditions } from './perf/conditions';
import { startProcessBench } from './perf/processes';
import { longAnswer, longestFrame, renderPass, tailRatio, toDeltas } from './perf/render';
import { packageAndMeasure, restoreDevelopmentBuild } from './perf/sizes';
import { roundSummary, summarize, type Summary } from './perf/stats';
import { startStreamBench, type Samples } from './perf/streams';
import { FIGURES, type FigureKey } from './perf/targets';

const root = resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const rounds = Math.max(1, Number(option('--rounds') ?? 10));

async function main(): Promise<void> {
  const cond = conditions(root);
  console.log(`bench:perf — ${rounds} interleaved rounds (+1 warm-up)\n${describeConditions(cond)}\n`);
  console.log('packaging (npm run package)…');
  const sizes = packageAndMeasure(root, !flag('--no-package'));

  const processes = await startProcessBench(root);
  const streams = await startStreamBench(root);
  const answerDeltas = toDeltas(longAnswer());
  const measures: Record<string, (round: number) => Promise<Samples>> = {
    activation: () => processes.activation(),
    cliStart: (r) => processes.cliStart(r),
    firstRequest: () => processes.firstRequest(),
    burst: (r) => streams.burst(r),
    ttft: (r) => streams.ttft(r),
    parallel: (r) => streams.parallel(r),
    render: async () => {
      const pass = renderPass(answerDeltas);
      const longest = longestFrame(pass);
      return { renderRatio: tailRatio(pass), longestFrameCpuMs: longest.cpuMs, longestFrameWallMs: longest.wallMs };
    },
  };
  // `--only burst,ttft`: a quick look at some figures (the JSON is meant for full runs).
  const only = option('--only')?.split(',');
  const names = Object.keys(measures).filter((n) => !only || only.includes(n));
  const samples: Record<string, number[]> = {};
  try {
    for (let r = -1; r < rounds; r++) {
      process.stdout.write(r < 0 ? 'warm-up round… ' : `round ${r + 1}/${rounds}… `);
      const start = Math.max(0, r) % names.length;
      for (const name of [...names.slice(start), ...names.slice(0, start)]) {
        const got = await measures[name](Math.max(0, r));
        if (r < 0) continue;
        for (const [k, v] of Object.entries(got)) (samples[k] ??= []).push(v);
      }
      process.stdout.write('done\n');
    }
  } finally {
    streams.close();
    await processes.close();
    if (!flag('--keep-production')) restoreDevelopmentBuild(root);
  }
  cond.loadAverage.end = loadavg().map((x) => Math.round(x * 100) / 100);

  const summaries: Record<string, Summary | null> = {};
  for (const [k, v] of Object.entries(samples).sort(([a], [b]) => a.localeCompare(b))) summaries[k] = roundSummary(summarize(v));
  const median = (k: string) => summaries[k]?.median ?? null;
  const worst = (xs: (number | null)[], pick: (...values: number[]) => number) => (xs.some((x) => x === null) ? null : pick(...(xs as number[])));
  const figures: Record<FigureKey, number | null> = {
    extensionJsBytes: sizes.extensionJsBytes,
    extensionTotalJsBytes: sizes.extensionTotalJsBytes,
    vsixBytes: sizes.vsixBytes,
    activationMs: median('activationMs'),
    perTokenUsHf: median('huggingface.overUsPerToken'),
    perTokenUsOllama: median('ollama.overUsPerToken'),
    burstThroughputRatio: worst([median('ollama.throughputRatio'), median('huggingface.throughputRatio')], Math.min),
    ttftOverheadMsMedian: worst([median('ollama.ttftOverheadMs'), median('huggingface.ttftOverheadMs')], Math.max),
    concurrencyRatio: median('concurrencyRatio'),
    firstRequestTtftErrorMs: median('firstRequestTtftErrorMs'),
    cliStartRatio: median('cliStartRatio'),
    renderRatio: median('renderRatio'),
    longestFrameMs: median('longestFrameCpuMs'),
  };

  console.log(`\n${describeConditions(cond)}\n`);
  console.log('figure                    value        target      how');
  for (const key of Object.keys(FIGURES) as FigureKey[]) {
    const f = FIGURES[key];
    const v = figures[key];
    const met = !f.met ? '' : v === null ? '?' : f.met(v) ? 'ok' : 'MISSED';
    console.log(`${key.padEnd(25)} ${String(v ?? 'n/a').padStart(10)}   ${f.target.padEnd(10)}  ${met.padEnd(6)} ${f.how}`);
  }
  console.log('\nsamples (min / median / p95 over rounds):');
  for (const [k, s] of Object.entries(summaries)) {
    if (s) console.log(`  ${k.padEnd(34)} ${String(s.min).padStart(10)} ${String(s.median).padStart(10)} ${String(s.p95).padStart(10)}   n=${s.n}`);
  }
  console.log(`  (sizes: cli.js ${sizes.cliJsBytes} bytes, with its sub-commands ${sizes.cliTotalJsBytes})`);

  if (flag('--json')) {
    const dir = join(root, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const out = {
      about: 'npm run bench:perf -- --json (issue 12). Medians over interleaved rounds; sizes from npm run package.',
      conditions: { ...cond, rounds },
      figures,
      targets: Object.fromEntries(Object.entries(FIGURES).map(([k, f]) => [k, { target: f.target, how: f.how, met: figures[k as FigureKey] === null || !f.met ? null : f.met(figures[k as FigureKey]!) }])),
      samples: summaries,
      sizes: { ...sizes },
    };
    writeFileSync(join(dir, 'perf.json'), `${JSON.stringify(out, null, 2)}\n`);
    console.log(`\nwrote ${join('bench', 'results', 'perf.json')}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
