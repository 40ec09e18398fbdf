import * as assert from 'node:assert/strict';
import { IncrementalMarkdown } from '../../src/webview/panel/incremental';
import { renderMarkdown } from '../../src/webview/panel/markdown';

// Pieces an LLM answer is made of, including the shapes that tempt a naive splitter: loose lists, indented code,
// fences with blank lines inside, nested list content, tables, quotes, an unclosed fence at the end.
const PIECES = [
  'Here is a function that reverses a string.\n\n',
  '```python\ndef rev(s):\n\n    return s[::-1]\n```\n\n',
  '- first item\n- second item\n\n',
  '- loose one\n\n- loose two\n\n  continued paragraph in the item\n\n',
  '1. step one\n2. step two\n\n10) ten\n\n',
  '    indented code\n\n    more indented code\n\n',
  '> a quote\n> over two lines\n\n',
  '| a | b |\n|---|---|\n| 1 | 2 |\n\n',
  '## Heading\n\nText with `inline code` and **bold** and a [link](https://example.com).\n\n',
  '~~~ts\nconst x: number = 1;\n\n\nconsole.log(x);\n~~~\n\n',
  'Setext heading\n===\n\n',
  '***\n\n',
  '* star list\n\n* second\n',
  'Trailing paragraph without a newline',
  '````md\n```js\nnested fence\n```\n````\n\n',
  '```js\nunclosed fence\nconst y = 2;\n',
];

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function renderIncrementally(text: string, cuts: number[]): string {
  const r = new IncrementalMarkdown();
  let shown = '';
  let tail = '';
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    const u = r.push(text.slice(at, cut));
    shown += u.append;
    tail = u.tail;
    at = cut;
  }
  return shown + tail;
}

describe('incremental Markdown rendering', () => {
  it('equals a full render for 300 random answers split at random points', () => {
    const rand = seeded(42);
    for (let n = 0; n < 300; n++) {
      const count = 1 + Math.floor(rand() * 8);
      let text = '';
      for (let i = 0; i < count; i++) text += PIECES[Math.floor(rand() * PIECES.length)];
      const cuts = Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * text.length)).sort((a, b) => a - b);
      assert.equal(renderIncrementally(text, cuts), renderMarkdown(text), `answer #${n}: ${JSON.stringify(text)} cuts ${cuts}`);
    }
  });

  it('equals a full render when streamed one character at a time', () => {
    const text = PIECES.join('');
    const cuts = Array.from({ length: text.length }, (_, i) => i);
    assert.equal(renderIncrementally(text, cuts), renderMarkdown(text));
  });

  it('commits finished blocks so the live tail stays small', () => {
    const r = new IncrementalMarkdown();
    let appended = 0;
    for (let i = 0; i < 200; i++) appended += r.push(`Paragraph ${i} with some words.\n\n`).append.length;
    const { tail } = r.push('live');
    assert.ok(appended > 0);
    // The last blank line is confirmed as a cut only once the next line is complete.
    assert.equal(tail, '<p>Paragraph 199 with some words.</p>\n<p>live</p>\n');
  });

  it('does not cut inside a fence that contains blank lines', () => {
    const r = new IncrementalMarkdown();
    const u1 = r.push('```python\nx = 1\n\n');
    const u2 = r.push('y = 2\n\nz = 3\n');
    assert.equal(u1.append + u2.append, '');
    assert.match(u2.tail, /<pre><code class="language-python">/);
  });
});
