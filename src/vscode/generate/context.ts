/** The editor facts "Generate code" sends: language, file name, the selection, and about 40 lines around it. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CodeContext } from '../../core/generate-prompt';

const LINES_AROUND = 20;

export function codeContextOf(editor: vscode.TextEditor): { context: CodeContext; range: vscode.Range } {
  const doc = editor.document;
  const sel = editor.selection;
  const range = new vscode.Range(sel.start, sel.end);
  const firstLine = Math.max(0, range.start.line - LINES_AROUND);
  const lastLine = Math.min(doc.lineCount - 1, range.end.line + LINES_AROUND);
  const before = doc.getText(new vscode.Range(new vscode.Position(firstLine, 0), range.start));
  const after = doc.getText(new vscode.Range(range.end, doc.lineAt(lastLine).range.end));
  return {
    range,
    context: {
      languageId: doc.languageId,
      fileName: doc.isUntitled ? undefined : path.basename(doc.fileName),
      before,
      selection: doc.getText(range),
      after,
    },
  };
}

/** Fence tags models use → VS Code language ids, for the untitled document opened when no editor is. */
const TAG_TO_LANGUAGE: Record<string, string> = {
  py: 'python', python3: 'python', js: 'javascript', node: 'javascript', jsx: 'javascriptreact', ts: 'typescript',
  tsx: 'typescriptreact', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', shell: 'shellscript',
  'c++': 'cpp', cc: 'cpp', 'c#': 'csharp', cs: 'csharp', rs: 'rust', golang: 'go', rb: 'ruby', kt: 'kotlin',
  yml: 'yaml', md: 'markdown', ps1: 'powershell', text: 'plaintext', txt: 'plaintext',
};

/** Sets the language of an untitled document from the answer's fence tag, when VS Code knows that language. */
export async function adoptLanguage(doc: vscode.TextDocument, tag: string): Promise<vscode.TextDocument> {
  const id = TAG_TO_LANGUAGE[tag.toLowerCase()] ?? tag.toLowerCase();
  if (!id || id === doc.languageId) return doc;
  const known = await vscode.languages.getLanguages();
  return known.includes(id) ? vscode.languages.setTextDocumentLanguage(doc, id) : doc;
}
