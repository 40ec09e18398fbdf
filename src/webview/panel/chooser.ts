/**
 * The model chooser: one checkbox per model, configured models first (each with its host or endpoint), then the chat
 * models VS Code offers. Native checkboxes in a fieldset, so it works by keyboard and with a screen reader.
 */
import type { ChooserInfo, ModelChoice } from '../../shared/protocol';
import { effectiveSelection } from './choices';
import { h } from './dom';

export class Chooser {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly note: HTMLElement;
  private readonly count: HTMLElement;
  private info: ChooserInfo = { choices: [], offerNote: null };

  constructor(private readonly onChange: (selected: string[]) => void) {
    this.count = h('span', { class: 'chooser-count' });
    this.list = h('div', { class: 'chooser-list' });
    this.note = h('p', { class: 'note chooser-note', hidden: '' });
    const summary = h('summary', {}, 'Models ', this.count);
    this.el = h('details', { class: 'chooser', open: '' }, summary, h('fieldset', {}, h('legend', { class: 'visually-hidden' }, 'Models to compare'), this.list), this.note);
  }

  /** The ids ticked now, in chooser order. */
  selected(): string[] {
    return [...this.list.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].filter((i) => i.checked).map((i) => i.value);
  }

  get choices(): readonly ModelChoice[] {
    return this.info.choices;
  }

  render(info: ChooserInfo, selected: string[] | null): void {
    this.info = info;
    const ticked = new Set(effectiveSelection(info.choices, selected));
    const row = (c: ModelChoice) => {
      const box = h('input', { type: 'checkbox', value: c.id, 'data-model': c.id });
      box.checked = ticked.has(c.id);
      box.addEventListener('change', () => {
        this.updateCount();
        this.onChange(this.selected());
      });
      return h('label', { class: 'choice', title: `${c.model} · ${c.where}`, 'data-group': c.group }, box, h('span', { class: 'choice-label' }, c.label), h('span', { class: 'choice-where' }, c.where));
    };
    const configured = info.choices.filter((c) => c.group === 'configured');
    const chat = info.choices.filter((c) => c.group === 'vscode-lm');
    this.list.replaceChildren(
      h('div', { class: 'choice-group', role: 'group', 'aria-label': 'Configured models' }, ...configured.map(row)),
      h(
        'div',
        { class: 'choice-group', role: 'group', 'aria-label': 'VS Code chat models' },
        h('span', { class: 'choice-heading' }, 'VS Code chat models'),
        ...(chat.length ? chat.map(row) : [h('span', { class: 'choice-none' }, 'none offered (Copilot or another model extension adds them)')]),
      ),
    );
    this.note.textContent = info.offerNote ?? '';
    this.note.hidden = info.offerNote === null;
    this.updateCount();
  }

  private updateCount(): void {
    this.count.textContent = `(${this.selected().length} of ${this.info.choices.length})`;
  }
}
