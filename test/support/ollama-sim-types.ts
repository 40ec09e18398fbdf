/**
 * The script language of the Ollama simulator (ollama-sim.ts): what is installed, what each model answers and how,
 * which faults to inject, and what the simulator records. Plain types, no test framework: the simulator is also
 * started from plain node scripts (CLI and end-to-end tests).
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Final-line counters that a script may leave out (Ollama marks them `omitempty`). */
export type SimMetricField =
  | 'total_duration'
  | 'load_duration'
  | 'prompt_eval_count'
  | 'prompt_eval_duration'
  | 'eval_count'
  | 'eval_duration';

/** The request a reply function sees: what the client sent to /api/chat or /api/generate. */
export interface SimGenerateRequest {
  path: '/api/chat' | '/api/generate';
  model: string;
  /** Chat messages; for /api/generate one user message holding `prompt` (and a system one for `system`). */
  messages: Array<{ role: string; content: string }>;
  options: Record<string, unknown>;
  body: Record<string, unknown>;
}

export type SimFault =
  /** Answer with this status before any body: JSON `{"error": error}`, or `text` as text/plain when given. */
  | { kind: 'http'; status: number; error?: string; text?: string }
  /** 503 "server busy" as Ollama sends it when its queue is full. */
  | { kind: 'busy' }
  /** After `afterChunks` tokens, send `{"error": message}` (HTTP status stays 200) and end. */
  | { kind: 'error-line'; afterChunks: number; message: string }
  /** After `afterChunks` tokens, end without the final line: `destroy` the socket (default) or `end` cleanly. */
  | { kind: 'cut'; afterChunks: number; mode?: 'destroy' | 'end' }
  /** After `afterChunks` tokens, stop writing and keep the connection open until the client goes away. */
  | { kind: 'stall'; afterChunks: number };

export interface SimModel {
  /** `codellama:7b`; a name without a tag also answers to `name:latest`. */
  name: string;
  /** Bytes on disk. Default 3,825,819,519. */
  size?: number;
  /** 64 hex digits. Default: derived from the name. */
  digest?: string;
  family?: string;
  /** `details.parameter_size`, e.g. "7B"; null leaves it out (clients then fall back to the parameter count). */
  parameterSize?: string | null;
  quantization?: string;
  /** `general.architecture`. Default "llama". */
  architecture?: string;
  /** `model_info[arch + ".context_length"]`; null leaves it out. Default 16384. */
  contextLength?: number | null;
  /** `general.parameter_count`. Default 6,738,415,616. */
  parameterCount?: number;
  /** When set the model shows in /api/ps with this allocated context. */
  loaded?: { contextLength: number; sizeVram?: number };

  /** The answer, or a function of the request. */
  reply?: string | ((req: SimGenerateRequest) => string);
  /** How the answer is cut into tokens (one NDJSON line each). Default: words with their leading whitespace. */
  tokens?: string[] | ((text: string) => string[]);
  /** Delay before each token, ms. Default 0. */
  paceMs?: number;
  /** Delay before anything is sent (model load): no response headers until it is over. Default 0. */
  loadMs?: number;
  /** Delay for prompt evaluation, after the load, before the first token. Default 0. */
  promptEvalMs?: number;
  /** Counters to leave out of the final line. */
  omitMetrics?: SimMetricField[];
  /** `done_reason` of the final line. Default "stop" ("length" when num_predict cut the answer). */
  doneReason?: string;
  fault?: SimFault;
}

/** A model the simulated registry can serve to /api/pull. */
export interface SimPull {
  /** Layer sizes in bytes. Default: one layer of the installed size (3,825,819,519). */
  layers?: number[];
  /** Progress lines with `completed` per layer. Default 4. */
  steps?: number;
  /** Delay before each line, ms. Default 0. */
  paceMs?: number;
  /** Send `{"error": failMessage}` instead of the line with this index (0 = "pulling manifest"). */
  failAtLine?: number;
  failMessage?: string;
  /** What becomes installed on success. Default `{ name }`. */
  installs?: SimModel;
}

export interface SimScript {
  /** Installed models (/api/tags). */
  models?: SimModel[];
  /** /api/version. Default "0.12.6". */
  version?: string;
  /** Models /api/pull can fetch, by name. Anything else: HTTP 200 then `pull model manifest: file does not exist`. */
  pulls?: Record<string, SimPull>;
  /** Generations run at once (OLLAMA_NUM_PARALLEL); the rest wait before headers. Default: no limit. */
  numParallel?: number;
  /** Waiting generations allowed (OLLAMA_MAX_QUEUE); one more gets 503 busy. Default: no limit. */
  maxQueue?: number;
}

export interface SimRequestRecord {
  id: number;
  method: string;
  path: string;
  /** Parsed JSON body (undefined when there was none or it was not JSON). */
  body: unknown;
  headers: IncomingHttpHeaders;
  /** performance.now() at arrival. */
  at: number;
}

/** One streamed exchange (/api/chat, /api/generate, /api/pull), stream or not. Times are performance.now(). */
export interface SimStreamRecord {
  requestId: number;
  path: string;
  model: string;
  streaming: boolean;
  startedAt: number;
  /** When the status line and headers went out (with the first line, as Ollama flushes them). */
  headersAt: number | null;
  /** Lines the script meant to send before the final one (tokens, or pull progress lines). */
  plannedChunks: number;
  /** Those actually written before the exchange ended. */
  chunksWritten: number;
  /** The final line as written (chat/generate), for checking the client's arithmetic. */
  final: Record<string, unknown> | null;
  /** The server wrote everything and ended the response. */
  completed: boolean;
  /** The client closed the connection before the server ended the response: cancellation reached the server. */
  clientClosed: boolean;
  closedAt: number | null;
  /** Settles when the exchange is over, whichever way. */
  ended: Promise<void>;
}

export interface SimConcurrency {
  /** Generations running now (past the queue, not yet ended). */
  active: number;
  maxActive: number;
  queued: number;
  maxQueued: number;
}
