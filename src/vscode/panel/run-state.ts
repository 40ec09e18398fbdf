/**
 * The extension's copy of what the view shows: a RunSnapshot folded from compare events. Pure (no `vscode`) so the
 * folding is unit-tested; the controller keeps one of these per run and sends it whole when a view (re)appears.
 */
import { fenceFor } from '../../core/fences';
import type { CompareEvent, SlotResult } from '../../core/compare/types';
import type { ModelSlot } from '../../core/providers/types';
import { assertNever, type ColumnSnapshot, type ColumnStatus, type HistoryEntry, type RunSnapshot, type ToWebview } from '../../shared/protocol';

export function newRun(runId: string, prompt: string, mode: RunSnapshot['mode'], slots: ModelSlot[], now: number, hostOf?: (slot: ModelSlot) => string | undefined): RunSnapshot {
  return { runId, prompt, mode, startedAt: now, finished: false, columns: slots.map((s) => emptyColumn(s, hostOf?.(s))) };
}

export function emptyColumn(slot: Pick<ModelSlot, 'id' | 'label' | 'provider' | 'model'>, host?: string): ColumnSnapshot {
  const col: ColumnSnapshot = { id: slot.id, label: slot.label, provider: slot.provider, model: slot.model, status: 'queued', text: '', error: null, metrics: null };
  if (host) col.host = host;
  return col;
}

/** How a finished slot ends up on screen: a cancelled stream is not an error the user must fix. */
export function finalStatus(result: SlotResult): ColumnStatus {
  if (!result.error) return 'done';
  return result.error.kind === 'cancelled' ? 'cancelled' : 'error';
}

export function columnFromResult(prev: ColumnSnapshot, result: SlotResult): ColumnSnapshot {
  return {
    ...prev,
    status: finalStatus(result),
    text: result.text,
    ...(result.reasoning ? { reasoning: result.reasoning } : {}),
    finishReason: result.finishReason,
    error: result.error,
    metrics: result.metrics,
    location: result.location,
    detail: undefined,
    retryInMs: undefined,
    attempt: undefined,
  };
}

/**
 * Folds one event into the run and returns the message that tells the view the same thing (null when the event is
 * for a column this run does not have).
 */
export function applyEvent(run: RunSnapshot, event: CompareEvent): ToWebview | null {
  const i = run.columns.findIndex((c) => c.id === event.slotId);
  if (i < 0) return null;
  const col = run.columns[i];
  const ids = { runId: run.runId, columnId: col.id };
  switch (event.type) {
    case 'status':
      run.columns[i] = { ...col, status: event.phase, detail: event.detail, retryInMs: event.retryInMs, attempt: event.attempt };
      return { type: 'status', ...ids, phase: event.phase, detail: event.detail, retryInMs: event.retryInMs, attempt: event.attempt };
    case 'delta':
      col.text += event.text;
      return { type: 'delta', ...ids, text: event.text };
    case 'reasoning':
      col.reasoning = (col.reasoning ?? '') + event.text;
      return { type: 'reasoning', ...ids, text: event.text };
    case 'done':
      run.columns[i] = columnFromResult(col, event.result);
      return { type: 'columnDone', ...ids, column: run.columns[i] };
    default:
      assertNever(event);
      return null;
  }
}

export function isRunning(run: RunSnapshot): boolean {
  return run.columns.some((c) => c.status === 'queued' || c.status === 'connecting' || c.status === 'waiting' || c.status === 'streaming');
}

export function historyEntry(run: RunSnapshot): HistoryEntry {
  return {
    runId: run.runId,
    prompt: run.prompt.length > 200 ? `${run.prompt.slice(0, 199)}…` : run.prompt,
    startedAt: run.startedAt,
    ok: run.columns.filter((c) => c.status === 'done').length,
    total: run.columns.length,
  };
}

export interface EditorContext {
  /** e.g. `src/a.ts, lines 3-9` */
  where: string;
  languageId: string;
  text: string;
}

/** The user message actually sent: the prompt, then the editor context as a fenced block the model can quote. */
export function promptWithContext(prompt: string, ctx: EditorContext | null): string {
  if (!ctx) return prompt;
  const fence = fenceFor(ctx.text);
  return `${prompt}\n\nContext (${ctx.where}):\n${fence}${ctx.languageId}\n${ctx.text}\n${fence}`;
}
