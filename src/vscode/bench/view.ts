/**
 * "LLM Compare: Benchmark report", an editor tab. One at a time: a new run, "Open last benchmark report" or a tab
 * restored after a window reload reuses it. The document is loaded once per tab; every report (the first after
 * `ready`, then live updates at most every UPDATE_MS) goes over as a message and the webview redraws in place.
 */
import * as vscode from 'vscode';
import type { ExportFormat } from '../../core/bench/export';
import type { BenchReport } from '../../core/bench/types';
import { parseFromBenchView, type BenchViewStatus, type ToBenchView } from '../../shared/bench-protocol';
import { assertNever } from '../../shared/protocol';
import { webviewOptions } from '../webview-html';
import { buildBenchHtml } from './html';
import { BENCH_REPORT_VIEW_TYPE } from './ids';

/** Building a live snapshot and redrawing the charts both cost: no more often than this. */
const UPDATE_MS = 500;

export type ExportHandler = (report: BenchReport, format: ExportFormat) => Promise<unknown>;

/**
 * What the current tab went through. A live update must not reload the page: `documents` and `readies` stay at 1
 * while `updates` grows (the run's result carries a copy, so tests can tell one from the other).
 */
export interface ViewActivity {
  /** Times the tab's HTML was set. */
  documents: number;
  /** Times a document said `ready` (VS Code re-creates it when a hidden tab is shown again). */
  readies: number;
  /** Reports the webview received. */
  updates: number;
}

interface Tab {
  panel: vscode.WebviewPanel;
  /** The document has said `ready` and has not been hidden since: posting now reaches it. */
  ready: boolean;
  activity: ViewActivity;
}

interface Shown {
  report: BenchReport;
  status: BenchViewStatus;
}

export class BenchReportView implements vscode.Disposable {
  private tab: Tab | undefined;
  private current: { report: () => BenchReport; status: BenchViewStatus } | undefined;
  private shown: Shown | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastRender = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onExport: ExportHandler,
    /** Adds what the report does not carry itself (the human-preference column from blind votes). */
    private readonly decorate: (report: BenchReport) => BenchReport = (r) => r,
  ) {}

  /** The report on screen (the live snapshot while a run goes on). */
  get report(): BenchReport | undefined {
    return this.shown?.report;
  }

  get visible(): boolean {
    return this.tab?.panel.visible ?? false;
  }

  get activity(): ViewActivity | undefined {
    return this.tab && { ...this.tab.activity };
  }

  /**
   * Shows `report` (a function, so a live run builds its snapshot only when an update is due). `live` updates
   * are throttled; anything else goes out at once.
   */
  show(report: () => BenchReport, status: BenchViewStatus, options: { live?: boolean; reveal?: boolean; ifOpen?: boolean } = {}): void {
    this.current = { report, status };
    // A tab the user closed during a run stays closed until they ask for it ("Open last benchmark report").
    if (!this.tab && options.ifOpen) return;
    if (!this.tab) {
      const panel = vscode.window.createWebviewPanel(
        BENCH_REPORT_VIEW_TYPE,
        'Benchmark report',
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
        webviewOptions(this.extensionUri),
      );
      this.attach(panel);
    } else if (options.reveal) this.tab.panel.reveal(undefined, true);
    if (!options.live) return this.render();
    if (this.timer) return;
    const wait = Math.max(0, this.lastRender + UPDATE_MS - Date.now());
    this.timer = setTimeout(() => this.render(), wait);
  }

  /** A tab VS Code restored after a window reload becomes this view's tab; false (and disposed) when one is open. */
  adopt(panel: vscode.WebviewPanel): boolean {
    if (this.tab) {
      panel.dispose();
      return false;
    }
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel);
    return true;
  }

  private attach(panel: vscode.WebviewPanel): void {
    const tab: Tab = { panel, ready: false, activity: { documents: 0, readies: 0, updates: 0 } };
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    const subscriptions = vscode.Disposable.from(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(tab, raw)),
      // A hidden tab's document is thrown away (no retainContextWhenHidden: a report is cheap to send again);
      // the new one says `ready` when the tab is shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) tab.ready = false;
      }),
      panel.onDidDispose(() => {
        subscriptions.dispose();
        if (this.tab !== tab) return;
        this.tab = undefined;
        this.clearTimer();
      }),
    );
    panel.webview.html = buildBenchHtml(panel.webview, this.extensionUri);
    tab.activity.documents++;
    this.tab = tab;
  }

  private receive(tab: Tab, raw: unknown): void {
    const message = parseFromBenchView(raw);
    if (!message) return; // not from our script, or a script that misbehaves: ignored, never trusted
    switch (message.type) {
      case 'ready':
        tab.ready = true;
        tab.activity.readies++;
        this.post(tab);
        break;
      case 'export':
        if (this.shown) void this.onExport(this.shown.report, message.format);
        break;
      default:
        assertNever(message);
    }
  }

  private render(): void {
    this.clearTimer();
    const tab = this.tab;
    if (!tab || !this.current) return;
    const { status } = this.current;
    this.shown = { report: this.decorate(this.current.report()), status };
    this.lastRender = Date.now();
    tab.panel.title = status.state === 'running' ? `Benchmark (${status.text.split(' ')[1] ?? '…'})` : 'Benchmark report';
    if (tab.ready) this.post(tab);
  }

  private post(tab: Tab): void {
    if (!this.shown) return;
    const message: ToBenchView = { type: 'report', report: this.shown.report, status: this.shown.status };
    void tab.panel.webview.postMessage(message).then((delivered) => {
      if (delivered) tab.activity.updates++;
    });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.clearTimer();
    this.tab?.panel.dispose();
  }
}
