/**
 * The benchmark in VS Code: "Run benchmark", "Stop benchmark", "Open last benchmark report" and "Export benchmark
 * report", around the core benchmark (src/core/bench). Returns one Disposable for all of it.
 */
import { withPreference } from '../../core/judge/preference';
import type { Vote } from '../../core/judge/votes';
import * as vscode from 'vscode';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/bench/export';
import type { BenchReport } from '../../core/bench/types';
import type { SurfaceHost } from '../host';
import type { Services } from '../services';
import { saveReport } from './export';
import { BENCH_REPORT_VIEW_TYPE, BenchCommands } from './ids';
import { BenchRunner, finalStatus } from './runner';
import { BenchStore } from './store';
import { BenchReportView } from './view';

/** The export command's argument (all optional): without `target` a save dialog asks where. */
export interface ExportRequest {
  format?: ExportFormat;
  target?: vscode.Uri;
}

export function registerBenchmark(services: Services, votes: { all(): Vote[] } | undefined, host: SurfaceHost): vscode.Disposable {
  const { context } = services;
  const store = new BenchStore(context.globalStorageUri.fsPath, context.globalState);

  const exportReport = async (report: BenchReport, format: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> => {
    try {
      const uri = await saveReport(report, format, context.extensionUri, target);
      if (uri) void vscode.window.showInformationMessage(`Benchmark report saved: ${uri.fsPath}`);
      return uri;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      services.log.error(`Benchmark export: ${message}`);
      void vscode.window.showErrorMessage(`Could not export the benchmark report: ${message}`);
      return undefined;
    }
  };
  // The report tab (and what it exports) shows human preference beside pass@1 where blind votes exist.
  const view = new BenchReportView(context.extensionUri, (report, format) => exportReport(report, format), (report) => (votes ? withPreference(report, votes.all()) : report));
  const runner = new BenchRunner(services, store, view);

  const present = (report: BenchReport, reveal: boolean): void => {
    // While a run goes on, the view already shows it live: just bring it forward.
    if (!runner.running) view.show(() => report, finalStatus(report), { reveal });
    else view.show(() => view.report ?? report, { state: 'running', text: 'Running…' }, { live: true, reveal });
  };

  const openLast = async (): Promise<BenchReport | undefined> => {
    const report = view.report ?? (await store.latest());
    if (!report) {
      void vscode.window.showInformationMessage('No benchmark report yet: run "LLM Compare: Run benchmark" first.');
      return undefined;
    }
    present(report, true);
    return report;
  };

  // A window reload would otherwise leave an empty tab behind. The report comes from the store, not from the
  // webview's state: reports can be megabytes, and the store already keeps the last one.
  const serializer: vscode.WebviewPanelSerializer = {
    async deserializeWebviewPanel(panel) {
      const report = view.report ?? (await store.latest());
      if (!report) return panel.dispose();
      // Restored where it was, in front or not; a second restored tab (one is the rule) is closed by adopt().
      if (view.adopt(panel)) present(report, false);
    },
  };

  const exportCommand = async (arg?: ExportRequest): Promise<vscode.Uri | undefined> => {
    const report = view.report ?? (await store.latest());
    if (!report) {
      void vscode.window.showInformationMessage('No benchmark report to export yet.');
      return undefined;
    }
    let format = arg?.format && EXPORT_FORMATS.includes(arg.format) ? arg.format : undefined;
    format ??= (
      await vscode.window.showQuickPick(
        EXPORT_FORMATS.map((f) => ({ label: f.toUpperCase(), value: f })),
        { title: 'Export benchmark report', placeHolder: 'Format' },
      )
    )?.value;
    return format ? exportReport(report, format, arg?.target instanceof vscode.Uri ? arg.target : undefined) : undefined;
  };

  return vscode.Disposable.from(
    runner,
    view,
    host.registerWebviewPanelSerializer(BENCH_REPORT_VIEW_TYPE, serializer),
    vscode.commands.registerCommand(BenchCommands.run, (arg?: unknown) => runner.run(arg)),
    vscode.commands.registerCommand(BenchCommands.stop, () => runner.stop()),
    vscode.commands.registerCommand(BenchCommands.openReport, openLast),
    vscode.commands.registerCommand(BenchCommands.exportReport, exportCommand),
  );
}
