/**
 * The client clock of one generation. Marks are taken on a monotonic clock at the moments that matter to a user:
 * start (before the provider runs), request sent (the provider hands it to fetch), first visible text, last text, end.
 * Time to first token runs from "sent" (from the start when a provider never says): what the model and network
 * took, not our own set-up. The total runs from the start: all the time the user waited. Server counters are kept
 * beside them, never mixed in.
 */
import type { SentMoment, ServerMetrics } from '../providers/types';
import type { Clock, RunMetrics } from './types';

/** Tokens per character when the server does not count: a rough, labelled estimate (≈ 4 chars per token). */
const CHARS_PER_TOKEN = 4;
/** Below this many tokens a client rate says nothing (one token has no rate at all). */
export const MIN_RATE_TOKENS = 5;
/**
 * Below this first → last token window the client rate measures delivery, not generation: an answer that was
 * generated while we waited in a queue arrives as one burst of chunks within a few milliseconds.
 */
export const MIN_RATE_WINDOW_MS = 200;

export const monotonicClock: Clock = () => performance.now();

export class GenerationClock {
  private readonly startedAt: number;
  private sentAt: number | null = null;
  private attempts = 0;
  private sentWritten = false;
  private firstTokenAt: number | null = null;
  private lastTokenAt: number | null = null;
  private firstReasoningAt: number | null = null;
  private endedAt: number | null = null;
  private chars = 0;

  constructor(private readonly clock: Clock) {
    this.startedAt = clock();
  }

  /**
   * Call when the request goes out (GenerateRequest.onSent): the first attempt counts (a retry keeps waiting), at
   * its latest mark: handed to fetch, then (where Node reports it) headers written to the connection.
   */
  onSent(moment: SentMoment = 'handed'): void {
    if (moment === 'handed') {
      this.attempts++;
      if (this.sentAt === null) this.sentAt = this.clock();
    } else if (this.attempts <= 1 && !this.sentWritten) {
      this.sentWritten = true;
      this.sentAt = this.clock();
    }
  }

  /** Call for every text delta; only non-empty text counts as a token arrival. */
  onText(text: string): void {
    if (text.length === 0) return;
    const now = this.clock();
    if (this.firstTokenAt === null) this.firstTokenAt = now;
    this.lastTokenAt = now;
    this.chars += text.length;
  }

  /** Call for every thinking delta: its own first-token time, kept apart from the answer's. */
  onReasoning(text: string): void {
    if (text.length > 0 && this.firstReasoningAt === null) this.firstReasoningAt = this.clock();
  }

  end(): void {
    if (this.endedAt === null) this.endedAt = this.clock();
  }

  /**
   * `serverTokens` null = the server did not count; we estimate and say so. `notStreamed`: the server sent the
   * whole answer at once, so there is no first token before the end and no client rate.
   */
  metrics(serverTokens: number | null, server: ServerMetrics | null, notStreamed = false): RunMetrics {
    const end = this.endedAt ?? this.clock();
    const sentAt = this.sentAt ?? this.startedAt;
    // Not streamed: no first token before the end, so it is reported as the total (the same figure, as documented).
    const ttftMs = this.firstTokenAt === null ? null : notStreamed ? round(end - this.startedAt) : round(this.firstTokenAt - sentAt);
    const outputTokens = serverTokens ?? (this.chars > 0 ? Math.max(1, Math.round(this.chars / CHARS_PER_TOKEN)) : 0);
    const { rate, source } = this.rate(outputTokens, server, notStreamed);
    return {
      ttftMs,
      totalMs: round(end - this.startedAt),
      outputTokens,
      tokensPerSecond: rate,
      rateSource: source,
      chars: this.chars,
      tokenSource: serverTokens === null ? 'estimate' : 'server',
      server,
      ...(this.firstReasoningAt !== null ? { firstReasoningMs: round(this.firstReasoningAt - sentAt) } : {}),
      ...(notStreamed ? { notStreamed: true } : {}),
    };
  }

  /** Server counter first; else (tokens − 1) over first → last token, the only span in which tokens 2..n arrived. */
  private rate(tokens: number, server: ServerMetrics | null, notStreamed: boolean): { rate: number | null; source: RunMetrics['rateSource'] } {
    const counted = server?.evalTokensPerSecond;
    if (counted !== null && counted !== undefined && Number.isFinite(counted) && counted > 0) return { rate: round(counted), source: 'server' };
    if (notStreamed || this.firstTokenAt === null || this.lastTokenAt === null) return { rate: null, source: null };
    const windowMs = this.lastTokenAt - this.firstTokenAt;
    if (tokens < MIN_RATE_TOKENS || windowMs < MIN_RATE_WINDOW_MS) return { rate: null, source: null };
    return { rate: round(((tokens - 1) / windowMs) * 1000), source: 'client' };
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
