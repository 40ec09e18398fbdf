/**
 * A benchmark run: every task × model × repeat, streamed to the results file as samples complete, with progress
 * events and a live feature table. Each model has one lane (at most one generation in flight per model: Ollama
 * serialises a model's requests, so a second one would only measure queueing); `concurrency` caps how many lanes
 * generate at once, and sequential mode is concurrency 1. Scoring runs in its own pool (one per core).
 */
import { unknownModelInfo } from '../providers/model-info';
import { cpus } from 'node:os';
import { startComparison } from '../compare/run';
import { monotonicClock } from '../compare/metrics';
import type { Clock, RunMode, SlotResult } from '../compare/types';
import { EventQueue } from '../compare/queue';
import type { ResolvedModel } from '../providers/registry';
import type { GenerateRequest, ModelInfo } from '../providers/types';
import { machineInfo, serverFacts, toolVersion, type ProbeFn } from './manifest';
import { Semaphore } from './pool';
import { buildTaskPrompt } from './prompt';
import { buildReport, featureTable, summaries } from './report';
import { readResults, ResultsWriter, sampleKey } from './results-file';
import { resolveSandbox } from './isolation/resolve';
import { limitsFor, type Isolation } from './isolation/types';
import { DEFAULT_OUTPUT_CAP, DEFAULT_TIMEOUT_MS, type SpawnFn } from './sandbox';
import { scoreAnswer } from './scorer';
import type { BenchEvent, BenchReport, BenchSettings, BenchTask, Progress, Sample, Suite, WarmupRecord } from './types';

export const DEFAULT_TEMPERATURE = 0.2;
export const DEFAULT_SEED = 42;

export interface BenchOptions {
  suite: Suite;
  models: ResolvedModel[];
  repeats?: number;
  /** Generations per model before measuring (first task's prompt); discarded, listed in the manifest. */
  warmup?: number;
  mode?: RunMode;
  temperature?: number;
  /** null = do not send a seed. */
  seed?: number | null;
  maxTokens?: number;
  /** Models generating at once (parallel mode); default all. Sequential mode forces 1. */
  concurrency?: number;
  /** Run answers' code against the tests. Runs model-written code on this machine: only on the user's request. */
  execute?: boolean;
  /** Where that code runs (`resolveSandbox`); when absent, the best available (`auto`), and the run fails if none is. */
  sandbox?: Isolation;
  timeoutMs?: number;
  scoreConcurrency?: number;
  /** JSONL file: appended per sample, read first to skip samples already done. */
  resultsPath?: string;
  signal?: AbortSignal;
  clock?: Clock;
  now?: () => Date;
  spawn?: SpawnFn;
  /** Environment the sandbox copies PATH/LANG from (default process.env). */
  env?: Record<string, string | undefined>;
  probe?: ProbeFn;
  /** The configured HF provider, for the manifest when the provider does not report the one it used. */
  huggingfaceProvider?: string | null;
}

export interface BenchRun {
  /** Events in order: one `start`, then `warmup` / `sample` events; ends when the run ends. Iterate once. */
  readonly events: AsyncIterable<BenchEvent>;
  /** The report, also when stopped (then `manifest.incomplete`). Rejects only on unusable options or results file. */
  readonly done: Promise<BenchReport>;
}

export function startBench(options: BenchOptions): BenchRun {
  const queue = new EventQueue<BenchEvent>();
  const done = runBench(options, (e) => queue.push(e)).finally(() => queue.close());
  return { events: queue, done };
}

export function benchSettings(o: BenchOptions): BenchSettings {
  const mode = o.mode ?? 'parallel';
  return {
    repeats: o.repeats ?? 1,
    warmup: o.warmup ?? 0,
    mode,
    temperature: o.temperature ?? DEFAULT_TEMPERATURE,
    seed: o.seed === undefined ? DEFAULT_SEED : o.seed,
    maxTokens: o.maxTokens ?? null,
    concurrency: mode === 'sequential' ? 1 : Math.min(o.concurrency ?? o.models.length, Math.max(1, o.models.length)),
    execute: o.execute ?? false,
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    suite: { name: o.suite.name, size: o.suite.tasks.length },
  };
}

interface Job {
  task: BenchTask;
  repeat: number;
}

