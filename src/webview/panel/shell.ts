/** The static part of the view: composer, run controls, summary line, and the grid the columns go into. */
import { h } from './dom';

export interface Shell {
  form: HTMLFormElement;
  prompt: HTMLTextAreaElement;
  send: HTMLButtonElement;
  stop: HTMLButtonElement;
  includeContext: HTMLInputElement;
  modeRadios: HTMLInputElement[];
  blind: HTMLInputElement;
  voteSlot: HTMLElement;
  modeNote: HTMLElement;
  /** Where the model chooser goes (built by chooser.ts). */
  chooserSlot: HTMLElement;
  history: HTMLSelectElement;
  openTab: HTMLButtonElement;
  notice: HTMLElement;
  /** Where the built-in engine's first-run offer goes (offer.ts). */
  offerSlot: HTMLElement;
  runPrompt: HTMLElement;
  summary: HTMLElement;
  columns: HTMLElement;
}

/** Not shown in blind mode: it names a provider, and timings are hidden until the vote anyway. */
export const MODE_NOTE = 'Parallel: Ollama may queue local models (OLLAMA_NUM_PARALLEL), so their times can include queue wait.';

export function buildShell(root: HTMLElement): Shell {
  const prompt = h('textarea', { id: 'prompt', rows: '4', placeholder: 'Ask every model the same thing… (Ctrl+Enter to send)', 'aria-label': 'Prompt' });
  const send = h('button', { type: 'submit', class: 'primary', title: 'Send to every model (Ctrl+Enter)' }, 'Compare');
  const stop = h('button', { type: 'button', class: 'secondary', title: 'Stop every column', 'aria-label': 'Stop all columns', disabled: '' }, 'Stop all');
  const includeContext = h('input', { type: 'checkbox', id: 'include-context' });
  const blind = h('input', { type: 'checkbox', id: 'blind', 'aria-describedby': 'blind-note' });
  const radio = (value: string) => h('input', { type: 'radio', name: 'mode', value });
  const modeRadios = [radio('parallel'), radio('sequential')];
  const history = h('select', { 'aria-label': 'Reopen a previous run' });
  const openTab = h('button', { type: 'button', class: 'secondary icon open-tab', title: 'Open in an editor tab', 'aria-label': 'Open in an editor tab' }, 'Open in tab');
  const modeNote = h('p', { class: 'note' }, MODE_NOTE);
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
      h('label', { class: 'check', title: 'Shuffle the columns and hide model names, providers and timings until you vote' }, blind, 'Blind'),
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
    h('p', { class: 'visually-hidden', id: 'blind-note' }, 'Blind: columns are shuffled and named Model A, B, C until you vote.'),
  );
  const notice = h('div', { class: 'notice', role: 'alert', hidden: '' });
  const offerSlot = h('div', { class: 'offer-slot' });
  const runPrompt = h('p', { class: 'run-prompt', hidden: '' });
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  const columns = h('section', { class: 'columns', 'aria-label': 'Answers' });
  const voteSlot = h('div', { class: 'vote-slot' });
  root.replaceChildren(form, notice, offerSlot, runPrompt, summary, voteSlot, columns);
  return { form, prompt, send, stop, includeContext, modeRadios, blind, voteSlot, modeNote, chooserSlot, history, openTab, notice, offerSlot, runPrompt, summary, columns };
}
