/**
 * Writes a growing piece of text into an editor as it streams. Undo must remove the whole insertion in one step:
 * the first edit opens an undo group (undoStopBefore) and every later one joins it (no undo stops) until `close()`
 * sets the stop after. Edits are serialised and batched (whatever arrived while one edit was in flight goes in the
 * next), so a fast stream costs a handful of edits, not one per token.
 */
import * as vscode from 'vscode';

export class EditorStream {
  private startOffset: number;
  private readonly replaceLength: number;
  /** What the insertion replaced (the selection), to put back when the insertion is withdrawn. */
  private readonly original: string;
  private insertedLength = 0;
  private pending = '';
  private chain: Promise<void> = Promise.resolve();
  private first = true;
  private applying = false;
  private failed = false;
  private readonly sub: vscode.Disposable;

  /** `range`: the selection to replace, or an empty range at the cursor. */
  constructor(private readonly editor: vscode.TextEditor, range: vscode.Range) {
    this.startOffset = editor.document.offsetAt(range.start);
    this.original = editor.document.getText(range);
    this.replaceLength = this.original.length;
    // Someone typing above the insertion shifts it; keep our bookkeeping in step (our own edits are skipped).
    this.sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== editor.document || this.applying) return;
      for (const c of e.contentChanges) {
        if (c.rangeOffset + c.rangeLength <= this.startOffset) this.startOffset += c.text.length - c.rangeLength;
      }
    });
  }

  /** False once an edit failed (editor closed, document gone): the caller stops and keeps the answer elsewhere. */
  get ok(): boolean {
    return !this.failed;
  }

  get document(): vscode.TextDocument {
    return this.editor.document;
  }

  append(text: string): void {
    if (!text) return;
    this.pending += text;
    this.chain = this.chain.then(() => this.flush());
  }

  /** Replaces everything inserted so far with `text` (when the final extraction disagrees with the streamed one). */
  replaceAll(text: string): void {
    this.chain = this.chain.then(async () => {
      await this.flush();
      if (this.first) {
        this.pending = text;
        return this.flush();
      }
      await this.apply((b, doc) => b.replace(this.insertedRange(doc), text), text.length - this.insertedLength);
    });
  }

  /** Withdraws the insertion: what was streamed so far goes, the replaced selection (if any) comes back. */
  discard(): void {
    this.chain = this.chain.then(async () => {
      this.pending = '';
      if (this.first) return;
      const restored = this.original;
      await this.apply((b, doc) => b.replace(this.insertedRange(doc), restored), restored.length - this.insertedLength);
      // Nothing of ours is left in the document: the range we report is empty.
      this.startOffset += restored.length;
      this.insertedLength = 0;
    });
  }

  /** Waits for every edit, then closes the undo group. Returns the inserted range. */
  async close(): Promise<vscode.Range> {
    await this.chain;
    await this.flush();
    this.sub.dispose();
    if (!this.failed && !this.first) {
      // A no-op edit whose only job is the undo stop after the insertion.
      await this.editor.edit(() => undefined, { undoStopBefore: false, undoStopAfter: true }).then(undefined, () => false);
    }
    return this.insertedRange(this.editor.document);
  }

  private insertedRange(doc: vscode.TextDocument): vscode.Range {
    return new vscode.Range(doc.positionAt(this.startOffset), doc.positionAt(this.startOffset + this.insertedLength));
  }

  private async flush(): Promise<void> {
    const text = this.pending;
    if (!text || this.failed) return;
    this.pending = '';
    if (this.first) {
      await this.apply((b, doc) => b.replace(new vscode.Range(doc.positionAt(this.startOffset), doc.positionAt(this.startOffset + this.replaceLength)), text), text.length);
    } else {
      await this.apply((b, doc) => b.insert(doc.positionAt(this.startOffset + this.insertedLength), text), text.length);
    }
  }

  private async apply(edit: (b: vscode.TextEditorEdit, doc: vscode.TextDocument) => void, grow: number): Promise<void> {
    if (this.failed) return;
    const undoStopBefore = this.first;
    this.applying = true;
    try {
      const ok = await this.editor.edit((b) => edit(b, this.editor.document), { undoStopBefore, undoStopAfter: false });
      if (!ok) throw new Error('edit rejected');
      this.first = false;
      this.insertedLength += grow;
    } catch {
      this.failed = true;
    } finally {
      this.applying = false;
    }
  }
}
