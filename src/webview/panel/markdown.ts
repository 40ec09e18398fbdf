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
import { isSafeHref } from '../../shared/protocol';

// Only a handful of languages: the full highlight.js build would multiply the webview bundle for little gain.
const LANGUAGES = { bash, c, cpp, csharp, go, java, javascript, json, python, rust, typescript };
for (const [name, lang] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, lang);

function highlight(code: string, lang: string): string {
  const name = lang.trim().toLowerCase();
  if (name === '' || !hljs.getLanguage(name)) return ''; // markdown-it escapes it as plain text
  try {
    return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  } catch {
    return '';
  }
}

function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, highlight });
  md.disable(['image', 'reference']);
  md.validateLink = (url: string) => isSafeHref(url);
  // A link opens through the extension (after a scheme check), never inside the webview: mark it for the click handler.
  const defaultOpen = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx].attrSet('rel', 'noreferrer noopener');
    tokens[idx].attrSet('data-external', '1');
    return defaultOpen ? defaultOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  return md;
}

const md = createMarkdown();

export function renderMarkdown(text: string): string {
  return md.render(text);
}
