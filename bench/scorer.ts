/**
 * The benchmark of the benchmark: scores all HumanEval canonical solutions through the real scorer and prints how
 * fast that goes and under which conditions. It asserts nothing about time; a pass count below the task count is
 * reported (and sets a non-zero exit code) because it means the scorer is wrong, not slow.
 *
 *   npm run bench:scorer [-- path/to/HumanEval.jsonl.gz] [--concurrency N] [--sandbox auto|bubblewrap|container|none]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { sandboxSummary } from '../src/core/bench/isolation/describe';
import { parseSandboxChoice, resolveSandbox } from '../src/core/bench/isolation/resolve';
import { limitsFor } from '../src/core/bench/isolation/types';
import { Semaphore } from '../src/core/bench/pool';
import { DEFAULT_OUTPUT_CAP } from '../src/core/bench/sandbox';
import { scoreAnswer } from '../src/core/bench/scorer';
import { loadSuite } from '../src/core/bench/suites/load';
import type { CodeTask, ScoreKind } from '../src/core/bench/types';

/** ../shared beside the repository (CI), else /work/shared (worktrees live one level deeper). */
function defaultDataset(): string {
  const beside = join(__dirname, '..', '..', 'shared', 'datasets', 'HumanEval.jsonl.gz');
  return existsSync(beside) ? beside : '/work/shared/datasets/HumanEval.jsonl.gz';
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const ci = args.indexOf('--concurrency');
  const concurrency = ci >= 0 ? Number(args[ci + 1]) : cpus().length;
  const si = args.indexOf('--sandbox');
  const isolation = await resolveSandbox(parseSandboxChoice(si >= 0 ? args[si + 1] : 'auto', '--sandbox'));
  const path = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--concurrency' && args[i - 1] !== '--sandbox') ?? defaultDataset();
  if (!existsSync(path)) {
    process.stderr.write(`HumanEval dataset not found at ${path}; pass its path as the first argument.\n`);
    return 2;
  }
  const suite = await loadSuite(path);
  const tasks = suite.tasks.filter((t): t is CodeTask => t.kind === 'code' && t.reference !== undefined);
  const pool = new Semaphore(concurrency);
  const counts: Partial<Record<ScoreKind, number>> = {};
  const failures: string[] = [];
  const started = performance.now();
  await Promise.all(
    tasks.map((t) =>
      pool.run(async () => {
        // The canonical solution is a completion of the prompt, as a model's answer would be in a fenced block.
        const s = await scoreAnswer(t, '```python\n' + t.reference + '\n```', { isolation, timeoutMs: 10_000 });
        counts[s.kind] = (counts[s.kind] ?? 0) + 1;
        if (s.kind !== 'passed') failures.push(`${t.id}: ${s.kind} ${s.detail.split('\n').pop() ?? ''}`);
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const version = (cmd: string) => {
    try {
      return execFileSync(cmd, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      return 'not found';
    }
  };
  const out = [
    'Scorer benchmark: HumanEval canonical solutions',
    `  samples scored     ${tasks.length}`,
    `  passed             ${counts.passed ?? 0}/${tasks.length}  (${JSON.stringify(counts)})`,
    `  wall time          ${seconds.toFixed(2)} s`,
    `  throughput         ${(tasks.length / seconds).toFixed(1)} samples/s`,
    `  concurrency        ${concurrency}`,
    `  sandbox            ${sandboxSummary(isolation.info(limitsFor(10_000, DEFAULT_OUTPUT_CAP)))}`,
    'Conditions',
    `  CPU                ${cpus()[0]?.model.trim() ?? 'unknown'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `  node               ${process.version}`,
    `  python             ${version('python3')}`,
    `  dataset            ${path}`,
  ];
  process.stdout.write(out.join('\n') + '\n');
  if (failures.length) process.stdout.write(`Not passed:\n  ${failures.join('\n  ')}\n`);
  return failures.length ? 1 : 0;
}

main().then((code) => (process.exitCode = code));
