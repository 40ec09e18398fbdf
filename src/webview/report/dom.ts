/** Tiny DOM helpers: every piece of data goes in through textContent, never as markup. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string | null, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function table(head: string[], rows: Array<Array<string | HTMLElement>>): HTMLTableElement {
  const t = el('table');
  const tr = el('tr');
  for (const h of head) tr.append(el('th', h));
  t.createTHead().append(tr);
  const body = t.createTBody();
  for (const row of rows) {
    const r = el('tr');
    for (const cell of row) {
      const td = el('td');
      if (typeof cell === 'string') td.textContent = cell;
      else td.append(cell);
      r.append(td);
    }
    body.append(r);
  }
  return t;
}

export const ms = (v: number | null): string => (v === null ? '–' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
export const num = (v: number | null, d = 1): string => (v === null ? '–' : v.toFixed(d));
export const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
export const bytes = (v: number | null): string => (v === null ? '–' : v >= 1e9 ? `${(v / 1e9).toFixed(1)} GB` : `${(v / 1e6).toFixed(0)} MB`);
