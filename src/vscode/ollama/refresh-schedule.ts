/**
 * When the Ollama status is probed: every `intervalMs`, but only while something that shows it can be seen (the
 * window has focus and the status item is shown). Hidden or in the background, nothing runs: no request to Ollama,
 * no timer. Coming back after longer than an interval refreshes at once. No `vscode` import: unit-tested with
 * fake timers.
 */
export interface RefreshScheduleOptions {
  intervalMs: number;
  refresh: () => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class RefreshSchedule {
  private timer: unknown;
  private visible = false;
  private lastRefresh = -Infinity;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly opts: RefreshScheduleOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  }

  /** Whether anything showing the status can be seen now. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    this.stop();
    if (!visible) return;
    const due = this.lastRefresh + this.opts.intervalMs - this.now();
    if (due <= 0) this.fire();
    else this.arm(due);
  }

  /** A refresh happened for another reason (settings changed, a click): the next one is an interval later. */
  refreshed(): void {
    this.lastRefresh = this.now();
    if (this.visible) {
      this.stop();
      this.arm(this.opts.intervalMs);
    }
  }

  get polling(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    this.visible = false;
    this.stop();
  }

  private fire(): void {
    this.timer = undefined;
    this.opts.refresh();
    this.refreshed();
  }

  private arm(ms: number): void {
    this.timer = this.setTimer(() => this.fire(), ms);
  }

  private stop(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }
}
