/** Terminal output helpers: a debug logger on stderr and the live per-model progress block for a TTY. */
import type { CompareEvent } from '../core/compare/types';
import type { Logger } from '../core/log';
import { redact } from '../core/redact';
import { visibleControls } from '../core/terminal';
import type { CliIO } from './io';

export function stderrLogger(io: CliIO): Logger {
  const line = (level: string) => (m: string) => void io.stderr.write(`[${level}] ${visibleControls(redact(m))}\n`);
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}

interface Row {
  label: string;
  state: string;
  chars: number;
}

/**
 * One line per model, redrawn in place (at most every 100 ms) while the models stream; written to stderr so that
 * stdout stays a clean report for pipes.
 */
export class ProgressBlock {
  private readonly rows = new Map<string, Row>();
  private drawn = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly io: CliIO, models: { id: string; label: string }[]) {
    for (const m of models) this.rows.set(m.id, { label: visibleControls(m.label), state: 'starting', chars: 0 });
    this.draw();
  }

  update(e: CompareEvent): void {
    const row = this.rows.get(e.slotId);
    if (!row) return;
    if (e.type === 'status') {
      if (e.phase === 'waiting') row.state = `waiting for model to load (${Math.round((e.retryInMs ?? 0) / 1000)} s)`;
      else row.state = e.detail ? visibleControls(e.detail) : e.phase;
    } else if (e.type === 'delta') {
      row.state = 'streaming';
      row.chars += e.text.length;
    } else if (e.type === 'reasoning') {
      row.state = 'thinking';
    } else {
      const r = e.result;
      row.state = r.error ? `error: ${r.error.kind}` : `done in ${((r.metrics.totalMs ?? 0) / 1000).toFixed(2)} s`;
      row.chars = r.metrics.chars;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.draw();
    }, 100);
  }

  finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.draw();
  }

  private draw(): void {
    const width = Math.max(...[...this.rows.values()].map((r) => r.label.length));
    let out = this.drawn ? `\x1b[${this.drawn}A` : '';
    for (const r of this.rows.values()) out += `\x1b[2K${r.label.padEnd(width)}  ${r.state}  ${r.chars} chars\n`;
    this.drawn = this.rows.size;
    this.io.stderr.write(out);
  }
}
