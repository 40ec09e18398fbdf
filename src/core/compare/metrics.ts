/**
 * The client clock of one generation. Marks are taken on a monotonic clock at the moments that matter to a user:
 * request sent, first visible text, end. Server counters are kept beside them, never mixed in.
 */
import type { ServerMetrics } from '../providers/types';
import type { Clock, RunMetrics } from './types';

/** Tokens per character when the server does not count: a rough, labelled estimate (≈ 4 chars per token). */
const CHARS_PER_TOKEN = 4;

export const monotonicClock: Clock = () => performance.now();

export class GenerationClock {
  private readonly startedAt: number;
  private firstTokenAt: number | null = null;
  private endedAt: number | null = null;
  private chars = 0;

  constructor(private readonly clock: Clock) {
    this.startedAt = clock();
  }

  /** Call for every text delta; only non-empty text counts as the first token. */
  onText(text: string): void {
    if (text.length === 0) return;
    if (this.firstTokenAt === null) this.firstTokenAt = this.clock();
    this.chars += text.length;
  }

  end(): void {
    if (this.endedAt === null) this.endedAt = this.clock();
  }

  /** `serverTokens` null = the server did not count; we estimate and say so. */
  metrics(serverTokens: number | null, server: ServerMetrics | null): RunMetrics {
    const end = this.endedAt ?? this.clock();
    const ttftMs = this.firstTokenAt === null ? null : round(this.firstTokenAt - this.startedAt);
    const outputTokens = serverTokens ?? (this.chars > 0 ? Math.max(1, Math.round(this.chars / CHARS_PER_TOKEN)) : 0);
    const generationMs = this.firstTokenAt === null ? 0 : end - this.firstTokenAt;
    return {
      ttftMs,
      totalMs: round(end - this.startedAt),
      outputTokens,
      // Over the generation phase only, so a slow first token (queue, model load) does not drag the rate down.
      tokensPerSecond: generationMs > 0 && outputTokens > 0 ? round((outputTokens / generationMs) * 1000) : null,
      chars: this.chars,
      tokenSource: serverTokens === null ? 'estimate' : 'server',
      server,
    };
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
