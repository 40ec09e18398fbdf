/**
 * Invisible characters in answers (Trojan Source): found with their place, shown visibly wherever an answer is
 * rendered, and described before code holding them is inserted.
 */
import * as assert from 'node:assert/strict';
import { findInvisibles, hasInvisibles, invisiblesWarning, revealInvisibles } from '../../src/core/invisible';
import { IncrementalMarkdown } from '../../src/webview/panel/incremental';
import { renderMarkdown } from '../../src/webview/panel/markdown';

const RLO = '\u202e';
const LRI = '\u2066';
const PDI = '\u2069';
const ZWSP = '\u200b';
/** The classic disguised check: displays as one thing, runs as another. */
const TROJAN = `def is_admin(user):\n    access = "user${RLO} ${LRI}# admin only${PDI} ${LRI}"\n    return access == "admin"\n`;
const ALL = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u2060\ufeff\u00ad';

describe('invisible characters', () => {
  it('finds every bidi control and zero-width character with its line and column', () => {
    const found = findInvisibles(TROJAN);
    assert.deepEqual(found.map((f) => [f.abbr, f.line, f.column]), [['RLO', 2, 19], ['LRI', 2, 21], ['PDI', 2, 34], ['LRI', 2, 36]]);
    assert.equal(findInvisibles(ALL).length, [...ALL].length);
    assert.equal(hasInvisibles('plain code, even with emoji 👩‍💻 (ZWJ is fine)'), false);
    assert.equal(hasInvisibles(`a${ZWSP}b`), true);
  });

  it('describes them, with each affected line shown visibly, for the warning before insert', () => {
    const w = invisiblesWarning(TROJAN);
    assert.ok(w);
    assert.match(w.summary, /4 invisible characters \(U\+202E RIGHT-TO-LEFT OVERRIDE, U\+2066 LEFT-TO-RIGHT ISOLATE, U\+2069 POP DIRECTIONAL ISOLATE\)/);
    assert.match(w.summary, /display in another order than it runs/);
    assert.equal(w.detail, 'line 2: access = "user⟦U+202E RLO⟧ ⟦U+2066 LRI⟧# admin only⟦U+2069 PDI⟧ ⟦U+2066 LRI⟧"');
    assert.equal(invisiblesWarning('x = 1\n'), null);
    assert.equal(revealInvisibles(`a${ZWSP}b`), 'a⟦U+200B ZWSP⟧b');
  });

  describe('in a rendered answer', () => {
    const cases: Array<[string, string]> = [
      ['prose', `Check the access level${RLO} here.`],
      ['inline code', `Use \`x${RLO}y\` carefully.`],
      ['a highlighted fence', `\`\`\`python\n${TROJAN}\`\`\``],
      ['a fence in an unknown language', `\`\`\`zzz\n${TROJAN}\`\`\``],
      ['a fence without a language', `\`\`\`\n${TROJAN}\`\`\``],
      ['indented code', `Text.\n\n    x = "a${RLO}b"\n`],
      ['a link and its title', `[doc${RLO}s](https://example.com/d "t${RLO}t")`],
      ['a table cell', `| a |\n|---|\n| b${ZWSP}c |`],
    ];
    for (const [where, answer] of cases) {
      it(`are shown as labels, never as the characters themselves, in ${where}`, () => {
        const html = renderMarkdown(answer);
        assert.equal(hasInvisibles(html), false, `a raw invisible character is left in: ${JSON.stringify(html)}`);
        assert.match(html, /<span class="invisible-char" data-cp="(202E|200B)" title="U\+(202E|200B) [A-Z -]+: an invisible character/);
      });
    }

    it('the streamed rendering shows them too', () => {
      const inc = new IncrementalMarkdown();
      let html = '';
      for (const ch of `Intro.\n\n\`\`\`python\n${TROJAN}\`\`\`\n\nMore text.\n`) {
        const u = inc.push(ch);
        html += u.append;
        if (u.tail) assert.equal(hasInvisibles(u.tail), false);
      }
      assert.equal(hasInvisibles(html), false);
      assert.equal((html + inc.push('').tail).match(/class="invisible-char"/g)?.length, 4);
    });
  });
});
