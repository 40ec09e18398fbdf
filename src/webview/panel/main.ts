/**
 * The comparison webview (browser side). Draws what the extension says and reports what the user does, through the
 * typed protocol only. It says `ready` first; everything it shows can be redrawn from the `init` snapshot, which is
 * how it survives being hidden and shown (the draft prompt is kept with setState).
 */
import type { EngineOfferView } from '../../shared/engine-offer';
import { assertNever, type ChooserInfo, type FromWebview, type HistoryEntry, type Prefs, type RunSnapshot, type ToWebview } from '../../shared/protocol';
import { Chooser } from './chooser';
import { effectiveSelection } from './choices';
import { ColumnView } from './column';
import { codeText } from './dom';
import { fastest, summaryLine } from './format';
import { engineOfferBox } from './offer';
import { buildShell, MODE_NOTE, type Shell } from './shell';
import { voteBar, voteKey } from './vote';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  draft: string;
  /** The run on screen when the draft was saved: once another run has started, that run's prompt wins. */
  draftRunId: string | null;
  prefs: Prefs;
}

const vscode = acquireVsCodeApi();
const saved = vscode.getState() as Partial<SavedState> | undefined;
const ui: Shell = buildShell(document.getElementById('app')!);
let prefs: Prefs = { mode: 'parallel', includeContext: false, selected: null, ...saved?.prefs };
let run: RunSnapshot | null = null;
let models: ChooserInfo = { choices: [], offerNote: null };
const chooser = new Chooser((selected) => {
  prefs = { ...prefs, selected };
  persist();
  post({ type: 'prefs', prefs });
  if (!run) showRun(null);
});
ui.chooserSlot.replaceChildren(chooser.el);
const views = new Map<string, ColumnView>();
const dirty = new Set<ColumnView>();
let frame = 0;

ui.prompt.value = saved?.draft ?? '';
applyPrefs(prefs);

const post = (m: FromWebview) => vscode.postMessage(m);
const persist = () => vscode.setState({ draft: ui.prompt.value, draftRunId: run?.runId ?? null, prefs } satisfies SavedState);

function requestFrame(view: ColumnView): void {
  dirty.add(view);
  frame ||= requestAnimationFrame(() => {
    frame = 0;
    for (const v of dirty) v.renderFrame();
    dirty.clear();
  });
}

function applyPrefs(p: Prefs): void {
  prefs = p;
  ui.includeContext.checked = p.includeContext;
  for (const r of ui.modeRadios) r.checked = r.value === p.mode;
  ui.blind.checked = p.blind === true;
  ui.modeNote.hidden = p.mode !== 'parallel' || p.blind === true;
  ui.modeNote.textContent = p.blind ? '' : MODE_NOTE;
}

function readPrefs(): Prefs {
  const mode = ui.modeRadios.find((r) => r.checked)?.value === 'sequential' ? 'sequential' : 'parallel';
  return { mode, includeContext: ui.includeContext.checked, blind: ui.blind.checked, selected: prefs.selected };
}

/** The chosen models as idle columns, before any run. */
function idleColumns() {
  const chosen = new Set(effectiveSelection(models.choices, prefs.selected));
  return models.choices.filter((m) => chosen.has(m.id)).map((m) => ({ id: m.id, label: m.label, provider: m.provider, model: m.model, where: m.where, status: 'queued' as const, text: '', error: null, metrics: null }));
}

function showRun(next: RunSnapshot | null): void {
  run = next;
  views.clear();
  dirty.clear();
  const columns = next?.columns ?? idleColumns();
  ui.columns.dataset.count = String(columns.length);
  ui.columns.replaceChildren(
    ...columns.map((c) => {
      // After a blind vote the letter the user judged stays beside the revealed name.
      const letter = next?.blind?.vote ? next.blind.letters[c.id] : undefined;
      const v = new ColumnView(letter ? { ...c, label: `Model ${letter}: ${c.label}` } : c, requestFrame);
      views.set(c.id, v);
      return v.el;
    }),
  );
  ui.columns.classList.toggle('idle', !next);
  if (next) ui.prompt.value = next.prompt;
  ui.runPrompt.textContent = next ? `Prompt: ${next.prompt}` : '';
  ui.runPrompt.hidden = !next;
  updateSummary();
  persist();
}

