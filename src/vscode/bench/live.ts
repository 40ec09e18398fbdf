/**
 * The report as it stands during a run, built from the run's events with the same core pieces as the final
 * report (summaries, settings, scoring note), so the view shows the same tables filling in. Model facts that only
 * the run knows (digests, server versions) arrive with the final report.
 */
import { buildReport } from '../../core/bench/report';
import { benchSettings, type BenchOptions } from '../../core/bench/run';
import { machineInfo, toolVersion } from '../../core/bench/manifest';
import { limitsFor } from '../../core/bench/isolation/types';
import { DEFAULT_OUTPUT_CAP } from '../../core/bench/sandbox';
import type { BenchEvent, BenchReport, FeatureRow, Manifest, Sample, WarmupRecord } from '../../core/bench/types';

export class LiveReport {
  private readonly samples: Sample[] = [];
  private readonly warmups: WarmupRecord[] = [];
  private features: FeatureRow[] = [];
  private readonly date = new Date();

  private constructor(
    private readonly options: BenchOptions,
    private readonly machine: Manifest['machine'],
  ) {}

  /** No process probes here: the live view must not wait for them (the final report has the real ones). */
  static async start(options: BenchOptions): Promise<LiveReport> {
    return new LiveReport(options, await machineInfo(async () => null, false));
  }

  /** Samples resumed from the results file: the run reports them as a count only. */
  seed(samples: readonly Sample[]): void {
    this.samples.push(...samples);
  }

  add(e: BenchEvent): void {
    if (e.type === 'sample') this.samples.push(e.sample);
    if (e.type === 'warmup') this.warmups.push(e.warmup);
    if (e.type === 'start' || e.type === 'sample') this.features = e.features;
  }

  snapshot(): BenchReport {
    const o = this.options;
    const report = buildReport({
      suite: o.suite,
      models: o.models,
      infos: [],
      samples: [...this.samples],
      settings: benchSettings(o),
      warmups: [...this.warmups],
      incomplete: true,
      date: this.date,
      machine: this.machine,
      toolVersion,
      server: { ollamaVersion: null, huggingfaceProvider: o.huggingfaceProvider ?? null },
      sandbox: o.execute && o.sandbox ? o.sandbox.info(limitsFor(benchSettings(o).timeoutMs, DEFAULT_OUTPUT_CAP)) : null,
    });
    return { ...report, features: this.features };
  }
}
