/**
 * Hostile model answers: what a model (or a prompt injection steering it) could send to make the product run
 * code, navigate, run a VS Code command, restyle the page, or hang the view. Every entry that tries to execute sets
 * `window.__pwned` (or calls `__pwned()`), so a page-level flag shows whether anything ran. Shared by the unit tests
 * of the exports and the HTTP endpoint and by the real-webview end-to-end scenario.
 */
export interface HostileAnswer {
  name: string;
  text: string;
}

const P = 'window.__pwned=1';

export const HOSTILE_ANSWERS: HostileAnswer[] = [
  { name: 'script tag', text: `Here you go:\n<script>${P}</script>` },
  { name: 'img onerror', text: `<img src=x onerror="${P}">` },
  { name: 'svg onload with script', text: `<svg onload="${P}"><script>${P}</script></svg>` },
  { name: 'iframe javascript: src', text: `<iframe src="javascript:${P}"></iframe>` },
  { name: 'iframe srcdoc', text: `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>` },
  { name: 'meta refresh', text: `<meta http-equiv="refresh" content="0;url=javascript:${P}">` },
  { name: 'meta CSP override', text: `<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline'"><script>${P}</script>` },
  { name: 'style tag (CSS injection)', text: '<style>body{display:none!important} *{background:url(https://evil.example/leak)}</style>' },
  { name: 'inline style overlay with onclick', text: `<div style="position:fixed;inset:0;z-index:9999;background:red" onclick="${P}">Click to continue</div>` },
  { name: 'javascript: link', text: `[click me](javascript:${P})` },
  { name: 'mixed-case javascript: link', text: `[click](JaVaScRiPt:${P})` },
  { name: 'entity-encoded javascript: link', text: `[x](&#106;avascript:${P})` },
  { name: 'data: HTML link', text: '[open](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+)' },
  { name: 'command: link', text: '[Run this](command:workbench.action.terminal.new)' },
  { name: 'command: link with arguments', text: '[Set key](command:llmCompare.setApiKey?%5B%22hf_x%22%5D)' },
  { name: 'raw command: anchor', text: '<a href="command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D">fix it</a>' },
  { name: 'vscode: URI link', text: '[install](vscode:extension/evil.pwn)' },
  { name: 'reference-style javascript: link', text: `[ref][1]\n\n[1]: javascript:${P}` },
  { name: 'javascript: autolink', text: `<javascript:${P}>` },
  { name: 'javascript: image', text: `![img](javascript:${P})` },
  { name: 'remote tracking image', text: '![pixel](https://tracker.example/p.png?leak=1)' },
  { name: 'HTML inside a code fence', text: `\`\`\`html\n<script>${P}</script>\n<img src=x onerror="${P}">\n\`\`\`` },
  { name: 'fence breakout attempt', text: `\`\`\`\`\n\`\`\`\n</code></pre><script>${P}</script>\n\`\`\`\`\n</code></pre><img src=x onerror="${P}">` },
  { name: 'mXSS: svg style img', text: `<svg><style><img src=x onerror="${P}"></style></svg>` },
  { name: 'mXSS: math mglyph style', text: `<math><mtext><table><mglyph><style><img src=x onerror="${P}">` },
  { name: 'mXSS: noscript title', text: `<noscript><p title="</noscript><img src=x onerror=${P}>">` },
  { name: 'form with javascript: action', text: `<form action="javascript:${P}"><button>Submit</button></form>` },
  { name: 'object and embed', text: `<object data="javascript:${P}"></object><embed src="javascript:${P}">` },
  { name: 'base href hijack', text: '<base href="javascript:/">[relative](a/b)' },
  { name: 'external stylesheet', text: '<link rel="stylesheet" href="https://evil.example/x.css">' },
  { name: 'details ontoggle', text: `<details open ontoggle="${P}"><summary>x</summary></details>` },
  { name: 'unterminated tag with handler', text: `<img src="x" onerror="${P}" ` },
  { name: 'very long line (200,000 characters)', text: 'A'.repeat(200_000) },
  { name: 'terminal control characters', text: 'red \x1b[31mRED\x1b[0m bell \x07 nul \x00 back\x08\x08 cr\roverwrite \x1b]0;title\x07' },
  { name: 'lone surrogates', text: 'high \ud800 alone, low \udfff alone, reversed \udc00\ud800' },
  { name: 'bidi overrides (Trojan Source)', text: 'access = "user\u202e \u2066// admin\u2069 \u2066" // ok\nif (isAdmin) {\u202c' },
  { name: '1,000 nested lists', text: Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n') },
  { name: '1,000 nested blockquotes', text: `${'>'.repeat(1000)} deep` },
];

/** Tag names in order, e.g. ['html', 'head', ...]: two HTML documents built from the same template have the same list. */
export function tagSequence(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w:-]*)/g)].map((m) => m[1].toLowerCase());
}
