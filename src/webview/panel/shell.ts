/** The static part of the view: composer, run controls, summary line, and the grid the columns go into. */
import { h } from './dom';

export interface Shell {
  form: HTMLFormElement;
  prompt: HTMLTextAreaElement;
  send: HTMLButtonElement;
  stop: HTMLButtonElement;
  includeContext: HTMLInputElement;
  modeRadios: HTMLInputElement[];
  modeNote: HTMLElement;
  /** Where the model chooser goes (built by chooser.ts). */
  chooserSlot: HTMLElement;
  history: HTMLSelectElement;
  openTab: HTMLButtonElement;
  notice: HTMLElement;
  runPrompt: HTMLElement;
  summary: HTMLElement;
  columns: HTMLElement;
}

export function buildShell(root: HTMLElement): Shell {
  const prompt = h('textarea', { id: 'prompt', rows: '4', placeholder: 'Ask every model the same thing… (Ctrl+Enter to send)', 'aria-label': 'Prompt' });
  const send = h('button', { type: 'submit', class: 'primary', title: 'Send to every model (Ctrl+Enter)' }, 'Compare');
  const stop = h('button', { type: 'button', class: 'secondary', title: 'Stop every column', 'aria-label': 'Stop all columns', disabled: '' }, 'Stop all');
  const includeContext = h('input', { type: 'checkbox', id: 'include-context' });
  const radio = (value: string) => h('input', { type: 'radio', name: 'mode', value });
  const modeRadios = [radio('parallel'), radio('sequential')];
  const history = h('select', { 'aria-label': 'Reopen a previous run' });
  const openTab = h('button', { type: 'button', class: 'secondary icon open-tab', title: 'Open in an editor tab', 'aria-label': 'Open in an editor tab' }, 'Open in tab');
  const modeNote = h('p', { class: 'note' }, 'Parallel: Ollama may queue local models (OLLAMA_NUM_PARALLEL), so their times can include queue wait.');
  const chooserSlot = h('div', { class: 'chooser-slot' });
  const form = h(
    'form',
    { class: 'composer', 'aria-label': 'New comparison' },
    prompt,
    h(
      'div',
      { class: 'controls' },
      send,
      stop,
      h('label', { class: 'check' }, includeContext, 'Include selection/file'),
      h(
        'fieldset',
        { class: 'mode' },
        h('legend', { class: 'visually-hidden' }, 'Run mode'),
        h('label', {}, modeRadios[0], 'Parallel'),
        h('label', {}, modeRadios[1], 'One after another'),
      ),
      history,
      openTab,
    ),
    modeNote,
    chooserSlot,
  );
  const notice = h('div', { class: 'notice', role: 'alert', hidden: '' });
  const runPrompt = h('p', { class: 'run-prompt', hidden: '' });
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  const columns = h('section', { class: 'columns', 'aria-label': 'Answers' });
  root.replaceChildren(form, notice, runPrompt, summary, columns);
  return { form, prompt, send, stop, includeContext, modeRadios, modeNote, chooserSlot, history, openTab, notice, runPrompt, summary, columns };
}
