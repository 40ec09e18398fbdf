/**
 * Hugging Face through the real @huggingface/inference client: the Inference Providers router (provider "auto" or
 * a named provider) or any OpenAI-compatible endpoint (`endpointUrl`). What the client does not do safely we do
 * here: a bounded wait on 503 "model loading" (its own retry loops forever without delay), closing the connection
 * when the consumer stops, a stall guard, and typed, redacted errors.
 */
import { PROVIDERS_OR_POLICIES, getProviderHelper, makeRequestOptions, type InferenceProvider, type InferenceProviderOrPolicy } from '@huggingface/inference';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { redact, registerSecret } from '../redact';
import { CancelledError, LlmError } from './errors';
import { describeHf } from './huggingface-describe';
import { SET_KEY_HINT, loadingEstimateMs, safeUrl, toHfError } from './huggingface-errors';
import { HF_HUB_URL, HF_ROUTER_URL, makeHfFetch, rebase, type HfFetch } from './huggingface-fetch';
import { chatBody, chatCompletionsUrl, streamChatCompletion, type ChatRequest } from './chat-completions';
import { bearerFor } from './keys';
import { flattenBatches } from './plain-stream';
import { abortableSleep } from './stall';
import type { GenerateRequest, ModelInfo, ModelSlot, Provider, StreamEvent } from './types';

/** Where one generation goes: an endpoint, or the router with a provider; and the key keys.ts chose for it. */
interface Route {
  provider: InferenceProviderOrPolicy | undefined;
  endpointUrl: string | undefined;
  token: string | undefined;
}

export interface HuggingFaceProviderOptions {
  /** The Hugging Face token (`hf_…`): only ever sent to Hugging Face hosts, or to a slot marked `useHfToken`. */
  token?: string;
  /** Per-model keys by slot id (a provider key, or an endpoint's own key): only sent to that slot's endpoint. */
  modelKeys?: Readonly<Record<string, string>>;
  /** 'auto' or a named inference provider (`hf-inference`, `together`, …). Not used with `endpointUrl`. */
  provider: string;
  /**
   * The default endpoint (a dedicated endpoint or OpenAI-compatible server) for slots without their own
   * `endpoint`; a URL ending in `/v1` gets `/chat/completions` appended. Absent = the router.
   */
  endpointUrl?: string;
  fetch?: typeof fetch;
  /** No stream event for this long = stalled (ms). Default 120 s; 0 disables. */
  stallTimeoutMs?: number;
  log?: Logger;
  /** How many times a 503 "model loading" is waited out before giving up. Default 5. */
  maxLoadingRetries?: number;
  /** Cap of the total time spent waiting for a model to load (ms). Default 10 min. */
  maxLoadingWaitMs?: number;
  /** Abortable sleep, injected so tests do not wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Base of the HF router. Default https://router.huggingface.co (tests point it at a simulator). */
  routerUrl?: string;
  /** Base of the Hub API for model info. Default https://huggingface.co. */
  hubUrl?: string;
}

/** Below this we would hammer a loading model: the router's estimate can be 0. */
const MIN_LOADING_WAIT_MS = 1000;

