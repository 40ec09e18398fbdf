/** Assembles the report (manifest, per-model summary, feature table, samples) from the run's parts. */
import type { ModelInfo } from '../providers/types';
import type { ResolvedModel } from '../providers/registry';
import { featureRow } from './features';
import type { SandboxInfo } from './isolation/types';
import { summarizeModel } from './stats';
import type { BenchReport, BenchSettings, FeatureRow, Manifest, ModelSummary, Sample, Suite, WarmupRecord } from './types';

export interface ReportParts {
  suite: Suite;
  models: ResolvedModel[];
  infos: ModelInfo[];
  samples: Sample[];
  settings: BenchSettings;
  warmups: WarmupRecord[];
  incomplete: boolean;
  date: Date;
  machine: Manifest['machine'];
  toolVersion: string;
  server: Pick<Manifest, 'ollamaVersion' | 'huggingfaceProvider'>;
  sandbox: SandboxInfo | null;
}

export function scoredTaskIds(suite: Suite, execute: boolean): Set<string> {
  return new Set(execute ? suite.tasks.filter((t) => t.kind === 'code').map((t) => t.id) : []);
}

export function summaries(models: ResolvedModel[], samples: readonly Sample[], suite: Suite, settings: BenchSettings): ModelSummary[] {
  const scored = scoredTaskIds(suite, settings.execute);
  return models.map((m) => summarizeModel(m, samples, { repeats: settings.repeats, scoredTaskIds: scored }));
}

export function featureTable(infos: readonly ModelInfo[], summary: readonly ModelSummary[]): FeatureRow[] {
  return infos.map((info) => featureRow(info, summary.find((s) => s.id === info.id)));
}

export function scoringNote(suite: Suite, settings: BenchSettings, sandbox: SandboxInfo | null = null): string {
  const code = suite.tasks.filter((t) => t.kind === 'code').length;
  if (code === 0) return 'Prompt-only suite: answers were timed only; there are no tests to score them against.';
  if (!settings.execute) {
    return 'Quality was NOT scored: the answers\u2019 code was not executed, so only timings are reported. To score pass@k, enable execution (CLI: --execute), which runs model-written code on this machine.';
  }
  const where = !sandbox
    ? 'This runs model-written code on this machine.'
    : sandbox.kind === 'none'
      ? 'The code ran WITHOUT a sandbox, as the user (chosen explicitly): it had the user\u2019s files and network.'
      : `The code ran in a sandbox (${sandbox.tool ?? sandbox.kind}): no network; ${sandbox.filesystem}.`;
  return `Quality scored by running each answer\u2019s code against the task\u2019s hidden tests (python3 / node, ${settings.timeoutMs} ms limit, minimal environment). ${where}`;
}

export function buildReport(p: ReportParts): BenchReport {
  const summary = summaries(p.models, p.samples, p.suite, p.settings);
  const manifest: Manifest = {
    date: p.date.toISOString(),
    toolVersion: p.toolVersion,
    models: p.models.map((m) => {
      const info = p.infos.find((i) => i.id === m.slot.id);
      return {
        id: m.slot.id,
        label: m.slot.label,
        provider: m.slot.provider,
        model: m.slot.model,
        digest: info?.digest ?? null,
        quantization: info?.quantization ?? null,
        extra: info?.extra ?? {},
      };
    }),
    ...p.server,
    machine: p.machine,
    settings: p.settings,
    warmups: p.warmups,
    incomplete: p.incomplete,
    scoringNote: scoringNote(p.suite, p.settings, p.sandbox),
    sandbox: p.sandbox,
  };
  return { manifest, summary, features: featureTable(p.infos, summary), samples: p.samples };
}
