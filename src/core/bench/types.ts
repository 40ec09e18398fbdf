/**
 * Shapes of a benchmark: tasks, samples, scores, progress events and the report. The JSON report (`--out x.json`)
 * is these shapes serialised: change field names only with care, the HTML renderer and the VS Code view read them.
 */
import type { ErrorKind } from '../providers/errors';
import type { ModelInfo, ProviderKind } from '../providers/types';
import type { RunMetrics, RunMode } from '../compare/types';
import type { SandboxInfo, SandboxKind } from './isolation/types';

export type TaskLanguage = 'python' | 'javascript';
export type Difficulty = 'easy' | 'medium' | 'hard';

/**
 * One task. `code` tasks have hidden tests and can be scored by running them; `prompt` tasks (a user's own
 * prompts) are timed only.
 */
export type BenchTask = CodeTask | PromptTask;

import type { PriceSource } from '../cost/price';

export interface CodeTask {
  kind: 'code';
  id: string;
  language: TaskLanguage;
  /** What the model is shown (wrapped by `buildTaskPrompt`). HumanEval: the signature + docstring. */
  prompt: string;
  entryPoint: string;
  /** Defines `check(candidate)`; the scorer appends `check(<entryPoint>)`. Never shown to the model. */
  tests: string;
  /** `builtin`: the answer must be a whole function. `humaneval`: the answer may be a completion of `prompt`. */
  style: 'builtin' | 'humaneval';
  difficulty?: Difficulty;
  /** A known-good answer, used only by tests and the scorer benchmark. */
  reference?: string;
}

export interface PromptTask {
  kind: 'prompt';
  id: string;
  prompt: string;
}

export interface Suite {
  name: string;
  tasks: BenchTask[];
}

/** How running a sample's code went. `no-code`: nothing that looks like code in the answer. */
export type ScoreKind = 'passed' | 'failed' | 'error' | 'timeout' | 'no-code';

export interface Score {
  kind: ScoreKind;
  /** The assertion message or the last lines of stderr; empty when passed. */
  detail: string;
  durationMs: number;
  /** The isolation the code ran in (absent when nothing ran, e.g. no-code). */
  sandbox?: SandboxKind;
}

/** One generation of one task by one model; appended to the results JSONL as soon as it is complete. */
export interface Sample {
  taskId: string;
  modelId: string;
  /** 0-based repeat index. */
  repeat: number;
  /** Wall-clock ISO time the sample finished. */
  finishedAt: string;
  text: string;
  error: { kind: ErrorKind; message: string } | null;
  metrics: RunMetrics;
  /** As the server said it; `length` = the answer stopped at the token limit. Absent in older results files. */
  finishReason?: string | null;
  /** null when not scored: execution off, prompt-only task, or the generation failed. */
  score: Score | null;
}

export interface Progress {
  /** Samples finished, including those resumed from the results file. */
  done: number;
  total: number;
  /** Of `done`, how many came from the results file. */
  resumed: number;
  elapsedMs: number;
  /** Estimated remaining time from this run's pace; null until one sample finished. */
  etaMs: number | null;
}

export interface WarmupRecord {
  modelId: string;
  index: number;
  totalMs: number | null;
  error: string | null;
}

export type BenchEvent =
  | { type: 'start'; progress: Progress; features: FeatureRow[] }
  | { type: 'warmup'; warmup: WarmupRecord }
  | { type: 'sample'; sample: Sample; progress: Progress; features: FeatureRow[] }
  | { type: 'progress'; progress: Progress };

export interface Distribution {
  median: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  mean: number | null;
  count: number;
}

export interface ModelSummary {
  id: string;
  model: string;
  label: string;
  provider: ProviderKind;
  samples: number;
  /** Samples whose generation failed, by error kind. */
  errors: Partial<Record<ErrorKind, number>>;
  ttftMs: Distribution;
  totalMs: Distribution;
  tokensPerSecond: Distribution;
  chars: Distribution;
  outputTokens: Distribution;
  /** Samples that were run against tests (generation failures count as scored and not passed). */
  scored: number;
  passed: number;
  /** passed / scored; null when nothing was scored. */
  passRate: number | null;
  /** Mean over tasks of c/n; null when nothing was scored. */
  passAt1: number | null;
  /** k → unbiased pass@k averaged over tasks, for every k ≤ the smallest per-task sample count. */
  passAtK: Record<string, number>;
  /**
   * Scored samples by outcome (`generation-error` when no answer came back; `truncated` when an answer that did
   * not pass had stopped at the token limit: cut short, not a wrong model answer of the same kind).
   */
  outcomes: Partial<Record<ScoreKind | 'generation-error' | 'truncated', number>>;
  /** Samples (scored or not) whose answer stopped at the token limit. */
  truncated: number;
  /**
   * US dollars over every sample (price × the server's token counts); null when any sample's cost is unknown (no
   * price, or an estimated token count) — a partial sum would read as the whole bill.
   */
  costUsd?: number | null;
  /** costUsd / samples: what one answer to a task cost on average. */
  costPerTaskUsd?: number | null;
  /** costUsd / passed samples: what one passing answer cost; null when nothing passed or nothing was scored. */
  costPerPassUsd?: number | null;
  /** Where the price came from (the first sample's); null = no price known. */
  priceSource?: PriceSource | null;
  /** Human preference from blind votes in the comparison panel, when this model has any (see judge/). */
  preference?: HumanPreference | null;
}

export interface HumanPreference {
  votes: number;
  /** Bradley–Terry rating (1000 = the voted models' average) and its 95 % bootstrap interval; null without outcomes. */
  rating: number | null;
  low: number | null;
  high: number | null;
  /** False below the leaderboard's minimum vote count: show "not enough votes yet". */
  enough: boolean;
}

export interface FeatureRow {
  id: string;
  label: string;
  provider: ProviderKind;
  location: 'online' | 'local';
  parameters: string | null;
  quantization: string | null;
  sizeBytes: number | null;
  contextWindow: number | null;
  needsInternet: boolean;
  needsApiKey: boolean;
  streaming: boolean;
  medianTotalMs: number | null;
  medianTtftMs: number | null;
  medianTokensPerSecond: number | null;
  passAt1: number | null;
}

export interface BenchSettings {
  repeats: number;
  warmup: number;
  mode: RunMode;
  temperature: number;
  seed: number | null;
  maxTokens: number | null;
  concurrency: number;
  execute: boolean;
  timeoutMs: number;
  suite: { name: string; size: number };
}

export interface Manifest {
  date: string;
  toolVersion: string;
  models: Array<{
    id: string;
    label: string;
    provider: ProviderKind;
    model: string;
    digest: string | null;
    quantization: string | null;
    extra: Record<string, string>;
  }>;
  ollamaVersion: string | null;
  /** The Hugging Face inference provider as configured or reported ("auto", "together", an endpoint URL...). */
  huggingfaceProvider: string | null;
  machine: {
    cpu: string;
    cores: number;
    memoryBytes: number;
    os: string;
    gpu: string | null;
    node: string;
    python: string | null;
  };
  settings: BenchSettings;
  warmups: WarmupRecord[];
  /** True when the run was stopped before every sample finished. */
  incomplete: boolean;
  /** Why quality was or was not scored, in words for the reader. */
  scoringNote: string;
  /** The isolation that ran this run's samples and its limits; null when no code was executed. */
  sandbox: SandboxInfo | null;
}

export interface BenchReport {
  manifest: Manifest;
  summary: ModelSummary[];
  features: FeatureRow[];
  samples: Sample[];
}

/** The description of a model as the bench needs it (from `provider.describe`). */
export type DescribedModel = ModelInfo;
