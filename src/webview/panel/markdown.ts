/**
 * Markdown → HTML string for model answers. Pure (no DOM), so it runs under plain node for tests and the bench.
 * Model output is untrusted: raw HTML is off (it is shown as text), links are limited to http(s)/mailto, images are
 * off (a remote image would be a tracking beacon, and the CSP blocks it anyway), and reference definitions are off
 * because a definition at the end of an answer would change how earlier, already rendered, blocks look.
 */
import MarkdownIt from 'markdown-it';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import typescript from 'highlight.js/lib/languages/typescript';
import { codePointLabel, INVISIBLE_RE, invisibleKind } from '../../core/invisible';
import { isSafeHref } from '../../shared/protocol';

// Only a handful of languages: the full highlight.js build would multiply the webview bundle for little gain.
const LANGUAGES = { bash, c, cpp, csharp, go, java, javascript, json, python, rust, typescript };
for (const [name, lang] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, lang);

/**
 * Invisible characters (bidi overrides, zero-width spaces) in escaped HTML text become a visible label, as VS Code's
 * editor shows them: a right-to-left override must not silently reorder a line of code. The character itself is
 * kept only as a code point in a data attribute (Copy puts it back), so it cannot act on the page. Only ever applied
 * to escaped text or highlight.js output, where the characters can only be in text, never inside a tag.
 */
export function revealInvisiblesHtml(escaped: string): string {
  return escaped.replace(INVISIBLE_RE, (c) => {
    const label = codePointLabel(c);
    const kind = invisibleKind(c);
    const title = `${label} ${kind?.name ?? ''}: an invisible character in the answer${kind?.bidi ? ' that can reorder the text around it' : ''}`;
    return `<span class="invisible-char" data-cp="${label.slice(2)}" title="${title}">${label}</span>`;
  });
}

/** A line-break opportunity at least this often inside a run of text without spaces. */
const MAX_UNBROKEN = 80;

/**
 * Escaped, revealed text with a `<wbr>` every MAX_UNBROKEN characters of any run without whitespace. Chromium lays
 * out a long unbreakable run (a minified line, a base64 blob, 200,000 × "A") in quadratic time with the system UI
 * font and `overflow-wrap: anywhere`: 30,000 characters froze the view for 17 s, 200,000 for minutes. With break
 * opportunities it takes milliseconds; the text itself (and Copy, which uses the answer, not the DOM) is unchanged.
 */
export function breakableHtml(text: string): string {
  if (text.length <= MAX_UNBROKEN) return revealInvisiblesHtml(escapeHtml(text));
  const pieces: string[] = [];
  let start = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 10 || code === 9) run = 0;
    else if (++run >= MAX_UNBROKEN && !(code >= 0xd800 && code <= 0xdbff)) {
      pieces.push(text.slice(start, i + 1));
      start = i + 1;
      run = 0;
    }
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces.map((p) => revealInvisiblesHtml(escapeHtml(p))).join('<wbr>');
}

function highlight(code: string, lang: string): string {
  const name = lang.trim().toLowerCase();
  let html = '';
  if (name !== '' && hljs.getLanguage(name)) {
    try {
      html = hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
    } catch {
      html = '';
    }
  }
  // Non-empty output is used as is by markdown-it, so plain text is escaped here.
  return revealInvisiblesHtml(html || escapeHtml(code));
}

function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, highlight });
  md.disable(['image', 'reference']);
  md.validateLink = (url: string) => isSafeHref(url);
  // A link opens through the extension (after a scheme check), never inside the webview: mark it for the click handler.
  const rules = md.renderer.rules;
  rules.text = (tokens, idx) => breakableHtml(tokens[idx].content);
  rules.code_inline = (tokens, idx, _o, _e, self) => `<code${self.renderAttrs(tokens[idx])}>${breakableHtml(tokens[idx].content)}</code>`;
  rules.code_block = (tokens, idx, _o, _e, self) => `<pre${self.renderAttrs(tokens[idx])}><code>${highlight(tokens[idx].content, '')}</code></pre>\n`;
  const defaultOpen = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx].attrSet('rel', 'noreferrer noopener');
    tokens[idx].attrSet('data-external', '1');
    // A title is shown as a tooltip: the hidden characters would act there too.
    const title = tokens[idx].attrGet('title');
    if (title) tokens[idx].attrSet('title', title.replace(INVISIBLE_RE, (c) => `[${codePointLabel(c)}]`));
    return defaultOpen ? defaultOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  return md;
}

const md = createMarkdown();

function escapeHtml(s: string): string {
  return md.utils.escapeHtml(s);
}

export function renderMarkdown(text: string): string {
  return md.render(text);
}
