/**
 * What "Generate code" sends: the task, the file's language and the code around the cursor (or the selection it
 * replaces), asking for one fenced block so the streaming extractor can separate code from any prose.
 */
import { fenceFor } from './fences';
import type { ChatMessage } from './providers/types';

export interface CodeContext {
  /** VS Code language id, e.g. `typescript`. */
  languageId: string;
  /** File name only (no path: nothing about the user's disk leaves the machine beyond the code itself). */
  fileName?: string;
  /** Code before the cursor / selection (already trimmed to a window). */
  before: string;
  /** The selected code that the answer replaces; empty when inserting at the cursor. */
  selection: string;
  after: string;
}

export const CURSOR_MARK = '<<CURSOR>>';

export function buildGenerateMessages(description: string, ctx: CodeContext): ChatMessage[] {
  const lang = ctx.languageId || 'plaintext';
  const system =
    `You are a coding assistant that writes ${lang} code to be inserted into the user's file. ` +
    'Reply with exactly one fenced code block containing only the new code, no explanation before or after.';
  // The user's code may itself hold fences (Markdown, docs): quote it in a longer fence than any inside.
  const selFence = fenceFor(ctx.selection);
  const where = ctx.selection
    ? `Replace the selected code:\n${selFence}${lang}\n${ctx.selection}\n${selFence}\n`
    : `Insert at ${CURSOR_MARK}.\n`;
  const file = ctx.fileName ? ` (${ctx.fileName})` : '';
  const aroundFence = fenceFor(ctx.before + ctx.after);
  const around = ctx.before || ctx.after
    ? `Code around it${file}:\n${aroundFence}${lang}\n${ctx.before}${ctx.selection ? '<<SELECTION>>' : CURSOR_MARK}${ctx.after}\n${aroundFence}\n`
    : '';
  const user = `Language: ${lang}\n${where}${around}Task: ${description.trim()}`;
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
