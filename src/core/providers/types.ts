/**
 * The one contract every model provider implements. The core (compare runs, bench, CLI, HTTP endpoint) and the
 * VS Code layer talk only to this interface; nothing outside `providers/` knows which vendor answers.
 */

/**
 * `openai`: any OpenAI-compatible chat-completions server. `llamacpp` (the built-in engine) and `vscode-lm`
 * (VS Code's own chat models) are written outside this folder and handed to the registry.
 */
export type ProviderKind = 'huggingface' | 'ollama' | 'openai' | 'llamacpp' | 'vscode-lm';

/** Where a model runs, from its endpoint's host (see location.ts). */
export type ModelLocation = 'online' | 'local';

/** A configured model "slot": what the user sees as one column / one row. Keyed by `id`. */
export interface ModelSlot {
  /** Stable id, e.g. `online-qwen`. Letters, digits, `-`, `_`, `.` only. */
  id: string;
  /** Human label, e.g. `Qwen2.5-Coder 32B (HF)`. */
  label: string;
  provider: ProviderKind;
  /** Provider's model name: `Qwen/Qwen2.5-Coder-32B-Instruct`, `codellama:7b`. */
  model: string;
  /** Upper bound of generated tokens. Default 512. */
  maxTokens: number;
  /** Sampling temperature; undefined = provider default. */
  temperature?: number;
  /** System prompt for this slot; undefined = none. */
  systemPrompt?: string;
  /**
   * ollama: the host; huggingface: an endpoint URL (the router when absent); openai: the base URL ending in /v1
   * (required). Absent = the global default (`ollama.host` / `huggingface.endpointUrl`).
   */
  endpoint?: string;
  /** CLI / config file only: the name of an environment variable holding this model's key. */
  apiKeyEnv?: string;
  /** Send the Hugging Face token to this (non-HF) endpoint anyway: the user said so explicitly. */
  useHfToken?: boolean;
  /** User-set price in US dollars per million tokens (validated here, used by the cost figures). */
  price?: { inputPerMTok: number; outputPerMTok: number };
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateRequest {
  /** The conversation; the slot's system prompt is prepended by the provider when set and absent here. */
  messages: ChatMessage[];
  /** Overrides of the slot's options for this one request (bench uses these for fixed temperature and seed). */
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  /** Aborting must stop the server's work (close the HTTP connection), including before response headers. */
  signal?: AbortSignal;
  /**
   * Called for each HTTP attempt of the chat request (a retry after "model loading" calls it again): `'handed'` when
   * the provider hands it to `fetch` (client, URL, headers and body built), then `'written'` when Node's HTTP client
   * has written its headers to the connection, where it reports that (sent-mark.ts). The generation clock measures
   * time to first token from the first attempt's latest mark, so neither our set-up nor Node's (connection pool,
   * parser, connect) counts as model latency.
   */
  onSent?: (moment: SentMoment) => void;
}

/** Which moment of a request's departure `GenerateRequest.onSent` reports. */
export type SentMoment = 'handed' | 'written';

/** The server's own counters, where the provider reports them. Milliseconds; unknown = null, never invented. */
export interface ServerMetrics {
  loadMs: number | null;
  promptEvalMs: number | null;
  promptTokens: number | null;
  evalMs: number | null;
  evalTokensPerSecond: number | null;
}

/** What a provider stream yields, in order: any number of `status` and `delta`, then exactly one `done`. */
export type StreamEvent =
  /**
   * A phase the user should see. `waiting` = HF answered 503 "model loading"; `retryInMs` is how long we wait
   * before asking again (from the server's `estimated_time`), `attempt` counts from 1.
   */
  | { type: 'status'; status: 'connecting' | 'waiting'; detail?: string; retryInMs?: number; attempt?: number }
  | { type: 'delta'; text: string }
  /** Thinking text (`reasoning_content` / `reasoning` deltas): shown apart, never mixed into the answer. */
  | { type: 'reasoning'; text: string }
  | {
      type: 'done';
      /** Output tokens as counted by the server; null when the server did not say (the caller estimates). */
      outputTokens: number | null;
      server: ServerMetrics | null;
      /** `stop`, `length`, ... as the server said it, when it did. */
      finishReason?: string;
      /** The server ignored `stream: true` and sent the whole answer at once (time to first token = total). */
      notStreamed?: boolean;
    };

/** What can be known about a model without generating. Unknown = null. */
export interface ModelInfo {
  id: string;
  label: string;
  provider: ProviderKind;
  model: string;
  location: ModelLocation;
  /** Where requests go (host or base URL, without credentials); null when the provider has no URL. */
  endpoint: string | null;
  needsApiKey: boolean;
  /** e.g. "6.7B" */
  parameters: string | null;
  /** e.g. "Q4_0" */
  quantization: string | null;
  sizeBytes: number | null;
  /** The model's own context window (tokens). */
  contextWindow: number | null;
  /** For a loaded Ollama model: the context the runtime allocated. */
  allocatedContext: number | null;
  streaming: boolean;
  /** Ollama digest of the installed model, when known. */
  digest: string | null;
  reachable: boolean;
  /** When not reachable: why, in words a user can act on. */
  reason: string | null;
  /** Provider-specific extras worth showing (e.g. Ollama server version, HF provider used). */
  extra: Record<string, string>;
}

export interface Provider {
  readonly kind: ProviderKind;
  /**
   * Streams one generation. Errors are thrown as `LlmError` subclasses (see errors.ts), never raw client errors.
   * Breaking out of the iteration early must also close the connection (the provider aborts in `finally`).
   */
  stream(slot: ModelSlot, request: GenerateRequest): AsyncIterable<StreamEvent>;
  /** Model facts and reachability; never throws for an unreachable server (it reports `reachable: false`). */
  describe(slot: ModelSlot, signal?: AbortSignal): Promise<ModelInfo>;
}