async function runBench(o: BenchOptions, emit: (e: BenchEvent) => void): Promise<BenchReport> {
  const settings = benchSettings(o);
  if (!Number.isInteger(settings.repeats) || settings.repeats < 1) throw new RangeError('repeats must be a whole number ≥ 1.');
  if (!Number.isInteger(settings.warmup) || settings.warmup < 0) throw new RangeError('warmup must be a whole number ≥ 0.');
  const clock = o.clock ?? monotonicClock;
  const signal = o.signal;
  const startedAt = clock();
  // Before anything else: a run that is to execute code and has nowhere safe to do it must not start.
  const isolation = settings.execute ? o.sandbox ?? (await resolveSandbox('auto')) : null;
  const existing = o.resultsPath ? await readResults(o.resultsPath) : new Map<string, Sample>();
  const writer = o.resultsPath ? new ResultsWriter(o.resultsPath) : null;
  const [infos, machine] = await Promise.all([
    Promise.all(o.models.map((m) => describeSafely(m, signal))),
    machineInfo(o.probe, settings.execute),
  ]);

  // Repeat-major order: a run stopped early has every task once before any task twice.
  const samples = new Map<string, Sample>();
  const lanes = o.models.map((m) => {
    const jobs: Job[] = [];
    for (let repeat = 0; repeat < settings.repeats; repeat++) {
      for (const task of o.suite.tasks) {
        const prev = existing.get(sampleKey(task.id, m.slot.id, repeat));
        // A sample whose generation failed is run again: resuming after an outage should fill the gaps.
        if (prev && prev.error === null) samples.set(sampleKey(task.id, m.slot.id, repeat), prev);
        else jobs.push({ task, repeat });
      }
    }
    return { model: m, jobs };
  });
  const total = o.models.length * o.suite.tasks.length * settings.repeats;
  const resumed = samples.size;
  let finishedThisRun = 0;
  const progress = (): Progress => {
    const elapsedMs = Math.round(clock() - startedAt);
    const remaining = total - resumed - finishedThisRun;
    return {
      done: resumed + finishedThisRun,
      total,
      resumed,
      elapsedMs,
      etaMs: finishedThisRun > 0 ? Math.round((elapsedMs / finishedThisRun) * remaining) : remaining === 0 ? 0 : null,
    };
  };
  const liveFeatures = () => featureTable(infos, summaries(o.models, [...samples.values()], o.suite, settings));
  emit({ type: 'start', progress: progress(), features: liveFeatures() });

  const generation = new Semaphore(settings.concurrency);
  const scoring = new Semaphore(o.scoreConcurrency ?? Math.max(1, cpus().length));
  const overrides: Pick<GenerateRequest, 'maxTokens' | 'temperature' | 'seed'> = {
    temperature: settings.temperature,
    ...(settings.seed !== null ? { seed: settings.seed } : {}),
    ...(settings.maxTokens !== null ? { maxTokens: settings.maxTokens } : {}),
  };
  const generate = (m: ResolvedModel, task: BenchTask): Promise<SlotResult | null> =>
    generation.run(async () => {
      if (signal?.aborted) return null;
      const cmp = startComparison({ prompt: buildTaskPrompt(task), models: [m], signal, clock, overrides });
      const result = (await cmp.done).results[0];
      // A generation cut short by Stop is not a sample: it is not written and will run again on resume.
      return result.error?.kind === 'cancelled' && signal?.aborted ? null : result;
    });

  const warmups: WarmupRecord[] = [];
  const pending: Promise<void>[] = [];
  const finish = async (m: ResolvedModel, job: Job, result: SlotResult) => {
    let score: Sample['score'] = null;
    if (isolation && job.task.kind === 'code' && result.error === null) {
      const task = job.task;
      score = await scoring.run(() =>
        signal?.aborted ? Promise.resolve(null) : scoreAnswer(task, result.text, { isolation, timeoutMs: settings.timeoutMs, spawn: o.spawn, env: o.env, signal }),
      );
      if (score === null || (signal?.aborted && score.detail === 'Cancelled.')) return;
    }
    const sample: Sample = {
      taskId: job.task.id,
      modelId: m.slot.id,
      repeat: job.repeat,
      finishedAt: (o.now ?? (() => new Date()))().toISOString(),
      text: result.text,
      error: result.error ? { kind: result.error.kind, message: result.error.message } : null,
      metrics: result.metrics,
      finishReason: result.finishReason,
      score,
    };
    await writer?.append(sample);
    samples.set(sampleKey(sample.taskId, sample.modelId, sample.repeat), sample);
    finishedThisRun++;
    emit({ type: 'sample', sample, progress: progress(), features: liveFeatures() });
  };

  await Promise.all(
    lanes.map(async ({ model, jobs }) => {
      if (jobs.length === 0) return;
      for (let i = 0; i < settings.warmup && !signal?.aborted; i++) {
        const r = await generate(model, jobs[0].task);
        if (r === null) break;
        const w: WarmupRecord = { modelId: model.slot.id, index: i, totalMs: r.metrics.totalMs, error: r.error?.message ?? null };
        warmups.push(w);
        emit({ type: 'warmup', warmup: w });
      }
      for (const job of jobs) {
        if (signal?.aborted) break;
        const r = await generate(model, job.task);
        if (r === null) break;
        pending.push(finish(model, job, r));
      }
    }),
  );
  await Promise.all(pending);
  await writer?.flush();

  const ordered = orderedSamples(o, settings.repeats, samples);
  return buildReport({
    suite: o.suite,
    models: o.models,
    infos,
    samples: ordered,
    settings,
    warmups,
    incomplete: ordered.length < total,
    date: (o.now ?? (() => new Date()))(),
    machine,
    toolVersion,
    server: serverFacts(infos, o.huggingfaceProvider ?? null),
    sandbox: isolation ? isolation.info(limitsFor(settings.timeoutMs, DEFAULT_OUTPUT_CAP)) : null,
  });
}

function orderedSamples(o: BenchOptions, repeats: number, samples: Map<string, Sample>): Sample[] {
  const out: Sample[] = [];
  for (let r = 0; r < repeats; r++)
    for (const t of o.suite.tasks)
      for (const m of o.models) {
        const s = samples.get(sampleKey(t.id, m.slot.id, r));
        if (s) out.push(s);
      }
  return out;
}

/** `describe` must not throw by contract; this guards the run against a provider that does anyway. */
async function describeSafely(m: ResolvedModel, signal?: AbortSignal): Promise<ModelInfo> {
  try {
    return await m.provider.describe(m.slot, signal);
  } catch (e) {
    return unknownModelInfo(m.slot, e instanceof Error ? e.message : String(e));
  }
}
