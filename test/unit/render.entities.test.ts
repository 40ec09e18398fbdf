/**
 * The webview answers markdown-it's entity look-ups with html-entities.ts instead of the `entities` package (see
 * esbuild.config.mjs). Here, under node, it must give what `entities` gives for every named reference, and refuse
 * what CommonMark refuses. The browser path (the shipped one) is checked in the real workbench: the panel's hostile
 * answer scenario (test/e2e/panel-basics.ts).
 */
import * as assert from 'node:assert/strict';
import { characterEntities } from 'character-entities';
import { decodeHTMLStrict as entitiesStrict } from 'entities';
import { decodeHTML, decodeHTMLStrict } from '../../src/webview/panel/html-entities';

describe('html-entities: the webview bundle’s entity decoder', () => {
  it('decodes every one of the HTML named references exactly as the `entities` package does', () => {
    const names = Object.keys(characterEntities);
    assert.ok(names.length > 2000, `${names.length} names`);
    for (const name of names) {
      const reference = `&${name};`;
      assert.equal(decodeHTMLStrict(reference), entitiesStrict(reference), reference);
      assert.notEqual(decodeHTMLStrict(reference), reference, `${reference} is decoded`);
    }
  });

  it('leaves an unknown name, a partial match and a missing semicolon as written (CommonMark)', () => {
    for (const reference of ['&notit;', '&ampfoo;', '&nosuchname;', '&amp', '&copy']) {
      assert.equal(decodeHTMLStrict(reference), reference);
      assert.equal(decodeHTML(reference), reference);
    }
    assert.equal(decodeHTMLStrict('&semi;'), ';');
  });

  it('never hands anything but one `&name;` to the decoder', () => {
    for (const text of ['&#65;', '&#x41;', '& amp;', '&<img src=x onerror=alert(1)>;', '&amp;&lt;', ' &amp;', '&am p;', '']) {
      assert.equal(decodeHTMLStrict(text), text);
    }
  });
});
