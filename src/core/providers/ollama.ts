/**
 * Local models through Ollama, using the real `ollama` client. What this file adds to the client is what a
 * side-by-side comparison needs: per-stream cancellation that reaches the server (even while a model is still
 * loading), a stall guard, typed errors a user can act on, and model facts for the info panel and status bar.
 */
import { Ollama, type ChatResponse } from 'ollama';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { CancelledError, ConfigError, LlmError } from './errors';
import { bearerFor, type AvailableSecrets } from './keys';
import { locationOfEndpoint } from './location';
import { mapOllamaError, refusedDiagnosis, type OllamaErrorContext } from './ollama-errors';
import { displayHost, linkedFetch } from './ollama-http';
import { unknownModelInfo } from './model-info';
import {
  isJson,
  modelList,
  num,
  sameModel,
  serverMetrics,
  showFacts,
  str,
  toInstalled,
  toPullProgress,
  type InstalledModel,
  type PullProgress,
} from './ollama-models';
import { noticeSlowStart, SLOW_START } from './slow-start';
import { ndjsonBatches } from './ndjson-items';
import { batchesOfOne, guardedStream, mapStream } from './plain-stream';
import type { ModelInfo, ModelSlot, Provider, GenerateRequest, StreamEvent, ChatMessage, SentMoment } from './types';

export type { InstalledModel, PullProgress } from './ollama-models';

export interface OllamaProviderOptions {
  /** As in settings: `http://127.0.0.1:11434`, `localhost`, `:11434`, `http://user:pass@host/prefix`. */
  host: string;
  /** Keys a slot may carry (its own key, or the HF token with `useHfToken`); keys.ts decides what goes where. */
  secrets?: AvailableSecrets;
  fetch?: typeof fetch;
  /** No data for this long = stalled (also covers the wait for the first token). Default 120 s; <= 0 disables. */
  stallTimeoutMs?: number;
  log?: Logger;
}

/** What the status bar shows about the Ollama server. */
export interface OllamaDiagnosis {
  reachable: boolean;
  /** The host as requests go to it, without credentials. */
  host: string;
  version?: string;
  reason?: string;
  /** True when the IPv6 `localhost` trap is the likely cause. */
  ipv6Hint?: boolean;
}

const DEFAULT_STALL_MS = 120_000;
/** After this long without a first token the user is told the model is probably loading. */
const LOADING_NOTICE_MS = 1500;

/** Which server a request goes to, and for which slot (whose key it may carry). */
interface Target {
  host: string;
  slot?: ModelSlot;
}

function cancelledBy(signal: AbortSignal): LlmError {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new LlmError('timeout', 'Ollama did not finish within the time limit. Retry, or allow more time.', { fix: 'retry' });
  }
  return new CancelledError();
}

export class OllamaProvider implements Provider {
  readonly kind = 'ollama' as const;
  private readonly log: Logger;
  private readonly stallMs: number;

  constructor(private readonly opts: OllamaProviderOptions) {
    this.log = opts.log ?? silentLogger;
    this.stallMs = opts.stallTimeoutMs ?? DEFAULT_STALL_MS;
  }

  /** The host as requests go to it, without credentials. */
  get host(): string {
    return displayHost(this.opts.host);
  }

  /** The host a slot's requests go to: its own endpoint, else the configured default. */
  hostOf(slot: ModelSlot): string {
    return slot.endpoint ?? this.opts.host;
  }

  private target(slot?: ModelSlot, host?: string): Target {
    return { host: slot ? this.hostOf(slot) : (host ?? this.opts.host), slot };
  }

