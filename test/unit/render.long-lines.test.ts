import assert from 'node:assert/strict';
import { breakableHtml, renderMarkdown } from '../../src/webview/panel/markdown';

const textOf = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');

describe('long unbroken lines stay cheap to lay out', () => {
  it('a 200,000-character word gets a break opportunity every 80 characters, the text unchanged', () => {
    const html = renderMarkdown('A'.repeat(200_000));
    assert.equal((html.match(/<wbr>/g) ?? []).length, 2499);
    assert.equal(textOf(html).trim(), 'A'.repeat(200_000));
  });

  it('never splits an entity or a surrogate pair, and leaves ordinary prose alone', () => {
    const amp = breakableHtml('a&b<'.repeat(100));
    assert.doesNotMatch(amp, /&[a-z]*<wbr>/);
    assert.equal(textOf(amp), 'a&b<'.repeat(100));
    const emoji = breakableHtml('x' + '😀'.repeat(100));
    for (const piece of emoji.split('<wbr>')) assert.doesNotMatch(piece, /^[\udc00-\udfff]|[\ud800-\udbff]$/);
    assert.equal(renderMarkdown('short words only, as usual'), '<p>short words only, as usual</p>\n');
  });

  it('long inline code gets them too', () => {
    assert.match(renderMarkdown('`' + 'x'.repeat(500) + '`'), /<code>(x{80}<wbr>){6}x{20}<\/code>/);
  });
});
