/**
 * Streaming Markdown in linear time. The answer is cut into finished blocks, rendered once and appended, and a live
 * tail that is re-rendered on every frame. A cut is made only at a blank line outside a fence whose next line starts
 * a block that cannot continue what came before (not indented, not a list item): there, rendering the two halves
 * separately gives the same HTML as rendering the whole, which the unit tests check for random split points.
 */
import { closesFence, openingFence, type Fence } from '../../core/fences';
import { renderMarkdown } from './markdown';

export interface RenderUpdate {
  /** HTML of blocks finished since the last update: append it after what is already shown. */
  append: string;
  /** HTML of the unfinished tail: replaces the previous tail. */
  tail: string;
}

const LIST_OR_INDENT_RE = /^(?:[ \t]|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/;

export class IncrementalMarkdown {
  private text = '';
  /** text[0, committed) is rendered and shown for good. */
  private committed = 0;
  /** Start of the first line not yet scanned. */
  private scanned = 0;
  private fence: Fence | null = null;
  /** End (exclusive) of the last blank line seen outside a fence, waiting for the next line to confirm the cut. */
  private pendingCut: number | null = null;

  constructor(private readonly render: (markdown: string) => string = renderMarkdown) {}

  get length(): number {
    return this.text.length;
  }

  /** Adds streamed text; returns what to show. Work is proportional to the new text plus the tail. */
  push(delta: string): RenderUpdate {
    this.text += delta;
    const cut = this.scan();
    let append = '';
    if (cut > this.committed) {
      append = this.render(this.text.slice(this.committed, cut));
      this.committed = cut;
    }
    return { append, tail: this.tailHtml() };
  }

  /** Renders the tail as it is (the stream ended, even mid-line). */
  tailHtml(): string {
    return this.committed < this.text.length ? this.render(this.text.slice(this.committed)) : '';
  }

  /** Scans only complete lines not seen before; returns the furthest safe cut. */
  private scan(): number {
    let cut = this.committed;
    for (;;) {
      const nl = this.text.indexOf('\n', this.scanned);
      if (nl < 0) break;
      const line = this.text.slice(this.scanned, nl);
      const lineStart = this.scanned;
      this.scanned = nl + 1;
      if (this.fence) {
        if (closesFence(line, this.fence)) this.fence = null;
        continue;
      }
      if (line.trim() === '') {
        this.pendingCut = this.scanned;
        continue;
      }
      if (this.pendingCut !== null && !LIST_OR_INDENT_RE.test(line)) cut = Math.max(cut, lineStart);
      this.pendingCut = null;
      this.fence = openingFence(line);
    }
    return cut;
  }
}