export class HuggingFaceProvider implements Provider {
  readonly kind = 'huggingface' as const;
  private readonly log: Logger;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly opts: HuggingFaceProviderOptions) {
    registerSecret(opts.token);
    for (const key of Object.values(opts.modelKeys ?? {})) registerSecret(key);
    this.log = opts.log ?? silentLogger;
    this.sleep = opts.sleep ?? abortableSleep;
  }

  stream(slot: ModelSlot, req: GenerateRequest): AsyncIterable<StreamEvent> {
    // A plain iterator per event, the generator per batch (plain-stream.ts, issue 12).
    return flattenBatches(this.batches(slot, req));
  }

  /** The events of one generation, a batch per read of the answer; a 503 "model loading" is waited out here. */
  private async *batches(slot: ModelSlot, req: GenerateRequest): AsyncGenerator<StreamEvent[]> {
    const internal = new AbortController();
    const signal = req.signal ? AbortSignal.any([req.signal, internal.signal]) : internal.signal;
    const endpointUrl = this.endpointOf(slot);
    const token = this.tokenFor(slot, endpointUrl);
    const ctx = { model: slot.model, provider: this.opts.provider, endpointUrl };
    const http = makeHfFetch({
      base: this.opts.fetch ?? fetch,
      routerUrl: this.opts.routerUrl ?? HF_ROUTER_URL,
      hubUrl: this.opts.hubUrl ?? HF_HUB_URL,
      signal,
      onRequest: (method, url) => this.log.debug(redact(`huggingface ${slot.id}: ${method} ${url}`)),
    });
    const maxRetries = this.opts.maxLoadingRetries ?? 5;
    const maxWaitMs = this.opts.maxLoadingWaitMs ?? 600_000;
    try {
      if (req.signal?.aborted) throw new CancelledError();
      const provider = this.checkConfig(endpointUrl, token);
      yield [{ type: 'status', status: 'connecting' }];
      let waitedMs = 0;
      for (let attempt = 1; ; attempt++) {
        let sentText = false;
        try {
          for await (const batch of this.attempt(slot, req, { provider, endpointUrl, token }, http, signal)) {
            // Handed on whole: an error after it comes after all of its text, as event by event.
            if (!sentText) sentText = batch.some((event) => event.type === 'delta');
            yield batch;
          }
          return;
        } catch (e) {
          if (req.signal?.aborted && !(e instanceof LlmError && e.kind === 'stream-stalled')) throw new CancelledError();
          const estimateMs = sentText ? null : loadingEstimateMs(e);
          if (estimateMs === null) throw toHfError(e, { ...ctx, keySlot: token && token === this.opts.modelKeys?.[slot.id] ? slot.id : undefined });
          const waitMs = Math.min(Math.max(estimateMs, MIN_LOADING_WAIT_MS), maxWaitMs - waitedMs);
          if (attempt > maxRetries || waitMs <= 0) {
            throw new LlmError(
              'model-loading',
              `${slot.model} is still loading on Hugging Face after ${attempt - 1} wait(s) (${Math.round(waitedMs / 1000)} s); the server expects about ${Math.ceil(estimateMs / 1000)} s more. Try again later, or choose another provider or a local model.`,
              { status: 503, fix: 'retry', retryAfterMs: estimateMs },
            );
          }
          const detail = `Model is loading on Hugging Face; retrying in ${Math.ceil(waitMs / 1000)} s (attempt ${attempt} of ${maxRetries}).`;
          this.log.info(`huggingface ${slot.id}: 503 loading, ${detail}`);
          yield [{ type: 'status', status: 'waiting', retryInMs: waitMs, attempt, detail }];
          await this.sleep(waitMs, signal);
          if (signal.aborted) throw new CancelledError();
          waitedMs += waitMs;
        }
      }
    } finally {
      // Also reached on `break`: closing the connection is what stops the server generating.
      internal.abort();
    }
  }

  /** One request: deltas, then `done`, a batch per read. Throws raw errors (mapped by the caller). */
  private async *attempt(slot: ModelSlot, req: GenerateRequest, route: Route, http: HfFetch, signal: AbortSignal): AsyncGenerator<StreamEvent[]> {
    const request = await this.buildRequest(slot, req, route, http, signal);
    this.log.debug(redact(`huggingface ${slot.id}: POST ${safeUrl(request.url)}`));
    const what = `${slot.label} (${route.endpointUrl ? safeUrl(route.endpointUrl) : 'Hugging Face'})`;
    yield* streamChatCompletion(request, { fetch: this.opts.fetch ?? fetch, signal, stallMs: this.opts.stallTimeoutMs ?? 120_000, what, onSent: req.onSent });
  }

  /**
   * The URL, headers and body of one chat request. An endpoint and the "auto" router speak plain OpenAI chat
   * completions; a named provider's route and body come from the real @huggingface/inference client (which looks
   * the provider's model id up on the Hub), so they follow Hugging Face's own rules.
   */
  private async buildRequest(slot: ModelSlot, req: GenerateRequest, route: Route, http: HfFetch, signal: AbortSignal): Promise<ChatRequest> {
    const routerUrl = this.opts.routerUrl ?? HF_ROUTER_URL;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream, application/json' };
    if (route.token) headers.authorization = `Bearer ${route.token}`;
    if (route.endpointUrl) {
      return { url: chatCompletionsUrl(route.endpointUrl), headers, body: JSON.stringify(chatBody(slot, req)) };
    }
    if (!route.provider || route.provider === 'auto') {
      return { url: `${routerUrl.replace(/\/+$/, '')}/v1/chat/completions`, headers, body: JSON.stringify(chatBody(slot, req)) };
    }
    const { model, messages, max_tokens, temperature, seed, stream_options } = chatBody(slot, req);
    const options = await makeRequestOptions(
      { model: model as string, provider: route.provider, accessToken: route.token, messages, max_tokens, temperature, seed, stream_options, stream: true } as Parameters<typeof makeRequestOptions>[0],
      getProviderHelper(route.provider, 'conversational'),
      { task: 'conversational', fetch: http.fetch, signal },
    );
    const built = new Headers(options.info.headers);
    built.forEach((value, name) => {
      if (name !== 'authorization') headers[name] = value; // the key is ours to choose (keys.ts), not the client's
    });
    return { url: rebase(options.url, HF_ROUTER_URL, routerUrl), headers, body: String(options.info.body) };
  }

  /** Problems we can name before sending anything. Returns the provider to pass to the client (none with an endpoint). */
  private checkConfig(endpointUrl: string | undefined, token: string | undefined): InferenceProviderOrPolicy | undefined {
    if (endpointUrl) return undefined; // a local server may need no token; the client rejects a provider here
    if (!token) {
      throw new LlmError('unauthorized', `No Hugging Face API key. ${SET_KEY_HINT}`, { fix: 'set-api-key' });
    }
    const provider = this.opts.provider || 'auto';
    if (!isProvider(provider)) {
      throw new LlmError('config', `Unknown Hugging Face provider "${provider}". Use "auto" or one of: ${PROVIDERS_OR_POLICIES.filter((p) => p !== 'auto').join(', ')}.`, { fix: 'open-settings' });
    }
    if (provider === 'auto' && !token.startsWith('hf_')) {
      // The router picks a provider only for Hugging Face tokens; a provider's own key needs that provider named.
      throw new LlmError('unauthorized', `The "auto" provider only works with a Hugging Face token (hf_…). ${SET_KEY_HINT} Or name a provider whose own key you use.`, { fix: 'set-api-key' });
    }
    return provider;
  }

  /** A slot's own endpoint, else the configured default; undefined = the router. */
  endpointOf(slot: ModelSlot): string | undefined {
    return slot.endpoint ?? this.opts.endpointUrl;
  }

  /** The key for this slot's requests, decided by keys.ts (the client sends one token to every URL it calls). */
  private tokenFor(slot: ModelSlot, endpointUrl: string | undefined): string | undefined {
    const target = endpointUrl ?? this.opts.routerUrl ?? HF_ROUTER_URL;
    return bearerFor({
      slot,
      ownEndpoint: target,
      url: target,
      secrets: { hfToken: this.opts.token, modelKeys: this.opts.modelKeys },
      hfStandIns: this.standIns(),
    });
  }

  /** A configured router / Hub base stands in for Hugging Face's own hosts (a proxy, a test simulator). */
  private standIns(): string[] {
    return [this.opts.routerUrl, this.opts.hubUrl].filter((u): u is string => u !== undefined);
  }

  describe(slot: ModelSlot, signal?: AbortSignal): Promise<ModelInfo> {
    const endpointUrl = this.endpointOf(slot);
    const hubUrl = this.opts.hubUrl ?? HF_HUB_URL;
    // Without an endpoint the lookup goes to the Hub, not the router: a model's own (provider) key stays home.
    const token = endpointUrl
      ? this.tokenFor(slot, endpointUrl)
      : bearerFor({ slot, ownEndpoint: this.opts.routerUrl ?? HF_ROUTER_URL, url: hubUrl, secrets: { hfToken: this.opts.token }, hfStandIns: this.standIns() });
    return describeHf(slot, {
      token,
      provider: this.opts.provider || 'auto',
      endpointUrl,
      fetch: this.opts.fetch ?? fetch,
      hubUrl,
      signal,
    });
  }
}

function isProvider(p: string): p is InferenceProviderOrPolicy {
  return (PROVIDERS_OR_POLICIES as readonly string[]).includes(p);
}

