/**
 * The one message protocol across the comparison webview boundary. Both sides import these types; the extension
 * validates everything that comes from the webview with `parseFromWebview` (a webview is untrusted input: it renders
 * model output). Stream messages carry `runId` and `columnId` so a late message from an old run can never land in
 * the column of a new one.
 */
import type { ResultError, RunMetrics, RunMode, SlotPhase } from '../core/compare/types';
import type { FixAction } from '../core/providers/errors';
import type { VoteVerdict } from '../core/judge/votes';
import type { ProviderKind } from '../core/providers/types';
import type { EngineOfferView } from './engine-offer';

/** What a column shows: the run phases plus the three ways a column ends. */
export type ColumnStatus = SlotPhase | 'done' | 'cancelled' | 'error';

export interface ColumnInfo {
  id: string;
  label: string;
  /** `hidden` in a blind run before the vote: the view is not told who answered. */
  provider: ProviderKind | 'hidden';
  model: string;
  /** `host:port` the model runs on (two columns may be the same model on two machines); absent in old history. */
  host?: string;
  /** Where the requests go: the host or endpoint, or the VS Code chat vendor. Absent in runs saved before it existed. */
  where?: string;
}

/** One entry of the panel's model chooser: a configured model, or a chat model VS Code offers. */
export interface ModelChoice extends ColumnInfo {
  where: string;
  group: 'configured' | 'vscode-lm';
}

export interface ColumnSnapshot extends ColumnInfo {
  status: ColumnStatus;
  text: string;
  detail?: string;
  retryInMs?: number;
  attempt?: number;
  error: ResultError | null;
  metrics: RunMetrics | null;
  /** Thinking text, kept apart from the answer (shown collapsed, never inserted as code). */
  reasoning?: string;
  /** As the server said it: `length` = stopped at the token limit. */
  finishReason?: string | null;
  /** From the endpoint's host, once the column finished (for the cost badge's "local"). */
  location?: 'online' | 'local';
}

/** Everything needed to redraw a run from nothing (hide/show, reload, history). */
export interface RunSnapshot {
  runId: string;
  prompt: string;
  mode: RunMode;
  /** Wall clock (epoch ms), for the history list only; timings use the monotonic clock in the core. */
  startedAt: number;
  finished: boolean;
  columns: ColumnSnapshot[];
  /** Present for a blind run. Before the vote the view gets letters as column ids and nothing that names a model. */
  blind?: BlindView;
}

export interface BlindView {
  /** Column id → its letter ("A", "B", …). Before the vote the column ids are the letters themselves. */
  letters: Record<string, string>;
  /** The verdict, with the ranking in column ids, once the user voted; null before. */
  vote: { verdict: VoteVerdict; ranking: string[][] } | null;
  /** The shuffle seed (kept host-side; never sent before the vote). */
  seed?: number;
  /** The editor language of the context sent with the prompt, for the leaderboard's filter (host-side). */
  language?: string | null;
}

export interface HistoryEntry {
  runId: string;
  prompt: string;
  startedAt: number;
  ok: number;
  total: number;
}

export interface Prefs {
  mode: RunMode;
  includeContext: boolean;
  /** Blind runs: shuffled columns named "Model A/B/…" until the user votes. Absent = off (older saved prefs). */
  blind?: boolean;
  /** The models the chooser has ticked, in chooser order; null = never chosen (every configured model). */
  selected: string[] | null;
}

/** What the chooser lists, and why our models are not in VS Code chat when they are not. */
export interface ChooserInfo {
  choices: ModelChoice[];
  /** null when our models are offered to VS Code chat. */
  offerNote: string | null;
}

export type ToWebview =
  | { type: 'init'; models: ChooserInfo; prefs: Prefs; history: HistoryEntry[]; run: RunSnapshot | null }
  | { type: 'models'; models: ChooserInfo }
  | { type: 'history'; entries: HistoryEntry[] }
  /** A new run started, or one was reopened from history: replace what the view shows. */
  | { type: 'run'; run: RunSnapshot }
  | { type: 'status'; runId: string; columnId: string; phase: SlotPhase; detail?: string; retryInMs?: number; attempt?: number }
  | { type: 'delta'; runId: string; columnId: string; text: string }
  | { type: 'reasoning'; runId: string; columnId: string; text: string }
  | { type: 'columnDone'; runId: string; columnId: string; column: ColumnSnapshot }
  /** Retry: the column starts again from empty. */
  | { type: 'columnReset'; runId: string; columnId: string }
  | { type: 'runFinished'; runId: string }
  | { type: 'notice'; level: 'info' | 'error'; message: string }
  /** The built-in engine's first-run offer (no Ollama, no key, no usable engine); null takes it away. */
  | { type: 'engineOffer'; offer: EngineOfferView | null };

export type ColumnAction = 'insert' | 'replace' | 'diff' | 'copy';

export type FromWebview =
  | { type: 'ready' }
  | { type: 'run'; prompt: string; prefs: Prefs }
  | { type: 'prefs'; prefs: Prefs }
  | { type: 'stop'; runId: string; columnId?: string }
  | { type: 'retry'; runId: string; columnId: string }
  | { type: 'action'; action: ColumnAction; runId: string; columnId: string }
  | { type: 'fix'; fix: FixAction; runId: string; columnId: string }
  | { type: 'copyText'; text: string }
  | { type: 'openLink'; href: string }
  | { type: 'openHistory'; runId: string }
  | { type: 'openInTab' }
  /** A blind run's verdict: `ranking` groups column ids (letters), best first. */
  | { type: 'vote'; runId: string; verdict: VoteVerdict; ranking: string[][] }
  | { type: 'openLeaderboard' }
  /** The offer's button: runs "Use the built-in engine" (its consent dialog comes first). */
  | { type: 'setUpEngine' };

