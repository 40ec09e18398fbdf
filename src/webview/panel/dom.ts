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

/** Gives every code block in `root` (or only in the given new nodes) a copy button, once. */
export function addCopyButtons(nodes: Iterable<Element>): void {
  for (const node of nodes) {
    const pres = node.matches('pre') ? [node] : Array.from(node.querySelectorAll('pre'));
    for (const pre of pres) {
      if (pre.querySelector(':scope > button.copy-code')) continue;
      pre.prepend(button('copy-code', 'Copy', 'Copy this code block', { class: 'copy-code' }));
    }
  }
}
