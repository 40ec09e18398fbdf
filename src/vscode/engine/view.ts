/** What the VS Code layer knows of the built-in engine at a glance: its files, its process, its log. No `vscode` import. */

export type EnginePhase = 'missing' | 'stopped' | 'starting' | 'loading' | 'ready' | 'failed';

export interface EngineView {
  phase: EnginePhase;
  /** One sentence for a tooltip: what is missing and how to get it, where it listens, or why it failed. */
  detail: string;
  /** The engine's recent output (never its key), for a failed or loading engine; empty when it never ran. */
  log: string;
}

/** The last lines of a log, trimmed for a tooltip. */
export function logTail(log: string, lines = 8): string {
  return log.split('\n').filter((l) => l.trim()).slice(-lines).join('\n');
}