  stream(slot: ModelSlot, req: GenerateRequest): AsyncIterable<StreamEvent> {
    const messages: ChatMessage[] =
      slot.systemPrompt && !req.messages.some((m) => m.role === 'system')
        ? [{ role: 'system', content: slot.systemPrompt }, ...req.messages]
        : req.messages;
    const options: Record<string, number> = { num_predict: req.maxTokens ?? slot.maxTokens };
    const temperature = req.temperature ?? slot.temperature;
    if (temperature !== undefined) options.temperature = temperature;
    if (req.seed !== undefined) options.seed = req.seed;

    // A batch of chunks per read of the body: the guard and the slow-start notice run once per read, not per token.
    const batches = this.guarded<ChatResponse[]>(
      this.target(slot),
      { op: 'chat', model: slot.model },
      req.signal,
      async (client) => batchesOfOne(await client.chat({ model: slot.model, messages, stream: true, options })),
      (batch) => batch.length > 0 && batch[batch.length - 1].done === true,
      req.onSent,
      (body, what) => ndjsonBatches<ChatResponse>(body, what),
    );
    const loading = `Waiting for Ollama: loading ${slot.model} or reading the prompt (a model not in memory can take a minute)…`;
    // Plain iterators, not generators, on every token's path (issue 12): see plain-stream.ts.
    return mapStream<ChatResponse[] | typeof SLOW_START, StreamEvent>(
      noticeSlowStart(batches, LOADING_NOTICE_MS),
      (batch, out) => {
        if (batch === SLOW_START) return void out.push({ type: 'status', status: 'connecting', detail: loading });
        for (const chunk of batch) {
          const text = chunk.message?.content;
          if (typeof text === 'string' && text !== '') out.push({ type: 'delta', text });
          if (chunk.done) {
            const finishReason = str(chunk.done_reason) ?? undefined;
            out.push({ type: 'done', outputTokens: num(chunk.eval_count), server: serverMetrics(chunk), finishReason });
          }
        }
      },
      { type: 'status', status: 'connecting' },
    );
  }

  /**
   * Streams the progress of `ollama pull <model>`. Aborting `signal` (or leaving the loop) closes the connection.
   * A model the library does not have → LlmError 'model-not-found'.
   */
  pull(model: string, signal?: AbortSignal, host?: string): AsyncIterable<PullProgress> {
    const lines = this.guarded(
      this.target(undefined, host),
      { op: 'pull', model },
      signal,
      (client) => client.pull({ model, stream: true }),
      (line) => line.status === 'success',
    );
    return (async function* () {
      for await (const line of lines) yield toPullProgress(line);
    })();
  }

  /** `host`: another server than the configured default (a slot's own endpoint). */
  async version(signal?: AbortSignal, host?: string): Promise<string> {
    return this.versionOf(this.target(undefined, host), signal);
  }

  private async versionOf(target: Target, signal?: AbortSignal): Promise<string> {
    const v = await this.call(target, { op: 'info' }, signal, (c) => c.version());
    return str(isJson(v) ? v.version : null) ?? 'unknown';
  }

  /** `host`: another server than the configured default (e.g. to list what a new model entry could use). */
  async listInstalled(signal?: AbortSignal, host?: string): Promise<InstalledModel[]> {
    return this.installedOn(this.target(undefined, host), signal);
  }

  private async installedOn(target: Target, signal?: AbortSignal): Promise<InstalledModel[]> {
    const tags = await this.call(target, { op: 'info' }, signal, (c) => c.list());
    return modelList(tags).flatMap((m) => toInstalled(m) ?? []);
  }

  async isInstalled(model: string, signal?: AbortSignal): Promise<boolean> {
    return (await this.listInstalled(signal)).some((m) => sameModel(m.name, model));
  }

  /** Is the server there, and which version; never throws except on cancellation. */
  async diagnose(signal?: AbortSignal): Promise<OllamaDiagnosis> {
    const host = this.host;
    try {
      return { reachable: true, host, version: await this.version(signal) };
    } catch (e) {
      if (e instanceof LlmError && e.kind === 'cancelled') throw e;
      const reason = e instanceof Error ? e.message : String(e);
      const ipv6Hint = e instanceof LlmError && e.kind === 'connection-refused' && refusedDiagnosis(e.details.cause, this.opts.host).ipv6Hint;
      return { reachable: false, host, reason, ...(ipv6Hint ? { ipv6Hint } : {}) };
    }
  }

