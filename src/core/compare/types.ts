/**
 * A comparison: one prompt fanned out to N model slots. These are the shapes the CLI, the HTTP endpoint, the panel
 * and the bench consume. JSON field names here are the public `--format json` contract: change them only with care.
 */
import type { ErrorKind, FixAction } from '../providers/errors';
import type { ProviderKind, ServerMetrics } from '../providers/types';

/** Client-clock figures (monotonic, ms) plus the server's own counters where they exist. Unknown = null. */
export interface RunMetrics {
  /** Request sent → first non-empty text delta. */
  ttftMs: number | null;
  /** Request sent → stream finished (or failed / cancelled). */
  totalMs: number | null;
  outputTokens: number | null;
  /** outputTokens over the generation phase (first token → end) on the client clock. */
  tokensPerSecond: number | null;
  chars: number;
  /** `server` when the server counted the tokens, `estimate` when we did (≈ chars / 4). */
  tokenSource: 'server' | 'estimate';
  server: ServerMetrics | null;
}

export interface ResultError {
  kind: ErrorKind;
  message: string;
  fix?: FixAction;
}

export interface SlotResult {
  id: string;
  label: string;
  provider: ProviderKind;
  model: string;
  /** Everything received, kept even when the stream broke or was cancelled. */
  text: string;
  error: ResultError | null;
  metrics: RunMetrics;
}

export type SlotPhase = 'queued' | 'connecting' | 'waiting' | 'streaming';

/** Events of a comparison, each tagged with the slot it belongs to. Exactly one `done` per slot. */
export type CompareEvent =
  | { type: 'status'; slotId: string; phase: SlotPhase; detail?: string; retryInMs?: number; attempt?: number }
  | { type: 'delta'; slotId: string; text: string }
  | { type: 'done'; slotId: string; result: SlotResult };

export type RunMode = 'parallel' | 'sequential';

export interface ComparisonReport {
  prompt: string;
  results: SlotResult[];
}

/** Monotonic clock in ms; injected so tests can drive time. */
export type Clock = () => number;
