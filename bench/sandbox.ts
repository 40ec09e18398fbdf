/**
 * What the sandbox costs: the 164 HumanEval canonical solutions scored inside the best sandbox here and without
 * one, in the same process, alternating rounds (sandbox, none, sandbox, none) so drift on a shared machine hits
 * both sides. Prints throughput and per-sample times with the conditions; asserts nothing about time. A pass count
 * below 164 on either side is printed and sets exit code 1 (the scorer or the sandbox is wrong, not slow).
 *
 *   npm run bench:sandbox [-- path/to/HumanEval.jsonl.gz] [--concurrency N] [--rounds N]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { sandboxSummary } from '../src/core/bench/isolation/describe';
import { noIsolation } from '../src/core/bench/isolation/none';
import { resolveSandbox } from '../src/core/bench/isolation/resolve';
import { limitsFor, type Isolation } from '../src/core/bench/isolation/types';
import { Semaphore } from '../src/core/bench/pool';
import { DEFAULT_OUTPUT_CAP } from '../src/core/bench/sandbox';
import { scoreAnswer } from '../src/core/bench/scorer';
import { distribution } from '../src/core/bench/stats';
import { loadSuite } from '../src/core/bench/suites/load';
import type { CodeTask } from '../src/core/bench/types';

interface Round {
  kind: string;
  seconds: number;
  passed: number;
  sampleMs: number[];
}

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function defaultDataset(): string {
  const beside = resolve(__dirname, '..', '..', 'shared', 'datasets', 'HumanEval.jsonl.gz');
  return existsSync(beside) ? beside : '/work/shared/datasets/HumanEval.jsonl.gz';
}

async function round(tasks: CodeTask[], isolation: Isolation, concurrency: number): Promise<Round> {
  const pool = new Semaphore(concurrency);
  const sampleMs: number[] = [];
  let passed = 0;
  const started = performance.now();
  await Promise.all(
    tasks.map((t) =>
      pool.run(async () => {
        const s = await scoreAnswer(t, '```python\n' + t.reference + '\n```', { isolation, timeoutMs: 10_000 });
        sampleMs.push(s.durationMs);
        if (s.kind === 'passed') passed++;
      }),
    ),
  );
  return { kind: isolation.kind, seconds: (performance.now() - started) / 1000, passed, sampleMs };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const concurrency = flag(args, '--concurrency', cpus().length);
  const rounds = flag(args, '--rounds', 2);
  const path = args.find((a, i) => !a.startsWith('--') && !['--concurrency', '--rounds'].includes(args[i - 1])) ?? defaultDataset();
  if (!existsSync(path)) {
    process.stderr.write(`HumanEval dataset not found at ${path}; pass its path as the first argument.\n`);
    return 2;
  }
  const sandbox = await resolveSandbox('auto');
  const tasks = (await loadSuite(path)).tasks.filter((t): t is CodeTask => t.kind === 'code' && t.reference !== undefined);
  const results: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    results.push(await round(tasks, sandbox, concurrency));
    results.push(await round(tasks, noIsolation, concurrency));
  }
  const side = (kind: string) => {
    const rs = results.filter((x) => x.kind === kind);
    const seconds = rs.reduce((s, x) => s + x.seconds, 0);
    const all = rs.flatMap((x) => x.sampleMs);
    return { rate: (rs.length * tasks.length) / seconds, median: distribution(all).median, passed: rs.map((x) => `${x.passed}/${tasks.length}`).join(', '), rounds: rs.map((x) => (tasks.length / x.seconds).toFixed(1)).join(', ') };
  };
  const inside = side(sandbox.kind);
  const outside = side('none');
  const version = (cmd: string) => {
    try {
      return execFileSync(cmd, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      return 'not found';
    }
  };
  const line = (label: string, s: ReturnType<typeof side>) =>
    `  ${label.padEnd(22)} ${s.rate.toFixed(1).padStart(6)} samples/s (rounds: ${s.rounds}); median per sample ${s.median ?? '–'} ms; passed ${s.passed}`;
  const out = [
    'Sandbox cost: HumanEval canonical solutions, scored inside vs outside the sandbox in one run',
    line(`inside (${sandbox.kind})`, inside),
    line('outside (none)', outside),
    `  cost                   ${(((outside.rate - inside.rate) / outside.rate) * 100).toFixed(0)}% fewer samples/s inside; +${(inside.median ?? 0) - (outside.median ?? 0)} ms median per sample`,
    'Conditions',
    `  sandbox                ${sandboxSummary(sandbox.info(limitsFor(10_000, DEFAULT_OUTPUT_CAP)))}`,
    `  rounds                 ${rounds} per side, alternating (sandbox first); ${tasks.length} samples per round; concurrency ${concurrency}`,
    `  per-sample time        the scorer's own clock: spawn to exit of the sandbox (or interpreter), performance.now()`,
    `  CPU                    ${cpus()[0]?.model.trim() ?? 'unknown'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min, at the end)`,
    `  node / python          ${process.version} / ${version('python3')}`,
    `  dataset                ${join(path)}`,
  ];
  process.stdout.write(out.join('\n') + '\n');
  const complete = results.every((r) => r.passed === tasks.length);
  return complete ? 0 : 1;
}

main().then((code) => (process.exitCode = code));
