/**
 * Where benchmark runs live on disk, under the extension's global storage:
 *   bench/runs/<key>.results.jsonl   samples of a run in progress or stopped (same choices = same key = resume)
 *   bench/reports/<stamp>.json       finished or stopped reports, the last KEEP_REPORTS of them
 * globalState holds only the index of reports (small), never the samples.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { readResults } from '../../core/bench/results-file';
import type { BenchReport, Suite } from '../../core/bench/types';
import type { RunMode } from '../../core/compare/types';
import type { ModelSlot } from '../../core/providers/types';
import { KEEP_REPORTS, STATE_BENCH_REPORTS } from './ids';

export interface ReportEntry {
  file: string;
  date: string;
  suite: string;
  models: string[];
  incomplete: boolean;
}

/** What makes two runs the same run: resuming mixes their samples, so everything that changes a sample counts. */
export interface RunIdentity {
  suite: Suite;
  slots: ModelSlot[];
  repeats: number;
  mode: RunMode;
  execute: boolean;
}

export class BenchStore {
  constructor(
    private readonly storageDir: string,
    private readonly state: vscode.Memento,
  ) {}

  resultsPath(run: RunIdentity): string {
    const key = createHash('sha256')
      .update(JSON.stringify([run.suite.name, run.suite.tasks.map((t) => t.id), run.slots, run.repeats, run.mode, run.execute]))
      .digest('hex')
      .slice(0, 16);
    return join(this.storageDir, 'bench', 'runs', `${key}.results.jsonl`);
  }

  /** Samples an earlier, stopped run with the same identity left behind (0 when none). */
  async resumable(run: RunIdentity): Promise<number> {
    return [...(await readResults(this.resultsPath(run))).values()].filter((s) => s.error === null).length;
  }

  /** A finished run's samples live on in its report; the next run with the same choices starts afresh. */
  async discardResults(run: RunIdentity): Promise<void> {
    await rm(this.resultsPath(run), { force: true });
  }

  entries(): ReportEntry[] {
    return this.state.get<ReportEntry[]>(STATE_BENCH_REPORTS, []);
  }

  async save(report: BenchReport): Promise<ReportEntry> {
    const dir = join(this.storageDir, 'bench', 'reports');
    await mkdir(dir, { recursive: true });
    const stamp = report.manifest.date.replace(/[:.]/g, '-');
    const file = join(dir, `${stamp}-${report.manifest.settings.suite.name.replace(/[^\w.-]+/g, '_')}.json`);
    await writeFile(file, JSON.stringify(report), 'utf8');
    const entry: ReportEntry = {
      file,
      date: report.manifest.date,
      suite: report.manifest.settings.suite.name,
      models: report.manifest.models.map((m) => m.id),
      incomplete: report.manifest.incomplete,
    };
    const all = [...this.entries().filter((e) => e.file !== file), entry];
    const dropped = all.slice(0, Math.max(0, all.length - KEEP_REPORTS));
    await this.state.update(STATE_BENCH_REPORTS, all.slice(-KEEP_REPORTS));
    await Promise.all(dropped.map((e) => rm(e.file, { force: true })));
    return entry;
  }

  /** The newest report that can still be read (a deleted file is skipped, not fatal). */
  async latest(): Promise<BenchReport | undefined> {
    for (const e of [...this.entries()].reverse()) {
      try {
        return JSON.parse(await readFile(e.file, 'utf8')) as BenchReport;
      } catch {
        // removed by hand or storage cleared: try the one before
      }
    }
    return undefined;
  }
}
