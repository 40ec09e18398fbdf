/**
 * Read-only documents (`llm-compare-explain:` scheme) that show an explanation while it streams, for when the
 * comparison panel is not there to take it. Content lives in memory and is refreshed at most every 100 ms.
 */
import * as vscode from 'vscode';
import { EXPLAIN_SCHEME } from '../ids';

export class ExplainDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly contents = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private counter = 0;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** A new document (named after what is explained) with its first content. */
  create(title: string, content: string): vscode.Uri {
    const safe = title.replace(/[^\w.-]+/g, '-').slice(0, 60) || 'selection';
    const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/Explain ${safe} (${++this.counter}).md` });
    this.contents.set(uri.toString(), content);
    return uri;
  }

  update(uri: vscode.Uri, content: string, now = false): void {
    const key = uri.toString();
    this.contents.set(key, content);
    if (now) {
      clearTimeout(this.timers.get(key));
      this.timers.delete(key);
      this.changed.fire(uri);
      return;
    }
    if (this.timers.has(key)) return;
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.changed.fire(uri);
    }, 100));
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.registration.dispose();
    this.changed.dispose();
  }
}
