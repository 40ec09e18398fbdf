/**
 * What the panel does to the editor: read the context to send, and put an answer's code back (insert at the cursor,
 * replace the selection, show a diff). The webview takes focus when clicked, so `activeTextEditor` is undefined by
 * then: the last text editor the user was in is remembered instead.
 */
import * as vscode from 'vscode';
import { codeForInsert } from '../../core/fences';
import { checkInput, MAX_INPUT_CHARS } from '../../core/prompt-input';
import type { Ui } from '../ui';
import { DIFF_SCHEME } from './ids';
import type { EditorContext } from './run-state';

export class EditorBridge implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private seq = 0;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (isTarget(e)) this.last = e;
      }),
      vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, {
        onDidChange: this.changed.event,
        provideTextDocumentContent: (uri) => this.docs.get(uri.toString()) ?? '',
      }),
    ];
  }

  private editor(): vscode.TextEditor | undefined {
    const visible = vscode.window.visibleTextEditors.filter(isTarget);
    const e = [vscode.window.activeTextEditor, this.last].find(isTarget);
    // The remembered editor may have been closed since.
    return e && visible.includes(e) ? e : visible[0];
  }

  /**
   * The selection, or the whole file when nothing is selected, cut to `budgetChars` (then `warning` says so: a
   * whole large file would crowd out the question); `skipped` with the reason for binary content; null without a
   * text editor or with nothing in it.
   */
  context(budgetChars = MAX_INPUT_CHARS): (EditorContext & { warning?: string }) | { skipped: string } | null {
    const e = this.editor();
    if (!e) return null;
    const doc = e.document;
    const sel = e.selection;
    const text = sel.isEmpty ? doc.getText() : doc.getText(sel);
    if (text.trim() === '') return null;
    const name = vscode.workspace.asRelativePath(doc.uri, false);
    const where = sel.isEmpty ? name : `${name}, lines ${sel.start.line + 1}-${sel.end.line + 1}`;
    const checked = checkInput(text, sel.isEmpty ? `the file ${name}` : 'the selection', budgetChars);
    if (!checked.ok) return { skipped: checked.reason };
    return { where, languageId: doc.languageId, text: checked.text, ...(checked.warning ? { warning: checked.warning } : {}) };
  }

  async insert(answer: string): Promise<string | null> {
    const e = this.editor();
    if (!e) return 'Open a file to insert into.';
    const code = codeForInsert(answer);
    const ok = await e.edit((b) => b.insert(e.selection.active, code));
    return ok ? null : 'The editor refused the edit.';
  }

  async replace(answer: string): Promise<string | null> {
    const e = this.editor();
    if (!e) return 'Open a file and select the code to replace.';
    if (e.selection.isEmpty) return 'Select the code to replace first.';
    const { start, end } = e.selection;
    // Whole lines selected (the selection ends at the start of a line): the code keeps the line break it replaces.
    const wholeLines = end.character === 0 && end.line > start.line;
    const code = codeForInsert(answer);
    const text = wholeLines && !code.endsWith('\n') ? `${code}\n` : code;
    const ok = await e.edit((b) => b.replace(e.selection, text));
    return ok ? null : 'The editor refused the edit.';
  }

  /** The selection (or whole file) on the left, the answer's code on the right, in VS Code's diff editor. */
  async diff(answer: string, label: string): Promise<string | null> {
    const e = this.editor();
    if (!e) return 'Open a file to compare with.';
    const left = e.selection.isEmpty ? e.document.getText() : e.document.getText(e.selection);
    const n = ++this.seq;
    const ext = e.document.uri.path.match(/\.[A-Za-z0-9]+$/)?.[0] ?? '.txt';
    const leftUri = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${n}/selection${ext}` });
    const rightUri = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${n}/${label.replace(/[^\w.-]+/g, '_')}${ext}` });
    this.docs.set(leftUri.toString(), left);
    this.docs.set(rightUri.toString(), codeForInsert(answer));
    await vscode.commands.executeCommand('vscode.diff', leftUri, rightUri, `Selection ↔ ${label}`, { preview: true });
    return null;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** Our own diff documents are read-only views of an answer: never the editor to insert into or take context from. */
function isTarget(e: vscode.TextEditor | undefined): e is vscode.TextEditor {
  return e !== undefined && e.document.uri.scheme !== DIFF_SCHEME;
}

/**
 * Opens a link from the webview in the browser, after checking the scheme once more on this side. This is the only
 * way a link in an answer opens (the webview stops the click from reaching VS Code's own webview link handling), and
 * `openExternal` goes through VS Code's link protection, which asks before opening a site the user has not trusted.
 */
export async function openExternalLink(ui: Ui, href: string): Promise<void> {
  const uri = vscode.Uri.parse(href, true);
  if (uri.scheme === 'http' || uri.scheme === 'https' || uri.scheme === 'mailto') await ui.openExternal(uri);
}
