/** Progress wording for the notification and the report view's status line (plain functions: unit-tested). */
import type { Progress } from '../../core/bench/types';

/** "45s", "1m 20s", "2h 05m"; "…" while there is no estimate yet. */
export function humanDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '…';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** "12/46 · ETA 1m 20s", with "(3 resumed)" when samples came from an earlier, stopped run. */
export function progressMessage(p: Progress): string {
  const resumed = p.resumed > 0 ? ` (${p.resumed} resumed)` : '';
  const eta = p.done >= p.total ? 'finishing' : `ETA ${humanDuration(p.etaMs)}`;
  return `${p.done}/${p.total}${resumed} · ${eta}`;
}