function updateSummary(): void {
  const cols = [...views.values()].map((v) => v.col);
  // Without a run the columns are only the configured models, idle: nothing is running.
  const running = run !== null && cols.some((c) => ['queued', 'connecting', 'waiting', 'streaming'].includes(c.status));
  ui.stop.disabled = !run || !running;
  const finished = run !== null && !running;
  ui.summary.textContent = finished ? summaryLine(cols) : running ? 'Running…' : '';
  const bar = run ? voteBar(run, running, castVote, () => post({ type: 'openLeaderboard' })) : null;
  const shown = ui.voteSlot.firstElementChild as HTMLElement | null;
  // Redraw only when the bar's state changed, so keyboard focus inside it is not lost on every status message.
  const key = bar ? `${run?.runId}/${running}/${run?.blind?.vote ? 'voted' : 'open'}` : '';
  if (ui.voteSlot.dataset.key !== key || (!!shown !== !!bar)) {
    ui.voteSlot.dataset.key = key;
    ui.voteSlot.replaceChildren(...(bar ? [bar] : []));
  }
  const f = finished && cols.filter((c) => c.status === 'done').length > 1 ? fastest(cols) : { ttft: null, total: null };
  for (const v of views.values()) v.markFastest(f.ttft?.id === v.col.id, f.total?.id === v.col.id);
}

function castVote(verdict: 'best' | 'rank' | 'tie' | 'bad', ranking: string[][]): void {
  if (!run) return;
  post({ type: 'vote', runId: run.runId, verdict, ranking });
  // Until the reveal arrives the choice cannot be made twice.
  ui.voteSlot.querySelectorAll('button, select').forEach((el) => ((el as HTMLButtonElement).disabled = true));
}

document.addEventListener('keydown', (e) => {
  if (voteKey(e, ui.voteSlot.firstElementChild as HTMLElement | null)) e.preventDefault();
});

function showHistory(entries: HistoryEntry[]): void {
  const options = entries.map((e) => {
    const o = document.createElement('option');
    o.value = e.runId;
    o.textContent = `${new Date(e.startedAt).toLocaleString()} · ${e.ok}/${e.total} ok · ${e.prompt.replace(/\s+/g, ' ').slice(0, 60)}`;
    return o;
  });
  const head = document.createElement('option');
  head.value = '';
  head.textContent = entries.length ? `History (${entries.length})` : 'No history yet';
  ui.history.replaceChildren(head, ...options);
}

function showNotice(level: 'info' | 'error', message: string): void {
  ui.notice.textContent = message;
  ui.notice.dataset.level = level;
  ui.notice.hidden = false;
}

/** The offer is redrawn only when what it says changed, so keyboard focus on its button survives a refresh. */
function showOffer(offer: EngineOfferView | null): void {
  const key = offer ? JSON.stringify(offer) : '';
  if (ui.offerSlot.dataset.key === key) return;
  ui.offerSlot.dataset.key = key;
  ui.offerSlot.replaceChildren(...(offer ? [engineOfferBox(offer, () => post({ type: 'setUpEngine' }))] : []));
}

/** A stream message for another run (an old one, or one replaced by a history entry) is dropped. */
function viewFor(m: { runId: string; columnId: string }): ColumnView | undefined {
  return run?.runId === m.runId ? views.get(m.columnId) : undefined;
}

