/**
 * Fenced code blocks as CommonMark sees them at the top level, without a Markdown parser: the webview's incremental
 * renderer needs it to know where it may cut a streaming answer, and the extension needs it to pull the code out of
 * an answer for Insert / Replace / Diff. One definition, so both agree on what is "inside a fence".
 */

export interface Fence {
  char: '`' | '~';
  length: number;
}

const OPEN_RE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** The fence a line opens, or null. A backtick fence's info string may not contain a backtick. */
export function openingFence(line: string): (Fence & { info: string }) | null {
  const m = OPEN_RE.exec(line);
  if (!m) return null;
  const marks = m[1];
  const info = m[2];
  const char = marks[0] as Fence['char'];
  if (char === '`' && info.includes('`')) return null;
  return { char, length: marks.length, info: info.trim() };
}

/** Whether `line` closes `open`: same character, at least as long, nothing but spaces after. */
export function closesFence(line: string, open: Fence): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t\r]*$/.exec(line);
  return m !== null && m[1][0] === open.char && m[1].length >= open.length;
}

export interface CodeBlock {
  lang: string;
  code: string;
}

/** The fenced code blocks of an answer, in order. An unclosed last fence (a stream cut short) still counts. */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: (Fence & { info: string }) | null = null;
  let body: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    if (open) {
      if (closesFence(line, open)) {
        blocks.push({ lang: open.info.split(/\s+/)[0] ?? '', code: body.join('\n') });
        open = null;
      } else {
        body.push(line);
      }
    } else {
      open = openingFence(line);
      body = [];
    }
  }
  // An unclosed fence ends with the answer; the answer's final newline is not part of the code.
  if (open && body.length > 0 && body[body.length - 1] === '') body.pop();
  if (open && body.length > 0) blocks.push({ lang: open.info.split(/\s+/)[0] ?? '', code: body.join('\n') });
  return blocks;
}

/**
 * What Insert puts into the editor: the code blocks joined by a blank line, or the whole answer when it has none
 * (a model told to answer with code only often sends bare code).
 */
export function codeForInsert(markdown: string): string {
  const blocks = extractCodeBlocks(markdown);
  if (blocks.length === 0) return markdown.trim();
  return blocks.map((b) => b.code).join('\n\n');
}

/** A backtick fence longer than any backtick run in `text`, so quoted text can never close it early. */
export function fenceFor(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  return '`'.repeat(longest + 1);
}