  async describe(slot: ModelSlot, signal?: AbortSignal): Promise<ModelInfo> {
    const target = this.target(slot);
    const info: ModelInfo = { ...unknownModelInfo(slot), endpoint: displayHost(target.host), location: locationOfEndpoint(target.host), needsApiKey: false };
    let installed: InstalledModel | undefined;
    try {
      const [version, list] = await Promise.all([this.versionOf(target, signal), this.installedOn(target, signal)]);
      info.extra.ollamaVersion = version;
      installed = list.find((m) => sameModel(m.name, slot.model));
    } catch (e) {
      if (e instanceof LlmError && e.kind === 'cancelled') throw e;
      return { ...info, reason: e instanceof Error ? e.message : String(e) };
    }
    if (!installed) return { ...info, reason: `not installed: run \`ollama pull ${slot.model}\`` };
    Object.assign(info, {
      reachable: true,
      sizeBytes: installed.sizeBytes,
      digest: installed.digest,
      parameters: installed.parameters,
      quantization: installed.quantization,
    });

    // Details are a bonus: a failure here leaves nulls, the model is still usable.
    const [show, ps] = await Promise.allSettled([
      this.call(target, { op: 'info', model: slot.model }, signal, (c) => c.show({ model: slot.model })),
      this.call(target, { op: 'info' }, signal, (c) => c.ps()),
    ]);
    if (signal?.aborted) throw cancelledBy(signal);
    if (show.status === 'fulfilled') {
      const facts = showFacts(show.value);
      info.contextWindow = facts.contextWindow;
      info.parameters ??= facts.parameters;
      info.quantization ??= facts.quantization;
    }
    if (ps.status === 'fulfilled') {
      const loaded = modelList(ps.value).find((m) => sameModel(str(m.name) ?? str(m.model) ?? '', slot.model));
      info.extra.loaded = loaded ? 'yes' : 'no';
      if (loaded) info.allocatedContext = num(loaded.context_length);
    }
    return info;
  }

  /** A client whose every request is aborted with any of `signals`: one per operation, never shared. */
  private client(target: Target, signals: Array<AbortSignal | undefined>, onSent?: (moment: SentMoment) => void, takeBody?: (body: ReadableStream<Uint8Array>) => void): Ollama {
    const base = this.opts.fetch ?? fetch;
    const slot = target.slot;
    const secrets = this.opts.secrets ?? {};
    // Ollama itself takes no key; one behind a proxy may. Only keys.ts decides, per request URL.
    const bearer = slot ? (url: string) => bearerFor({ slot, ownEndpoint: target.host, url, secrets }) : undefined;
    try {
      return new Ollama({ host: target.host, fetch: linkedFetch(base, signals, this.log, bearer, onSent, takeBody) });
    } catch {
      throw new ConfigError(`The Ollama host setting "${target.host}" is not a valid URL; use e.g. http://127.0.0.1:11434.`);
    }
  }

  private failure(e: unknown, ctx: OllamaErrorContext, signal: AbortSignal | undefined): LlmError {
    // Our own errors pass as they are; the stall error in particular wins over the abort it caused.
    if (e instanceof LlmError) return e;
    if (signal?.aborted) return cancelledBy(signal);
    const err = mapOllamaError(e, ctx);
    if (err.kind !== 'cancelled') this.log.warn(`ollama: ${err.message}`);
    return err;
  }

  /** A one-shot request (tags, show, ps, version), cancellable by `signal`, errors mapped. */
  private async call<T>(target: Target, ctx: Omit<OllamaErrorContext, 'host' | 'inStream'>, signal: AbortSignal | undefined, run: (c: Ollama) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw cancelledBy(signal);
    try {
      return await run(this.client(target, [signal]));
    } catch (e) {
      throw this.failure(e, { ...ctx, host: target.host, inStream: false }, signal);
    }
  }

  /**
   * Runs one streaming request under the stall guard. The request is aborted (connection closed) on the caller's
   * signal, on a stall, and whenever iteration stops before `isLast` was seen: a `break` by the consumer included.
   */
  private guarded<T>(
    target: Target,
    ctx: Omit<OllamaErrorContext, 'host' | 'inStream'>,
    signal: AbortSignal | undefined,
    open: (c: Ollama) => Promise<AsyncIterable<T>>,
    isLast: (item: T) => boolean,
    onSent?: (moment: SentMoment) => void,
    /** Given: the body of an NDJSON answer is read here by it, the client only makes the request and checks the status. */
    fromBody?: (body: ReadableStream<Uint8Array>, what: string) => AsyncIterable<T>,
  ): AsyncIterableIterator<T> {
    const what = `Ollama (${ctx.model ?? displayHost(target.host)})`;
    return guardedStream({
      signal,
      cancelled: cancelledBy,
      open: async (abort) => {
        let body: ReadableStream<Uint8Array> | undefined;
        const client = this.client(target, [signal, abort], onSent, fromBody ? (b) => (body = b) : undefined);
        const fromClient = await open(client);
        return body && fromBody ? fromBody(body, what) : fromClient;
      },
      isLast,
      stallMs: this.stallMs,
      what,
      failure: (e, inStream) => this.failure(e, { ...ctx, host: target.host, inStream }, signal),
    });
  }
}
