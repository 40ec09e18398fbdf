/**
 * Characters that change how code reads without being seen: bidirectional overrides and isolates (which can make
 * a line display in another order than it runs, "Trojan Source"), direction marks, and zero-width characters that
 * can hide inside identifiers. Model output is untrusted: wherever an answer is shown they are made visible, and
 * code that holds them is not put into an editor without asking. Zero-width joiner/non-joiner are left out on
 * purpose: emoji sequences and several scripts need them, and they cannot reorder text.
 */

export interface InvisibleKind {
  /** Short name, as Unicode abbreviates it (RLO, LRI, ZWSP…). */
  abbr: string;
  name: string;
  /** Can reorder the text around it (as opposed to only hiding). */
  bidi: boolean;
}

const KINDS: Record<number, InvisibleKind> = {
  0x202a: { abbr: 'LRE', name: 'LEFT-TO-RIGHT EMBEDDING', bidi: true },
  0x202b: { abbr: 'RLE', name: 'RIGHT-TO-LEFT EMBEDDING', bidi: true },
  0x202c: { abbr: 'PDF', name: 'POP DIRECTIONAL FORMATTING', bidi: true },
  0x202d: { abbr: 'LRO', name: 'LEFT-TO-RIGHT OVERRIDE', bidi: true },
  0x202e: { abbr: 'RLO', name: 'RIGHT-TO-LEFT OVERRIDE', bidi: true },
  0x2066: { abbr: 'LRI', name: 'LEFT-TO-RIGHT ISOLATE', bidi: true },
  0x2067: { abbr: 'RLI', name: 'RIGHT-TO-LEFT ISOLATE', bidi: true },
  0x2068: { abbr: 'FSI', name: 'FIRST STRONG ISOLATE', bidi: true },
  0x2069: { abbr: 'PDI', name: 'POP DIRECTIONAL ISOLATE', bidi: true },
  0x200e: { abbr: 'LRM', name: 'LEFT-TO-RIGHT MARK', bidi: true },
  0x200f: { abbr: 'RLM', name: 'RIGHT-TO-LEFT MARK', bidi: true },
  0x061c: { abbr: 'ALM', name: 'ARABIC LETTER MARK', bidi: true },
  0x200b: { abbr: 'ZWSP', name: 'ZERO WIDTH SPACE', bidi: false },
  0x2060: { abbr: 'WJ', name: 'WORD JOINER', bidi: false },
  0x2061: { abbr: 'FA', name: 'FUNCTION APPLICATION', bidi: false },
  0x2062: { abbr: 'IT', name: 'INVISIBLE TIMES', bidi: false },
  0x2063: { abbr: 'IS', name: 'INVISIBLE SEPARATOR', bidi: false },
  0x2064: { abbr: 'IP', name: 'INVISIBLE PLUS', bidi: false },
  0xfeff: { abbr: 'ZWNBSP', name: 'ZERO WIDTH NO-BREAK SPACE', bidi: false },
  0x00ad: { abbr: 'SHY', name: 'SOFT HYPHEN', bidi: false },
  0x180e: { abbr: 'MVS', name: 'MONGOLIAN VOWEL SEPARATOR', bidi: false },
  0x3164: { abbr: 'HF', name: 'HANGUL FILLER', bidi: false },
};

/** Matches one invisible character (global: use with replace / matchAll, or reset lastIndex). */
export const INVISIBLE_RE = new RegExp(`[${Object.keys(KINDS).map((k) => `\\u{${Number(k).toString(16)}}`).join('')}]`, 'gu');

export function invisibleKind(char: string): InvisibleKind | undefined {
  return KINDS[char.codePointAt(0) ?? -1];
}

/** `U+202E`, the label shown in place of the character. */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function hasInvisibles(text: string): boolean {
  INVISIBLE_RE.lastIndex = 0;
  const found = INVISIBLE_RE.test(text);
  INVISIBLE_RE.lastIndex = 0;
  return found;
}

export interface InvisibleFound extends InvisibleKind {
  char: string;
  /** 1-based, as editors count. */
  line: number;
  column: number;
}

export function findInvisibles(text: string): InvisibleFound[] {
  const out: InvisibleFound[] = [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  let line = 0;
  for (const m of text.matchAll(INVISIBLE_RE)) {
    const at = m.index ?? 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= at) line++;
    out.push({ ...KINDS[m[0].codePointAt(0)!], char: m[0], line: line + 1, column: at - lineStarts[line] + 1 });
  }
  return out;
}

/** Plain text with every invisible character replaced by a visible `⟦U+202E RLO⟧` (for previews in dialogs, logs). */
export function revealInvisibles(text: string): string {
  return text.replace(INVISIBLE_RE, (c) => `⟦${codePointLabel(c)} ${invisibleKind(c)?.abbr ?? ''}⟧`);
}

/**
 * What to tell the user before code with invisible characters goes into an editor: a one-line summary and a detail
 * that shows each affected line (up to a few) with the characters made visible.
 */
export function invisiblesWarning(code: string, maxLines = 5): { summary: string; detail: string } | null {
  const found = findInvisibles(code);
  if (found.length === 0) return null;
  const kinds = [...new Map(found.map((f) => [f.char, f])).values()].map((f) => `${codePointLabel(f.char)} ${f.name}`);
  const bidi = found.some((f) => f.bidi);
  const lines = [...new Set(found.map((f) => f.line))];
  const source = code.split('\n');
  const shown = lines.slice(0, maxLines).map((n) => `line ${n}: ${revealInvisibles(source[n - 1] ?? '').trim()}`);
  if (lines.length > maxLines) shown.push(`… and ${lines.length - maxLines} more lines`);
  const summary = `The code contains ${found.length} invisible character${found.length === 1 ? '' : 's'} (${kinds.join(', ')})${
    bidi ? ' that can make it display in another order than it runs' : ' that can hide inside names'
  }.`;
  return { summary, detail: shown.join('\n') };
}
