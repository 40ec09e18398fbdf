/**
 * One webview (side bar view or editor tab) as the controller sees it. Nothing is posted before the webview said
 * `ready` (a message posted earlier is lost); the run itself reaches a new webview through the `init` snapshot, so
 * only notices need to wait in the queue. Every incoming message is validated before anyone sees it.
 */
import * as vscode from 'vscode';
import { parseFromWebview, type FromWebview, type ToWebview } from '../../shared/protocol';

export class WebviewPort implements vscode.Disposable {
  private ready = false;
  private queue: ToWebview[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    onMessage: (message: FromWebview, port: WebviewPort) => void,
    onInvalid: (raw: unknown) => void,
  ) {
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseFromWebview(raw);
      if (message) onMessage(message, this);
      else onInvalid(raw);
    });
  }

  get isReady(): boolean {
    return this.ready;
  }

  post(message: ToWebview): void {
    if (this.ready) void this.webview.postMessage(message);
    else if (message.type === 'notice') this.queue.push(message);
  }

  /** The webview (re)loaded: it gets the whole state first, then what waited. */
  markReady(init: ToWebview): void {
    this.ready = true;
    void this.webview.postMessage(init);
    const queued = this.queue;
    this.queue = [];
    queued.forEach((m) => void this.webview.postMessage(m));
  }

  /** A hidden view loses its document; it will say `ready` again when shown. */
  markGone(): void {
    this.ready = false;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
