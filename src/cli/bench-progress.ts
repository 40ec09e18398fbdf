/**
 * Bench progress on stderr: a bar redrawn in place on a TTY, one plain line per sample otherwise (logs, CI).
 * stdout is left for the report.
 */
import type { BenchEvent, Progress } from '../core/bench/types';
import { redact } from '../core/redact';
import { visibleControls } from '../core/terminal';
import type { CliIO } from './io';

export function fmtDuration(ms: number | null): string {
  if (ms === null) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function progressText(p: Progress): string {
  const pct = p.total ? Math.floor((p.done / p.total) * 100) : 100;
  const resumed = p.resumed ? ` (${p.resumed} resumed)` : '';
  return `${p.done}/${p.total} ${pct}%${resumed} · elapsed ${fmtDuration(p.elapsedMs)} · eta ${fmtDuration(p.etaMs)}`;
}

export class BenchProgress {
  private last: Progress | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly io: CliIO) {
    // Redraw every second so elapsed time moves while a slow generation is in flight.
    if (this.tty) this.timer = setInterval(() => this.draw(), 1000);
  }

  private lastAt = 0;

  private get tty(): boolean {
    return Boolean(this.io.stderr.isTTY);
  }

  update(e: BenchEvent): void {
    if (e.type === 'warmup') {
      const w = e.warmup;
      this.line(`warm-up ${w.modelId} #${w.index + 1}: ${w.error ? `error: ${w.error}` : `${Math.round(w.totalMs ?? 0)} ms`} (discarded)`);
      return;
    }
    this.last = e.progress;
    this.lastAt = performance.now();
    if (e.type === 'sample' && !this.tty) {
      const s = e.sample;
      const cut = s.finishReason === 'length' ? ' (stopped at the token limit)' : '';
      const outcome = `${s.error ? `error ${s.error.kind}` : s.score?.kind ?? 'timed'}${cut}`;
      this.io.stderr.write(visibleControls(`[${e.progress.done}/${e.progress.total}] ${s.taskId} × ${s.modelId} #${s.repeat + 1}  ${Math.round(s.metrics.totalMs ?? 0)} ms  ${outcome}`) + '\n');
    } else if (e.type === 'start' && !this.tty) {
      this.io.stderr.write(`${progressText(e.progress)}\n`);
    }
    this.draw();
  }

  finish(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.tty && this.last) this.io.stderr.write('\n');
  }

  private line(text: string): void {
    const safe = visibleControls(redact(text));
    this.io.stderr.write(this.tty ? `\r\x1b[2K${safe}\n` : `${safe}\n`);
    this.draw();
  }

  private draw(): void {
    if (!this.tty || !this.last) return;
    // Between events, move elapsed on and eta down by the time since the last event.
    const since = performance.now() - this.lastAt;
    const p = { ...this.last, elapsedMs: this.last.elapsedMs + since, etaMs: this.last.etaMs === null ? null : Math.max(0, this.last.etaMs - since) };
    const width = 24;
    const filled = p.total ? Math.round((p.done / p.total) * width) : width;
    this.io.stderr.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${progressText(p)}`);
  }
}
