/**
 * "LLM Compare: Benchmark report", an editor tab. One at a time: a new run or "Open last benchmark report" reuses
 * it. While a run goes on it is re-rendered at most every UPDATE_MS (each render reloads the document, which keeps
 * the shared renderer untouched and leaves nothing behind from the previous render).
 */
import * as vscode from 'vscode';
import type { ExportFormat } from '../../core/bench/export';
import type { BenchReport } from '../../core/bench/types';
import { webviewOptions } from '../panel/html';
import { BENCH_REPORT_VIEW_TYPE } from './ids';
import { buildBenchHtml, type ViewStatus } from './html';
import { parseBenchViewMessage } from './protocol';

const UPDATE_MS = 800;

export type ExportHandler = (report: BenchReport, format: ExportFormat) => Promise<unknown>;

export class BenchReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private current: { report: () => BenchReport; status: ViewStatus } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastRender = 0;
  private shown: BenchReport | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onExport: ExportHandler,
  ) {}

  /** The report on screen (the live snapshot while a run goes on). */
  get report(): BenchReport | undefined {
    return this.shown;
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /**
   * Shows `report` (a function, so a live run builds its snapshot only when a render is due). `live` updates
   * are throttled; anything else renders at once.
   */
  show(report: () => BenchReport, status: ViewStatus, options: { live?: boolean; reveal?: boolean; ifOpen?: boolean } = {}): void {
    this.current = { report, status };
    // A tab the user closed during a run stays closed until they ask for it ("Open last benchmark report").
    if (!this.panel && options.ifOpen) return;
    if (!this.panel) this.create();
    else if (options.reveal) this.panel.reveal(undefined, true);
    if (!options.live) return this.render();
    if (this.timer) return;
    const wait = Math.max(0, this.lastRender + UPDATE_MS - Date.now());
    this.timer = setTimeout(() => this.render(), wait);
  }

  private create(): void {
    const panel = vscode.window.createWebviewPanel(
      BENCH_REPORT_VIEW_TYPE,
      'Benchmark report',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
      webviewOptions(this.extensionUri),
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseBenchViewMessage(raw);
      if (message && this.shown) void this.onExport(this.shown, message.format);
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.clearTimer();
    });
    this.panel = panel;
  }

  private render(): void {
    this.clearTimer();
    if (!this.panel || !this.current) return;
    const report = this.current.report();
    this.shown = report;
    this.lastRender = Date.now();
    this.panel.title = this.current.status.state === 'running' ? `Benchmark (${this.current.status.text.split(' ')[0]})` : 'Benchmark report';
    this.panel.webview.html = buildBenchHtml(this.panel.webview, this.extensionUri, report, this.current.status);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.clearTimer();
    this.panel?.dispose();
  }
}
