/**
 * The script language of the Hugging Face simulator (hf-sim.ts): what each chat request gets back, what the Hub
 * says about models, and which token is required. Plain data plus optional functions of the request, so tests read
 * as "the first two requests get 503 loading, then the answer streams".
 */
import type { HfSimRequest } from './hf-sim';

/** A JSON value (a function is not one: that keeps `body: (req) => …` typed from context). */
export type HfSimJson = string | number | boolean | null | HfSimJson[] | { [key: string]: HfSimJson };

/** A fault inside a 200 SSE response, after `afterChunks` content chunks. */
export type HfSimStreamFault =
  /** `data: {"error": ...}` (the HTTP status stays 200). */
  | { kind: 'error-event'; afterChunks: number; error?: unknown }
  /** End the response cleanly but without `data: [DONE]`. */
  | { kind: 'end-without-done'; afterChunks: number }
  /** Destroy the socket mid-body (the client sees the connection drop). */
  | { kind: 'cut'; afterChunks: number }
  /** Stop writing and keep the connection open until the client gives up. */
  | { kind: 'stall'; afterChunks: number };

export interface HfSimChatReply {
  /** HTTP status; anything but 200 sends `body` as JSON and no stream. Default 200. */
  status?: number;
  /** Extra response headers of a non-200 reply, e.g. `{"retry-after": "7"}`. */
  headers?: Record<string, string>;
  /** JSON body for a non-200 reply, or a function making it from the request (e.g. to echo its Authorization). */
  body?: HfSimJson | ((req: HfSimRequest) => unknown);
  /** Reply text, split into word-sized chunks unless `chunks` is given. Default "Hello from the simulator." */
  text?: string | ((req: HfSimRequest) => string);
  /** Exact content chunks (overrides `text`). */
  chunks?: string[];
  /** Pause between chunks (ms). Default 0 (one timer tick each). */
  chunkDelayMs?: number;
  /** Write every chunk at once, without a timer between them: a fast provider bursting (benchmarks). */
  burst?: boolean;
  /** Pause before the response headers (ms): a cold model, a slow router. Default 0. */
  headerDelayMs?: number;
  /**
   * Usage chunk (`choices: []`) before `[DONE]`: `'requested'` (default) = only when the request asked with
   * `stream_options.include_usage`; true/false = always/never; an object = these numbers, when requested.
   */
  usage?: 'requested' | boolean | { prompt_tokens: number; completion_tokens: number };
  /** finish_reason of the last choice chunk. Default `stop`, or `length` when max_tokens cut the text. */
  finishReason?: string;
  /** Model name echoed in chunks. Default: the request's `model`. */
  model?: string;
  fault?: HfSimStreamFault;
}

export interface HfSimHubProvider {
  status: 'live' | 'staging';
  providerId: string;
  task: string;
}

export interface HfSimScript {
  /**
   * Chat replies: one for every request, a list (request n gets item n, the last one repeats), or a function of
   * the request and its 0-based chat index.
   */
  chat?: HfSimChatReply | HfSimChatReply[] | ((req: HfSimRequest, index: number) => HfSimChatReply);
  /** When set, every request without `Authorization: Bearer <requireToken>` gets 401. */
  requireToken?: string;
  hub?: {
    /** Model id → providers serving it. Unset = every model is served by hf-inference, together and nebius. */
    models?: Record<string, Record<string, HfSimHubProvider>>;
    /** Answer every Hub request with this error. */
    fault?: { status: number; body?: unknown };
  };
  /** Ids listed by `GET …/v1/models`. Default: `Qwen/Qwen2.5-Coder-32B-Instruct`. */
  openaiModels?: string[];
  /**
   * The router's per-model provider list in `GET /v1/models` (`data[].providers[]`, prices in USD per million
   * tokens). Models named here are listed too. Unset = every listed model gets `DEFAULT_ROUTER_PROVIDERS`.
   */
  routerProviders?: Record<string, HfSimRouterProvider[]>;
}

export interface HfSimRouterProvider {
  provider: string;
  status?: 'live' | 'staging' | 'error';
  context_length?: number;
  pricing?: { input: number; output: number };
}

/** Two live providers at different prices (so `auto` has no single price), as the real list often shows. */
export const DEFAULT_ROUTER_PROVIDERS: HfSimRouterProvider[] = [
  { provider: 'together', status: 'live', context_length: 32768, pricing: { input: 0.8, output: 0.8 } },
  { provider: 'nebius', status: 'live', context_length: 32768, pricing: { input: 0.06, output: 0.2 } },
];

/** 503 "model loading" as the router sends it. */
export function hfLoading(estimatedTimeSeconds: number): HfSimChatReply {
  return { status: 503, body: { error: 'Model is currently loading', estimated_time: estimatedTimeSeconds } };
}

/** An HTTP error with the usual `{"error": message}` body. */
export function hfError(status: number, message: string): HfSimChatReply {
  return { status, body: { error: message } };
}

/** Resolves which reply a chat request gets. */
export function chatReplyFor(script: HfSimScript, req: HfSimRequest): HfSimChatReply {
  const chat = script.chat;
  if (chat === undefined) return {};
  if (typeof chat === 'function') return chat(req, req.chatIndex);
  if (Array.isArray(chat)) return chat.length === 0 ? {} : chat[Math.min(req.chatIndex, chat.length - 1)];
  return chat;
}

/** Word-sized chunks that keep their leading whitespace, so joining them gives the text back. */
export function splitIntoChunks(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}
