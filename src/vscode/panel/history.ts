/**
 * The last runs, kept in workspace state so they can be reopened and so a window reload shows the last run again.
 * Texts are capped: workspace state is loaded into memory on every start, it is no place for megabytes.
 */
import type { RunSnapshot } from '../../shared/protocol';
import { historyEntry } from './run-state';
import type { HistoryEntry } from '../../shared/protocol';

/** The part of vscode.Memento this needs; a Map-backed fake serves in unit tests. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export const HISTORY_KEY = 'llmCompare.panel.history';
export const HISTORY_LIMIT = 20;
const MAX_STORED_TEXT = 50_000;

export class RunHistory {
  constructor(private readonly store: StateStore, private readonly limit = HISTORY_LIMIT) {}

  runs(): RunSnapshot[] {
    const raw = this.store.get<unknown>(HISTORY_KEY);
    // State written by an older version, or edited by hand, must not break the view: keep only what looks right.
    return Array.isArray(raw) ? raw.filter(isStoredRun) : [];
  }

  entries(): HistoryEntry[] {
    return this.runs().map(historyEntry);
  }

  latest(): RunSnapshot | null {
    return this.runs()[0] ?? null;
  }

  get(runId: string): RunSnapshot | null {
    return this.runs().find((r) => r.runId === runId) ?? null;
  }

  /** Adds or replaces (a retried column updates its run) and keeps the newest `limit`. */
  async save(run: RunSnapshot): Promise<void> {
    const stored: RunSnapshot = {
      ...run,
      columns: run.columns.map((c) => (c.text.length > MAX_STORED_TEXT ? { ...c, text: `${c.text.slice(0, MAX_STORED_TEXT)}\n\n…(truncated in history)` } : { ...c })),
    };
    const rest = this.runs().filter((r) => r.runId !== run.runId);
    await this.store.update(HISTORY_KEY, [stored, ...rest].slice(0, this.limit));
  }
}

function isStoredRun(v: unknown): v is RunSnapshot {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<RunSnapshot>;
  return typeof r.runId === 'string' && typeof r.prompt === 'string' && Array.isArray(r.columns) && typeof r.startedAt === 'number';
}
