/**
 * The leaderboard webview: a table of what the extension computed, filters and buttons. Text goes in through
 * textContent only (labels are user text).
 */
import type { LeaderboardRow } from '../../core/judge/leaderboard';
import type { FromLeaderboard, ToLeaderboard } from '../../shared/leaderboard-protocol';
import { h } from '../panel/dom';

declare function acquireVsCodeApi(): { postMessage(m: FromLeaderboard): void };
const vscode = acquireVsCodeApi();
const post = (m: FromLeaderboard) => vscode.postMessage(m);

const language = h('select', { id: 'language', 'aria-label': 'Language of the context' });
const from = h('input', { type: 'date', id: 'from', 'aria-label': 'Votes from (date)' });
const to = h('input', { type: 'date', id: 'to', 'aria-label': 'Votes until (date)' });
const exportJson = h('button', { type: 'button', 'data-action': 'export-json' }, 'Export JSON');
const exportCsv = h('button', { type: 'button', 'data-action': 'export-csv' }, 'Export CSV');
const reset = h('button', { type: 'button', class: 'danger', 'data-action': 'reset' }, 'Reset votes…');
const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
const body = h('tbody');
const table = h(
  'table',
  { class: 'board', 'aria-label': 'Leaderboard' },
  h('thead', {}, h('tr', {}, ...['Model', 'Votes', 'Wins', 'Losses', 'Ties', 'All bad', 'Strength (95 % CI)'].map((t) => h('th', { scope: 'col' }, t)))),
  body,
);
document.getElementById('app')!.replaceChildren(
  h('h1', {}, 'Blind votes: leaderboard'),
  h('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' }, h('label', {}, 'Language ', language), h('label', {}, 'From ', from), h('label', {}, 'To ', to), exportJson, exportCsv, reset),
  summary,
  table,
  h('p', { class: 'note' }, 'Strength: a Bradley–Terry fit of every pairwise outcome (a tie counts half), on an Elo-like scale where 1000 is the average of the models shown; the interval is the 2.5–97.5 percentile of a bootstrap over votes.'),
);

function strength(r: LeaderboardRow, min: number): string {
  if (!r.enough || r.rating === null) return `not enough votes yet (${r.votes} of ${min})`;
  return `${Math.round(r.rating)} (${Math.round(r.ci?.low ?? r.rating)}–${Math.round(r.ci?.high ?? r.rating)})`;
}

function show(m: ToLeaderboard): void {
  const current = m.filter.language ?? '';
  language.replaceChildren(
    h('option', { value: '' }, 'All languages'),
    ...m.languages.map((l) => h('option', { value: l }, l)),
    h('option', { value: 'none' }, 'No context'),
  );
  language.value = current;
  from.value = m.filter.from ?? '';
  to.value = m.filter.to ?? '';
  summary.textContent = `${m.board.totalVotes} of ${m.stored} votes shown (${m.scope === 'global' ? 'all workspaces' : 'this workspace'}).${m.stored === 0 ? ' Turn on "Blind" in the comparison panel and vote to fill this table.' : ''}`;
  body.replaceChildren(
    ...m.board.rows.map((r) =>
      h(
        'tr',
        { 'data-model': r.key },
        h('th', { scope: 'row' }, h('span', { class: 'label' }, r.label), h('span', { class: 'model' }, ` ${r.provider} · ${r.model}`)),
        ...[r.votes, r.wins, r.losses, r.ties, r.allBad].map((n) => h('td', {}, String(n))),
        h('td', { class: r.enough ? 'rating' : 'rating few' }, strength(r, m.board.minVotes)),
      ),
    ),
  );
  exportJson.disabled = exportCsv.disabled = reset.disabled = m.stored === 0;
}

const onFilter = () => post({ type: 'filter', filter: { ...(language.value ? { language: language.value } : {}), ...(from.value ? { from: from.value } : {}), ...(to.value ? { to: to.value } : {}) } });
language.addEventListener('change', onFilter);
from.addEventListener('change', onFilter);
to.addEventListener('change', onFilter);
exportJson.addEventListener('click', () => post({ type: 'export', format: 'json' }));
exportCsv.addEventListener('click', () => post({ type: 'export', format: 'csv' }));
reset.addEventListener('click', () => post({ type: 'reset' }));

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const d = e.data as ToLeaderboard | null;
  if (d && d.type === 'board') show(d);
});
post({ type: 'ready' });
