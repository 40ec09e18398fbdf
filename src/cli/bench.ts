/**
 * `llm-compare bench`: suites × models × repeats, results appended to a JSONL file as they come (re-run the same
 * command to resume), reports by --out extension. Exit 0 all generations ok, 1 a generation failed or the run was
 * stopped (results kept), 2 bad usage.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { exportReport, formatForPath, type ExportFormat } from '../core/bench/export';
import { sandboxSummary } from '../core/bench/isolation/describe';
import { parseSandboxChoice, resolveSandbox, UNSANDBOXED_RISK } from '../core/bench/isolation/resolve';
import { limitsFor, SandboxUnavailableError, type Isolation } from '../core/bench/isolation/types';
import { DEFAULT_OUTPUT_CAP } from '../core/bench/sandbox';
import { toMarkdown } from '../core/bench/export/markdown';
import { startBench } from '../core/bench/run';
import { loadSuite } from '../core/bench/suites/load';
import type { Suite } from '../core/bench/types';
import { isLlmError } from '../core/providers/errors';
import { redact } from '../core/redact';
import { visibleControls } from '../core/terminal';
import { validateMaxTokens, validateTemperature } from '../core/settings';
import { withPreference } from '../core/judge/preference';
import { loadVotes } from './votes';
import { CONTEXT_OPTIONS, contextFlags, idList, numberFlag, oneOf, parse, UsageError } from './args';
import { BenchProgress } from './bench-progress';
import type { CliContext, ContextResolver } from './context';
import { startEngineIfUsed } from './engine-use';
import type { CliIO } from './io';

export const BENCH_USAGE = `Usage: llm-compare bench [options]
  --suite builtin|humaneval|FILE  builtin (23 Python + JavaScript tasks, default); humaneval (HumanEval.jsonl.gz in
                            the current folder or ../shared/datasets); a .jsonl/.jsonl.gz in HumanEval format;
                            your own prompts (timed only): .json {"prompts": ["..."]} or text separated by "---" lines
  --models id1,id2          which configured models (default: all)
  --repeats N               samples per task and model (default 1; pass@k needs k ≤ N)
  --warmup N                discarded generations per model before measuring (default 0)
  --mode parallel|sequential  models at once (default) or one generation at a time
  --concurrency N           models generating at once in parallel mode (default: all)
  --temperature T --seed S  sampling (defaults 0.2 and 42; the seed where the provider supports it)
  --max-tokens N            override every model's max tokens
  --limit N                 only the first N tasks
  --execute                 score answers by RUNNING MODEL-WRITTEN CODE (python3 / node, minimal environment, time
                            limit) in a sandbox. Without it, code tasks are timed only.
  --sandbox KIND            where executed code runs: auto (default: the best available), bubblewrap, container,
                            sandbox-exec, or none (NO isolation: the code gets your files and network)
  --timeout-ms N            time limit per program (default 10000)
  --out FILE                report, format by extension: .json .csv .md .html (repeatable). Results stream to
                            FILE.results.jsonl beside the first one; re-run the same command to resume.
  --results FILE.jsonl      results file (default: from the first --out; none without --out)
  --votes FILE              blind votes exported from VS Code: adds a "Human preference" column beside pass@1
  --config file.json  --ollama-host URL  --hf-endpoint URL  --hf-provider NAME`;

const OPTIONS = {
  ...CONTEXT_OPTIONS,
  suite: { type: 'string' },
  models: { type: 'string' },
  repeats: { type: 'string' },
  warmup: { type: 'string' },
  mode: { type: 'string' },
  concurrency: { type: 'string' },
  temperature: { type: 'string' },
  seed: { type: 'string' },
  'max-tokens': { type: 'string' },
  limit: { type: 'string' },
  execute: { type: 'boolean' },
  sandbox: { type: 'string' },
  'timeout-ms': { type: 'string' },
  out: { type: 'string', multiple: true },
  results: { type: 'string' },
  votes: { type: 'string' },
} as const;

export async function benchCommand(args: string[], io: CliIO, context: ContextResolver): Promise<number> {
  // The built-in engine, when a llamacpp model is benchmarked, stops whichever way the run ends.
  const contexts: CliContext[] = [];
  const remembered: ContextResolver = async (flags) => {
    const ctx = await context(flags);
    contexts.push(ctx);
    return ctx;
  };
  try {
    return await bench(args, io, remembered);
  } catch (e) {
    if (e instanceof UsageError || (isLlmError(e) && e.kind === 'config') || e instanceof RangeError) {
      io.stderr.write(`llm-compare: ${visibleControls(redact(e.message))}\n${BENCH_USAGE}\n`);
      return 2;
    }
    throw e;
  } finally {
    for (const ctx of contexts) await ctx.engine?.stop();
  }
}

async function bench(args: string[], io: CliIO, context: ContextResolver): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const whole = (flag: string, v: unknown, min: number) => {
    const n = numberFlag(v, flag);
    if (n !== undefined && (!Number.isInteger(n) || n < min)) throw new UsageError(`${flag} must be a whole number ≥ ${min} (got ${String(v)}).`);
    return n;
  };
  const repeats = whole('--repeats', values.repeats, 1) ?? 1;
  const warmup = whole('--warmup', values.warmup, 0) ?? 0;
  const concurrency = whole('--concurrency', values.concurrency, 1);
  const limit = whole('--limit', values.limit, 1);
  const seed = whole('--seed', values.seed, 0);
  const timeoutMs = whole('--timeout-ms', values['timeout-ms'], 100) ?? 10_000;
  const mode = oneOf(values.mode, ['parallel', 'sequential'] as const, '--mode', 'parallel');
  const t = numberFlag(values.temperature, '--temperature');
  const temperature = t === undefined ? undefined : validateTemperature(t, '--temperature');
  const mt = numberFlag(values['max-tokens'], '--max-tokens');
  const maxTokens = mt === undefined ? undefined : validateMaxTokens(mt, '--max-tokens');
  const outs = (values.out ?? []).map((p) => {
    const format = formatForPath(p);
    if (!format) throw new UsageError(`--out ${p}: the extension must be .json, .csv, .md or .html.`);
    return { path: resolve(p), format };
  });
  const resultsPath = values.results ? resolve(values.results) : outs[0] ? outs[0].path.replace(/\.[^./\\]+$/, '') + '.results.jsonl' : undefined;

  let suite = await loadSuite(values.suite ?? 'builtin', { humanEvalPath: findHumanEval() });
  if (limit !== undefined) suite = { ...suite, tasks: suite.tasks.slice(0, limit) } satisfies Suite;
  const ctx = await context(contextFlags(values));
  const { settings, registry } = ctx;
  const models = registry.select(idList(values.models));
  await startEngineIfUsed(ctx, models, io);
  const execute = values.execute === true;
  const hasCode = suite.tasks.some((x) => x.kind === 'code');
  let sandbox: Isolation | undefined;
  if (execute && hasCode) {
    const choice = parseSandboxChoice(values.sandbox, '--sandbox');
    try {
      sandbox = await resolveSandbox(choice);
    } catch (e) {
      if (!(e instanceof SandboxUnavailableError)) throw e;
      io.stderr.write(`llm-compare: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(
      sandbox.kind === 'none'
        ? `WARNING: --sandbox none. ${UNSANDBOXED_RISK}\n`
        : `Scoring by running model-written code in a sandbox: ${sandboxSummary(sandbox.info(limitsFor(timeoutMs, DEFAULT_OUTPUT_CAP)))}.\n`,
    );
  } else if (hasCode) {
    io.stderr.write('Code is not executed: answers are timed only and quality is not scored. Add --execute to score them (runs model-written code).\n');
  }
  if (resultsPath) io.stderr.write(`Results: ${resultsPath} (re-run the same command to resume)\n`);

  const hf = settings.huggingface;
  const run = startBench({
    suite, models, repeats, warmup, mode, concurrency, temperature, seed, maxTokens, execute, sandbox, timeoutMs, resultsPath,
    signal: io.signal,
    env: io.env,
    huggingfaceProvider: hf.endpointUrl ? 'endpoint' : hf.provider,
  });
  const progress = new BenchProgress(io);
  try {
    for await (const e of run.events) progress.update(e);
  } finally {
    progress.finish();
  }
  const report = values.votes ? withPreference(await run.done, await loadVotes(values.votes, io)) : await run.done;

  let exportFailed = false;
  for (const o of outs) {
    try {
      await mkdir(dirname(o.path), { recursive: true });
      await writeFile(o.path, exportReport(report, o.format as ExportFormat), 'utf8');
      io.stdout.write(`Wrote ${o.path}\n`);
    } catch (e) {
      // One report that cannot be written (e.g. the HTML renderer is not built) must not lose the others.
      exportFailed = true;
      io.stderr.write(`llm-compare: cannot write ${o.path}: ${visibleControls(redact(e instanceof Error ? e.message : String(e)))}\n`);
    }
  }
  if (outs.length === 0) io.stdout.write(visibleControls(toMarkdown(report)));

  const failed = report.samples.filter((s) => s.error !== null).length;
  if (report.manifest.incomplete) {
    const where = resultsPath ? ` Kept ${report.samples.length} samples in ${resultsPath}; run the same command again to resume.` : '';
    io.stderr.write(`Stopped before the end: ${report.samples.length} of ${suite.tasks.length * models.length * repeats} samples.${where}\n`);
    return 1;
  }
  if (failed > 0 || exportFailed) {
    if (failed > 0) io.stderr.write(`${failed} generation(s) failed; see the error column of the report.\n`);
    return 1;
  }
  return 0;
}

/** `--suite humaneval`: the dataset in the current folder, or in ../shared/datasets (this project's checkout layout). */
function findHumanEval(): string | undefined {
  const names = ['HumanEval.jsonl.gz', 'HumanEval.jsonl'];
  for (const dir of [process.cwd(), join(process.cwd(), '..', 'shared', 'datasets')]) {
    for (const n of names) if (existsSync(join(dir, n))) return join(dir, n);
  }
  return undefined;
}
