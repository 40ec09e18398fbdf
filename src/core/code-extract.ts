/**
 * Streams only the code of a model's answer: the text inside the first fenced block, line by line as it arrives,
 * so the editor fills up live without prose or fence lines. The batch extractor of the benchmark
 * (`bench/extract.ts`, `fencedBlocks`) has the last word at the end, so what ends up in the editor is exactly what
 * the benchmark would have taken; an answer without fences is taken whole (models asked for code only often do that).
 */
import { fencedBlocks } from './bench/extract';
import { closesFence, openingFence, type Fence } from './fences';

export interface ExtractEnd {
  /** The whole code as the batch extractor sees it. */
  code: string;
  /** Text to append to what was emitted so far; null when the emitted text is not a prefix of `code`. */
  append: string | null;
}

export class StreamingCodeExtractor {
  private answer = '';
  private state: 'before' | 'inside' | 'after' = 'before';
  private fence: Fence = { char: '`', length: 3 };
  /** Unprocessed tail of the answer: the line still being received. */
  private line = '';
  /** How much of `line` was already emitted (inside a fence). */
  private lineEmitted = 0;
  private linesInBlock = 0;
  private emittedText = '';
  private fenceTag = '';

  /** Everything received so far (the full answer, prose included). */
  get fullAnswer(): string {
    return this.answer;
  }

  /** The language tag of the block being streamed (`python`, `ts`, …), '' when none (yet). */
  get tag(): string {
    return this.fenceTag;
  }

  get emitted(): string {
    return this.emittedText;
  }

  /** Feeds a chunk; returns the code that can safely be shown now (possibly ''). */
  push(chunk: string): string {
    this.answer += chunk;
    let out = '';
    this.line += chunk;
    for (let nl = this.line.indexOf('\n'); nl >= 0; nl = this.line.indexOf('\n')) {
      out += this.completeLine(this.line.slice(0, nl).replace(/\r$/, ''));
      this.line = this.line.slice(nl + 1);
      this.lineEmitted = 0;
    }
    out += this.partialLine();
    this.emittedText += out;
    return out;
  }

  /** Ends the stream; the caller appends `append`, or replaces everything with `code` when `append` is null. */
  finish(): ExtractEnd {
    const blocks = fencedBlocks(this.answer).filter((b) => b.code.trim() !== '');
    const code = blocks.length > 0 ? blocks[0].code : this.answer.trim();
    return { code, append: code.startsWith(this.emittedText) ? code.slice(this.emittedText.length) : null };
  }

  private completeLine(line: string): string {
    if (this.state === 'before') {
      const open = openingFence(line);
      if (open) {
        this.state = 'inside';
        this.fence = open;
        this.fenceTag = open.info.split(/\s+/)[0] ?? '';
      }
      return '';
    }
    if (this.state === 'inside') {
      if (closesFence(line, this.fence)) {
        this.state = 'after';
        return '';
      }
      const rest = line.slice(this.lineEmitted);
      const sep = this.lineEmitted === 0 && this.linesInBlock > 0 ? '\n' : '';
      this.linesInBlock++;
      return sep + rest;
    }
    return '';
  }

  /** Inside a block, a partial line is shown unless it could still turn into the closing fence. */
  private partialLine(): string {
    if (this.state !== 'inside' || this.line === '') return '';
    const trimmed = this.line.trimStart();
    const fenceChar = this.fence.char;
    if (trimmed === '' || [...trimmed].every((c) => c === fenceChar)) return '';
    const sep = this.lineEmitted === 0 && this.linesInBlock > 0 ? '\n' : '';
    const rest = this.line.slice(this.lineEmitted);
    this.lineEmitted = this.line.length;
    return sep + rest;
  }
}
