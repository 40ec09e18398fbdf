/** A tiny element builder: text only goes through textContent, so nothing here can turn a string into markup. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

export function button(action: string, text: string, label: string, extra: Record<string, string> = {}): HTMLButtonElement {
  return h('button', { type: 'button', 'data-action': action, 'aria-label': label, title: label, ...extra }, text);
}

/**
 * Gives every code block in the given nodes a header row with its language and a copy button, once. The button sits
 * in that row, above the code, so it never covers the end of a long line (nor scrolls away with it).
 */
export function addCopyButtons(nodes: Iterable<Element>): void {
  for (const node of nodes) {
    const pres = node.matches('pre') ? [node] : Array.from(node.querySelectorAll('pre'));
    for (const pre of pres) {
      if (pre.parentElement?.classList.contains('code-block')) continue;
      const lang = /\blanguage-([\w+#.-]+)/.exec(pre.querySelector('code')?.className ?? '')?.[1] ?? '';
      const head = h('div', { class: 'code-head' }, h('span', { class: 'code-lang' }, lang), button('copy-code', 'Copy', 'Copy this code block', { class: 'copy-code' }));
      const block = h('div', { class: 'code-block' }, head);
      pre.replaceWith(block);
      block.append(pre);
    }
  }
}

/** The code of a block as the model wrote it: invisible characters shown as labels go back to being themselves. */
export function codeText(code: Element): string {
  const copy = code.cloneNode(true) as Element;
  for (const mark of Array.from(copy.querySelectorAll<HTMLElement>('.invisible-char'))) {
    const cp = Number.parseInt(mark.dataset.cp ?? '', 16);
    mark.replaceWith(Number.isFinite(cp) ? String.fromCodePoint(cp) : '');
  }
  return copy.textContent ?? '';
}
