/**
 * One model's column. The answer is drawn by an IncrementalMarkdown: finished blocks are appended once, the live
 * tail is redrawn at most once per animation frame however many deltas arrived, so the cost per frame does not grow
 * with the length of the answer.
 */
import { providerLabel } from './choices';
import { FIX_LABELS, badgesFor, statusText } from './format';
import { IncrementalMarkdown } from './incremental';
import { addCopyButtons, button, h } from './dom';
import type { ColumnSnapshot } from '../../shared/protocol';

export class ColumnView {
  readonly el: HTMLElement;
  private readonly statusEl: HTMLElement;
  private readonly badgesEl: HTMLElement;
  private readonly errorEl: HTMLElement;
  private readonly blocksEl: HTMLElement;
  private readonly tailEl: HTMLElement;
  /** Thinking text: collapsed, plain text only, never part of what Insert / Copy take. */
  private readonly thinkingEl: HTMLDetailsElement;
  private readonly thinkingText: HTMLElement;
  private readonly stopBtn: HTMLButtonElement;
  private markdown = new IncrementalMarkdown();
  private unrendered = '';
  /** When the HF "model loading" wait ends, on this page's clock. */
  private waitUntil: number | null = null;

  constructor(public col: ColumnSnapshot, private readonly requestFrame: (view: ColumnView) => void) {
    const provider = col.provider === 'hidden' ? null : providerLabel(col);
    this.statusEl = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.badgesEl = h('ul', { class: 'badges', 'aria-label': `Timings of ${col.label}` });
    this.errorEl = h('div', { class: 'error', role: 'alert', hidden: '' });
    this.blocksEl = h('div', { class: 'blocks' });
    this.tailEl = h('div', { class: 'tail' });
    this.stopBtn = button('stop', 'Stop', `Stop ${col.label}`);
    this.thinkingText = h('pre', { class: 'thinking-text' });
    this.thinkingEl = h('details', { class: 'thinking', hidden: '' }, h('summary', {}, 'Thinking'), this.thinkingText);
    this.el = h(
      'article',
      { class: 'column', 'data-column': col.id, 'aria-label': col.label },
      h(
        'header',
        {},
        h('h2', { class: 'label' }, col.label),
        provider === null ? h('span', { class: 'model' }, 'hidden until you vote') : h('span', { class: 'model', title: col.model, 'data-provider': col.provider }, `${provider} · ${col.model}`),
        // A sealed (blind) column has no host: sealColumn does not carry it.
        ...(col.host ? [h('span', { class: 'host', title: `Runs at ${col.host}` }, col.host)] : []),
      ),
      this.statusEl,
      this.badgesEl,
      this.errorEl,
      this.thinkingEl,
      h('div', { class: 'answer markdown', tabindex: '0', 'aria-label': `Answer of ${col.label}` }, this.blocksEl, this.tailEl),
      h(
        'div',
        { class: 'actions', role: 'toolbar', 'aria-label': `Actions for ${col.label}` },
        button('insert', 'Insert', `Insert the code of ${col.label} at the cursor`),
        button('replace', 'Replace', `Replace the selection with the code of ${col.label}`),
        button('diff', 'Diff', `Show a diff of the selection against ${col.label}`),
        button('copy', 'Copy', `Copy the answer of ${col.label}`),
        this.stopBtn,
        button('retry', 'Retry', `Run ${col.label} again`),
      ),
    );
    this.reset(col);
  }

  /** Redraws from a snapshot (init, history, retry). */
  reset(col: ColumnSnapshot): void {
    this.col = { ...col, text: '', reasoning: '' };
    this.markdown = new IncrementalMarkdown();
    this.blocksEl.replaceChildren();
    this.tailEl.replaceChildren();
    this.unrendered = '';
    this.thinkingText.textContent = '';
    this.thinkingEl.hidden = true;
    this.appendReasoning(col.reasoning ?? '');
    this.appendText(col.text);
    this.setStatus(col);
  }

  /** Thinking text goes to its own collapsed part, as text (model output never becomes live HTML). */
  appendReasoning(text: string): void {
    if (!text) return;
    this.col.reasoning = (this.col.reasoning ?? '') + text;
    this.thinkingText.append(text);
    this.thinkingEl.hidden = false;
  }

  appendText(text: string): void {
    if (!text) return;
    this.col.text += text;
    this.unrendered += text;
    this.requestFrame(this);
  }

  /** Called once per animation frame when text arrived since the last one. */
  renderFrame(): void {
    if (!this.unrendered) return;
    const update = this.markdown.push(this.unrendered);
    this.unrendered = '';
    if (update.append) {
      const before = this.blocksEl.lastElementChild;
      this.blocksEl.insertAdjacentHTML('beforeend', update.append);
      const added: Element[] = [];
      for (let n = before ? before.nextElementSibling : this.blocksEl.firstElementChild; n; n = n.nextElementSibling) added.push(n);
      addCopyButtons(added);
    }
    this.tailEl.innerHTML = update.tail;
    addCopyButtons([this.tailEl]);
  }

  setStatus(next: Omit<ColumnSnapshot, 'text'> & { text?: string }): void {
    this.col = { ...this.col, ...next, text: this.col.text };
    const c = this.col;
    this.waitUntil = c.status === 'waiting' && c.retryInMs !== undefined ? performance.now() + c.retryInMs : null;
    this.el.dataset.status = c.status;
    this.statusEl.textContent = statusText(c);
    const running = c.status === 'queued' || c.status === 'connecting' || c.status === 'waiting' || c.status === 'streaming';
    this.stopBtn.disabled = !running;
    this.drawBadges();
    this.drawError();
  }

  /** Once a second while HF loads the model. */
  tick(now: number): void {
    if (this.waitUntil !== null) this.statusEl.textContent = statusText(this.col, this.waitUntil - now);
  }

  markFastest(ttft: boolean, total: boolean): void {
    this.badgesEl.querySelector('[data-badge="ttft"]')?.classList.toggle('fastest', ttft);
    this.badgesEl.querySelector('[data-badge="total"]')?.classList.toggle('fastest', total);
  }

  private drawBadges(): void {
    const items = badgesFor(this.col).map((b) =>
      h('li', { class: `badge${b.server ? ' server' : ''}`, 'data-badge': b.key, 'aria-label': b.label, title: b.label }, b.text),
    );
    this.badgesEl.replaceChildren(...items);
    this.badgesEl.hidden = items.length === 0;
  }

  private drawError(): void {
    const e = this.col.status === 'error' ? this.col.error : null;
    this.errorEl.hidden = !e;
    if (!e) return this.errorEl.replaceChildren();
    const fix = e.fix ? button('fix', FIX_LABELS[e.fix], `${FIX_LABELS[e.fix]} (fixes: ${e.message})`, { 'data-fix': e.fix }) : null;
    this.errorEl.replaceChildren(h('p', { class: 'message' }, e.message), ...(fix ? [fix] : []));
  }
}
