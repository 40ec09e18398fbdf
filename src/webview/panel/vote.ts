/**
 * The verdict bar of a blind run: "A is best" for each column, "Tie", "All bad", and (three columns or more) a
 * full ranking. Every control is a real button or select with a spoken label; keys work too while focus is not in
 * a text field: the column's letter = that one is best, `=` = tie, `0` = all bad.
 */
import type { VoteVerdict } from '../../core/judge/votes';
import type { RunSnapshot } from '../../shared/protocol';
import { h } from './dom';

export type CastVote = (verdict: VoteVerdict, ranking: string[][]) => void;

const VERDICT_WORDS: Record<VoteVerdict, string> = { best: 'is best', rank: 'ranking', tie: 'tie', bad: 'all bad' };

/** The bar for a run, or null when it is not a blind run. */
export function voteBar(run: RunSnapshot, running: boolean, cast: CastVote, openLeaderboard: () => void): HTMLElement | null {
  const blind = run.blind;
  if (!blind) return null;
  const letters = run.columns.map((c) => ({ id: c.id, letter: blind.letters[c.id] ?? '?' }));
  const leaderboard = h('button', { type: 'button', class: 'secondary', 'data-vote': 'leaderboard' }, 'Leaderboard');
  leaderboard.addEventListener('click', openLeaderboard);
  if (blind.vote) {
    return h('section', { class: 'vote-bar voted', 'aria-label': 'Your verdict' }, h('p', { class: 'verdict', role: 'status' }, `You voted: ${describe(blind.vote.verdict, blind.vote.ranking, blind.letters)}. Names and timings are revealed below.`), leaderboard);
  }
  if (running) return h('section', { class: 'vote-bar', 'aria-label': 'Your verdict' }, h('p', {}, 'Blind run: the models are hidden behind letters. Vote when every answer is in.'));
  const bestButtons = letters.map(({ id, letter }) => {
    const b = h('button', { type: 'button', 'data-vote': `best-${letter}`, 'aria-label': `Model ${letter} is best`, 'aria-keyshortcuts': letter }, `${letter} is best`);
    b.addEventListener('click', () => cast('best', [[id]]));
    return b;
  });
  const tie = h('button', { type: 'button', 'data-vote': 'tie', 'aria-label': 'Tie: all equally good', 'aria-keyshortcuts': '=' }, 'Tie');
  tie.addEventListener('click', () => cast('tie', [letters.map((l) => l.id)]));
  const bad = h('button', { type: 'button', 'data-vote': 'bad', 'aria-label': 'All bad', 'aria-keyshortcuts': '0' }, 'All bad');
  bad.addEventListener('click', () => cast('bad', [letters.map((l) => l.id)]));
  const parts: Node[] = [h('p', { class: 'vote-hint' }, `Which answer is best? Keys: ${letters.map((l) => l.letter).join('/')} = best, = tie, 0 = all bad.`), ...bestButtons, tie, bad];
  if (letters.length >= 3) parts.push(rankForm(letters, cast));
  const bar = h('section', { class: 'vote-bar', role: 'group', 'aria-label': 'Your verdict' }, ...parts);
  bar.dataset.keys = 'on';
  return bar;
}

/** One select per column ("1st", "2nd"…; equal places are ties), then "Submit ranking". */
function rankForm(letters: { id: string; letter: string }[], cast: CastVote): HTMLElement {
  const selects = letters.map(({ id, letter }) => {
    const s = h('select', { 'aria-label': `Place of Model ${letter}`, 'data-rank': letter }, ...letters.map((_, i) => h('option', { value: String(i + 1) }, ordinal(i + 1))));
    return { id, letter, s };
  });
  selects.forEach((x, i) => (x.s.value = String(i + 1)));
  const submit = h('button', { type: 'submit', 'data-vote': 'rank' }, 'Submit ranking');
  const form = h('form', { class: 'rank', 'aria-label': 'Rank every model' }, ...selects.map((x) => h('label', {}, `${x.letter} `, x.s)), submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const places = [...new Set(selects.map((x) => Number(x.s.value)))].sort((a, b) => a - b);
    cast('rank', places.map((p) => selects.filter((x) => Number(x.s.value) === p).map((x) => x.id)));
  });
  return h('details', {}, h('summary', {}, 'Rank them all'), form);
}

/** Keyboard shortcuts for a bar that is waiting for a vote; ignored while typing in a field. */
export function voteKey(e: KeyboardEvent, bar: HTMLElement | null): boolean {
  if (!bar || bar.dataset.keys !== 'on' || e.ctrlKey || e.metaKey || e.altKey) return false;
  const t = e.target as HTMLElement | null;
  if (t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.isContentEditable)) return false;
  const key = e.key === '=' ? 'tie' : e.key === '0' ? 'bad' : /^[a-z]$/i.test(e.key) ? `best-${e.key.toUpperCase()}` : null;
  const btn = key ? bar.querySelector<HTMLButtonElement>(`button[data-vote="${key}"]`) : null;
  if (!btn) return false;
  btn.click();
  return true;
}

function describe(verdict: VoteVerdict, ranking: string[][], letters: Record<string, string>): string {
  const l = (id: string) => letters[id] ?? '?';
  if (verdict === 'best') return `Model ${l(ranking[0][0])} ${VERDICT_WORDS.best}`;
  if (verdict === 'rank') return `ranking ${ranking.map((g) => g.map(l).join(' = ')).join(' > ')}`;
  return VERDICT_WORDS[verdict];
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
