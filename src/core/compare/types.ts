/**
 * A comparison: one prompt fanned out to N model slots. These are the shapes the CLI, the HTTP endpoint, the panel
 * and the bench consume. JSON field names here are the public `--format json` contract: change them only with care.
 */
import type { PriceSource } from '../cost/price';
import type { ErrorKind, FixAction } from '../providers/errors';
import type { ModelLocation, ProviderKind, ServerMetrics } from '../providers/types';

/** Client-clock figures (monotonic, ms) plus the server's own counters where they exist. Unknown = null. */
export interface RunMetrics {
  /** Request sent → first non-empty text delta. */
  ttftMs: number | null;
  /** Request sent → stream finished (or failed / cancelled). */
  totalMs: number | null;
  outputTokens: number | null;
  /**
   * Generation speed. The server's own counter when it gave one (`rateSource: 'server'`); else (tokens − 1) over
   * first → last token on the client clock (`'client'`), and null when too few tokens or too short a window.
   */
  tokensPerSecond: number | null;
  /** Which clock `tokensPerSecond` came from; null when there is no rate. */
  rateSource: 'server' | 'client' | null;
  chars: number;
  /** `server` when the server counted the tokens, `estimate` when we did (≈ chars / 4). */
  tokenSource: 'server' | 'estimate';
  server: ServerMetrics | null;
  /** Request sent → first thinking text, when the model sent any (compare with `ttftMs`, the first answer text). */
  firstReasoningMs?: number;
  /** The server ignored `stream: true` and answered all at once: `ttftMs` is the total time, and no client rate. */
  notStreamed?: boolean;
  /**
   * US dollars for this answer: price × the server's input and output token counts (see cost/price.ts). Null when
   * the price or a server count is unknown (an estimated count gives null, not a guessed bill).
   */
  costUsd?: number | null;
  /** Where the price came from: the model entry (`user`) or the HF router's list; null = no price known. */
  priceSource?: PriceSource | null;
}

export interface ResultError {
  kind: ErrorKind;
  message: string;
  fix?: FixAction;
  /** With fix `set-api-key`: the model whose own key to set; absent = the Hugging Face token. */
  keySlot?: string;
  /** rate-limited / model-loading: how long the server asked to wait, when it said (the HTTP endpoint's Retry-After). */
  retryAfterMs?: number;
}

export interface SlotResult {
  id: string;
  label: string;
  provider: ProviderKind;
  model: string;
  /** Everything received, kept even when the stream broke or was cancelled. */
  text: string;
  /** Thinking text the model sent apart from its answer (`reasoning_content`), when it did. Never part of `text`. */
  reasoning?: string;
  /** As the server said it: `stop`, `length` (cut at the token limit), ...; null when unknown or failed early. */
  finishReason: string | null;
  /** From the endpoint's host (see providers/location.ts). */
  location: ModelLocation;
  error: ResultError | null;
  metrics: RunMetrics;
}

export type SlotPhase = 'queued' | 'connecting' | 'waiting' | 'streaming';

/** Events of a comparison, each tagged with the slot it belongs to. Exactly one `done` per slot. */
export type CompareEvent =
  | { type: 'status'; slotId: string; phase: SlotPhase; detail?: string; retryInMs?: number; attempt?: number }
  | { type: 'delta'; slotId: string; text: string }
  /** Thinking text, apart from the answer: show it collapsed, never insert it as code. */
  | { type: 'reasoning'; slotId: string; text: string }
  | { type: 'done'; slotId: string; result: SlotResult };

export type RunMode = 'parallel' | 'sequential';

export interface ComparisonReport {
  prompt: string;
  results: SlotResult[];
}

/** Monotonic clock in ms; injected so tests can drive time. */
export type Clock = () => number;
