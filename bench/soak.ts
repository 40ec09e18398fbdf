/**
 * `npm run soak [-- --runs 300]`: comparison runs × 3 streaming models against the simulators in one process. Prints
 * the heap after GC (baseline after a warm-up, end, growth), timers/sockets/listeners left over against the baseline,
 * and how many runs completed with every answer in full. Figures only; the short variant in the unit suite asserts.
 */
import { cpus, loadavg } from 'node:os';
import { soak } from '../test/reliability/soak';

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);

async function main(): Promise<void> {
  const runs = arg('--runs', 300);
  const paceMs = arg('--pace-ms', 0);
  console.log(`soak: ${runs} runs × 3 streaming models (Ollama sim; HF router sim; openai provider on the OpenAI-compatible sim), pace ${paceMs} ms per token`);
  console.log(`conditions: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const f = await soak(runs, { paceMs, onProgress: (n) => n % 50 === 0 && console.log(`  ${n}/${runs} runs`) });
  console.log(`runs completed (all 3 answers in full): ${f.completed}/${f.runs}${f.failures.length ? `; failures: ${f.failures.slice(0, 5).join(' | ')}` : ''}`);
  console.log(`heap used after GC: baseline ${f.heapBaselineMb.toFixed(1)} MB, end ${f.heapEndMb.toFixed(1)} MB, growth ${f.heapGrowthMb.toFixed(2)} MB (budget < 20 MB)`);
  console.log(`left over vs baseline: timers ${f.extra.timers}, sockets ${f.extra.sockets}, process listeners ${f.extra.processListeners}, abort listeners on the runs' signals ${f.extra.abortListeners}`);
  console.log(`time: ${f.seconds.toFixed(1)} s (${((f.seconds * 1000) / f.runs).toFixed(0)} ms per run)`);
  process.exitCode = f.completed === f.runs && f.heapGrowthMb < 20 && Object.values(f.extra).every((x) => x <= 0) ? 0 : 1;
}

void main();