/** Limits on untrusted input: a prompt or a copied code block larger than this is refused, not truncated. */
export const MAX_PROMPT_CHARS = 200_000;
export const MAX_COPY_CHARS = 2_000_000;
const ID_RE = /^[A-Za-z0-9._-]{1,64}$/;
/** More models than anyone compares at once; a longer list is refused as malformed. */
const MAX_SELECTED = 100;

const COLUMN_ACTIONS: readonly ColumnAction[] = ['insert', 'replace', 'diff', 'copy'];
const FIX_ACTIONS: readonly FixAction[] = ['set-api-key', 'pull-model', 'start-ollama', 'open-settings', 'retry'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && ID_RE.test(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

function parseSelected(v: unknown): string[] | null | undefined {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v) || v.length > MAX_SELECTED || !v.every(isId)) return undefined;
  return [...new Set(v as string[])];
}

function parsePrefs(v: unknown): Prefs | null {
  if (!isObj(v) || !oneOf(['parallel', 'sequential'] as const, v.mode) || typeof v.includeContext !== 'boolean') return null;
  if (v.blind !== undefined && typeof v.blind !== 'boolean') return null;
  const selected = parseSelected(v.selected);
  if (selected === undefined) return null;
  return { mode: v.mode, includeContext: v.includeContext, selected, ...(v.blind !== undefined ? { blind: v.blind } : {}) };
}

const VERDICTS: readonly VoteVerdict[] = ['best', 'rank', 'tie', 'bad'];

/** Groups of column ids, each id once, at most 26 columns. */
function parseRanking(v: unknown): string[][] | null {
  if (!Array.isArray(v) || v.length === 0 || v.length > 26) return null;
  const groups = v.map((g) => (Array.isArray(g) && g.length > 0 && g.length <= 26 && g.every(isId) ? [...(g as string[])] : null));
  if (groups.some((g) => g === null)) return null;
  const flat = (groups as string[][]).flat();
  return new Set(flat).size === flat.length ? (groups as string[][]) : null;
}

/** Only web and mail links may leave the webview; everything else (javascript:, command:, file:) is refused. */
export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim()) && href.length <= 4096;
}

/**
 * Validates a message from the webview. Returns a fresh object holding only the known fields, or null for anything
 * malformed (wrong type, unknown action, oversized text, bad id). Callers ignore nulls.
 */
export function parseFromWebview(raw: unknown): FromWebview | null {
  if (!isObj(raw) || typeof raw.type !== 'string') return null;
  const type = raw.type as FromWebview['type'];
  switch (type) {
    case 'ready':
    case 'openInTab':
    case 'openLeaderboard':
    case 'setUpEngine':
      return { type };
    case 'vote': {
      const ranking = parseRanking(raw.ranking);
      if (!isId(raw.runId) || !oneOf(VERDICTS, raw.verdict) || !ranking) return null;
      return { type, runId: raw.runId, verdict: raw.verdict, ranking };
    }
    case 'run': {
      const prefs = parsePrefs(raw.prefs);
      if (!prefs || !isText(raw.prompt, MAX_PROMPT_CHARS) || raw.prompt.trim() === '') return null;
      return { type, prompt: raw.prompt, prefs };
    }
    case 'prefs': {
      const prefs = parsePrefs(raw.prefs);
      return prefs ? { type, prefs } : null;
    }
    case 'stop':
      if (!isId(raw.runId) || (raw.columnId !== undefined && !isId(raw.columnId))) return null;
      return raw.columnId === undefined ? { type, runId: raw.runId } : { type, runId: raw.runId, columnId: raw.columnId };
    case 'retry':
      return isId(raw.runId) && isId(raw.columnId) ? { type, runId: raw.runId, columnId: raw.columnId } : null;
    case 'action':
      if (!oneOf(COLUMN_ACTIONS, raw.action) || !isId(raw.runId) || !isId(raw.columnId)) return null;
      return { type, action: raw.action, runId: raw.runId, columnId: raw.columnId };
    case 'fix':
      if (!oneOf(FIX_ACTIONS, raw.fix) || !isId(raw.runId) || !isId(raw.columnId)) return null;
      return { type, fix: raw.fix, runId: raw.runId, columnId: raw.columnId };
    case 'copyText':
      return isText(raw.text, MAX_COPY_CHARS) ? { type, text: raw.text } : null;
    case 'openLink':
      return typeof raw.href === 'string' && isSafeHref(raw.href) ? { type, href: raw.href.trim() } : null;
    case 'openHistory':
      return isId(raw.runId) ? { type, runId: raw.runId } : null;
    default:
      return unknownType(type);
  }
}

/** Exhaustiveness: adding a FromWebview member without a case above fails to compile here. */
function unknownType(type: never): null {
  void type;
  return null;
}

/** For exhaustive switches over either union: a compile error when a case is missing, a no-op at run time. */
export function assertNever(value: never): void {
  void value;
}