function onMessage(m: ToWebview): void {
  switch (m.type) {
    case 'init':
      models = m.models;
      applyPrefs(m.prefs);
      chooser.render(models, prefs.selected);
      showHistory(m.history);
      showRun(m.run);
      // A draft typed after the last run survives a reload; one overtaken by a newer run (from the other view) does not.
      if (saved?.draft && (saved.draftRunId ?? null) === (m.run?.runId ?? null)) ui.prompt.value = saved.draft;
      return;
    case 'models':
      models = m.models;
      chooser.render(models, prefs.selected);
      if (!run) showRun(null);
      return;
    case 'history':
      return showHistory(m.entries);
    case 'run':
      ui.notice.hidden = true;
      return showRun(m.run);
    case 'status':
      viewFor(m)?.setStatus({ ...viewFor(m)!.col, status: m.phase, detail: m.detail, retryInMs: m.retryInMs, attempt: m.attempt });
      return updateSummary();
    case 'delta':
      return viewFor(m)?.appendText(m.text);
    case 'reasoning':
      return viewFor(m)?.appendReasoning(m.text);
    case 'columnDone': {
      const v = viewFor(m);
      if (!v) return;
      // The deltas and the final text should agree; if a message was lost, the final text wins.
      if (v.col.text.length !== m.column.text.length) v.reset(m.column);
      else v.setStatus(m.column);
      return updateSummary();
    }
    case 'columnReset':
      viewFor(m)?.reset({ ...viewFor(m)!.col, status: 'queued', text: '', reasoning: '', finishReason: null, error: null, metrics: null });
      return updateSummary();
    case 'runFinished':
      if (run?.runId === m.runId) updateSummary();
      return;
    case 'notice':
      return showNotice(m.level, m.message);
    case 'engineOffer':
      return showOffer(m.offer);
    default:
      assertNever(m);
  }
}

function send(): void {
  const prompt = ui.prompt.value.trim();
  if (!prompt) return ui.prompt.focus();
  post({ type: 'run', prompt, prefs: readPrefs() });
}

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  send();
});
ui.prompt.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    send();
  }
});
ui.prompt.addEventListener('input', persist);
ui.stop.addEventListener('click', () => run && post({ type: 'stop', runId: run.runId }));
ui.openTab.addEventListener('click', () => post({ type: 'openInTab' }));
ui.history.addEventListener('change', () => {
  if (ui.history.value) post({ type: 'openHistory', runId: ui.history.value });
  ui.history.value = '';
});
const onPrefs = () => {
  applyPrefs(readPrefs());
  persist();
  post({ type: 'prefs', prefs });
};
ui.includeContext.addEventListener('change', onPrefs);
ui.blind.addEventListener('change', onPrefs);
ui.modeRadios.forEach((r) => r.addEventListener('change', onPrefs));

// One listener for every column: buttons carry data-action, links are opened by the extension, never in here.
ui.columns.addEventListener('click', (e) => {
  const target = e.target as Element;
  const link = target.closest('a');
  if (link) {
    // VS Code's webview host listens for link clicks on the window and opens them itself, without our checks: the
    // click stops here so that the extension's path (scheme check, then link protection) is the only one.
    e.preventDefault();
    e.stopPropagation();
    const href = link.getAttribute('href');
    if (href) post({ type: 'openLink', href });
    return;
  }
  const btn = target.closest('button[data-action]');
  const col = target.closest<HTMLElement>('[data-column]')?.dataset.column;
  if (!btn || !col || !run) return;
  const ids = { runId: run.runId, columnId: col };
  const action = btn.getAttribute('data-action');
  if (action === 'copy-code') {
    const code = btn.closest('.code-block')?.querySelector('pre code');
    post({ type: 'copyText', text: code ? codeText(code) : '' });
    btn.textContent = 'Copied';
    setTimeout(() => (btn.textContent = 'Copy'), 1200);
  } else if (action === 'insert' || action === 'replace' || action === 'diff' || action === 'copy') post({ type: 'action', action, ...ids });
  else if (action === 'stop') post({ type: 'stop', ...ids });
  else if (action === 'retry') post({ type: 'retry', ...ids });
  else if (action === 'fix') {
    const fix = btn.getAttribute('data-fix');
    if (fix === 'set-api-key' || fix === 'pull-model' || fix === 'start-ollama' || fix === 'open-settings' || fix === 'retry') post({ type: 'fix', fix, ...ids });
  }
});

setInterval(() => {
  const now = performance.now();
  for (const v of views.values()) v.tick(now);
}, 1000);

/**
 * While a blind run is sealed the chooser is taken out of the page: its ticked names would say which models are
 * answering, and nothing on the page may name a model before the vote.
 */
function syncChooser(): void {
  const sealed = run?.blind !== undefined && run.blind.vote === null;
  if (sealed && chooser.el.isConnected) ui.chooserSlot.replaceChildren();
  else if (!sealed && !chooser.el.isConnected) ui.chooserSlot.replaceChildren(chooser.el);
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const data = e.data;
  if (typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string') {
    onMessage(data as ToWebview);
    syncChooser();
  }
});
post({ type: 'ready' });
