import * as assert from 'node:assert/strict';
import { IncrementalMarkdown } from '../../src/webview/panel/incremental';
import { renderMarkdown } from '../../src/webview/panel/markdown';

const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '[click me](javascript:window.__pwned=1)',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[cmd](command:workbench.action.terminal.new)',
  '<svg onload="window.__pwned=1"></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '![x](https://tracker.example/p.png "t")',
  '<a href="javascript:alert(1)">a</a>',
  '```html\n<script>alert(1)</script>\n```',
  '[ref][1]\n\n[1]: javascript:alert(1)',
  '<div style="background:url(javascript:alert(1))">x</div>',
  'JaVaScRiPt:alert(1) <https://ok.example> <javascript:alert(1)>',
];

function assertInert(html: string, source: string): void {
  assert.doesNotMatch(html, /<script/i, source);
  assert.doesNotMatch(html, /<(img|svg|iframe|div|a)\b[^>]*\son\w+\s*=/i, source);
  assert.doesNotMatch(html, /<(iframe|svg|img|div|style)\b/i, source);
  assert.doesNotMatch(html, /href\s*=\s*"(?!https?:|mailto:)/i, source);
}

describe('hostile answers render inert', () => {
  for (const source of HOSTILE) {
    it(`shows ${JSON.stringify(source.slice(0, 40))} as text`, () => {
      assertInert(renderMarkdown(source), source);
      const r = new IncrementalMarkdown();
      let html = '';
      for (const ch of source) html += r.push(ch).append;
      assertInert(html + r.tailHtml(), source);
    });
  }

  it('keeps the text of raw HTML visible (escaped), so the user sees what the model sent', () => {
    assert.match(renderMarkdown('<script>x</script>'), /&lt;script&gt;x&lt;\/script&gt;/);
  });

  it('keeps safe links and marks them for the extension to open', () => {
    const html = renderMarkdown('[docs](https://code.visualstudio.com) and [mail](mailto:a@b.example)');
    assert.match(html, /<a href="https:\/\/code\.visualstudio\.com" rel="noreferrer noopener" data-external="1">docs<\/a>/);
    assert.match(html, /href="mailto:a@b\.example"/);
  });

  it('highlights registered languages and escapes unknown ones', () => {
    assert.match(renderMarkdown('```ts\nconst a = 1;\n```'), /<span class="hljs-keyword">const<\/span>/);
    assert.match(renderMarkdown('```cobol\n<b>\n```'), /&lt;b&gt;/);
  });
});
