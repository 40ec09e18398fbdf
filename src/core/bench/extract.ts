/**
 * Finds the code in a model's answer. Models wrap code in fences (sometimes several, sometimes with the wrong or no
 * language tag), or reply with bare code, or reply with prose only; each case is handled here so the scorer
 * never runs prose.
 */
import { extractCodeBlocks } from '../fences';
import type { TaskLanguage } from './types';

const FENCE_ALIASES: Record<TaskLanguage, string[]> = {
  python: ['python', 'py', 'python3'],
  javascript: ['javascript', 'js', 'node', 'nodejs', 'cjs', 'mjs', 'jsx'],
};

export interface Block {
  /** The fence's language tag, lower-cased ('' when none). */
  tag: string;
  code: string;
}

/** Fenced blocks in order; an unclosed last fence (answer cut at max tokens) runs to the end of the answer. */
export function fencedBlocks(answer: string): Block[] {
  return extractCodeBlocks(answer).map((b) => ({ tag: b.lang.toLowerCase(), code: b.code }));
}

/** Does `code` define `name` at some level (def / function / const name = ...)? */
export function definesEntryPoint(code: string, language: TaskLanguage, name: string): boolean {
  const n = escapeRegExp(name);
  const re =
    language === 'python'
      ? new RegExp(`^\\s*(?:async\\s+)?def\\s+${n}\\s*\\(`, 'm')
      : new RegExp(`(?:\\bfunction\\s*\\*?\\s*${n}\\s*\\(|\\b(?:const|let|var)\\s+${n}\\s*=)`, 'm');
  return re.test(code);
}

const CODE_LINE: Record<TaskLanguage, RegExp> = {
  python: /^(?:(?:async\s+)?def\s+\w+\s*\(|class\s+\w+|import\s+\w|from\s+[\w.]+\s+import\s)/,
  javascript: /^(?:(?:export\s+)?(?:async\s+)?function\b|(?:export\s+)?(?:const|let|var)\s+\w+\s*=|class\s+\w+|(?:'use strict'|"use strict"))/,
};

/**
 * The code to run, or null when the answer holds none. Preference: fences tagged with the task's language, then
 * untagged fences, then any fence. Among several, the first block defining the entry point plus the blocks before
 * it (helpers, imports) — later blocks are usually example usage. Without fences, the answer from its first
 * code-looking line is taken when that line starts a definition; prose-only answers give null.
 */
export function extractCode(answer: string, language: TaskLanguage, entryPoint?: string): string | null {
  const blocks = fencedBlocks(answer).filter((b) => b.code.trim() !== '');
  if (blocks.length > 0) {
    const tagged = blocks.filter((b) => FENCE_ALIASES[language].includes(b.tag));
    const untagged = blocks.filter((b) => b.tag === '');
    const pool = tagged.length ? tagged : untagged.length ? untagged : blocks;
    if (entryPoint) {
      const at = pool.findIndex((b) => definesEntryPoint(b.code, language, entryPoint));
      if (at >= 0) return pool.slice(0, at + 1).map((b) => b.code).join('\n\n');
    }
    return pool.reduce((a, b) => (b.code.length > a.code.length ? b : a)).code;
  }
  const lines = answer.replace(/\r\n/g, '\n').split('\n');
  const start = lines.findIndex((l) => CODE_LINE[language].test(l));
  if (start < 0) return null;
  return lines.slice(start).join('\n').trimEnd();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
