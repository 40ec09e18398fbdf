/**
 * Any OpenAI-compatible chat-completions server (LM Studio, vLLM, llama.cpp's server, TGI, LiteLLM, OpenRouter,
 * Ollama's /v1): one instance serves every `openai` slot, each request going to that slot's own `endpoint` with
 * only the key keys.ts allows there. Streaming, stall watch and parsing are the shared chat-completions reader.
 */
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { redact } from '../redact';
import { chatBody, chatCompletionsUrl, streamChatCompletion } from './chat-completions';
import { CancelledError, ConfigError } from './errors';
import { safeUrl } from './huggingface-errors';
import { bearerFor, type AvailableSecrets } from './keys';
import { describeOpenAi } from './openai-describe';
import { toOpenAiError } from './openai-errors';
import { flattenBatches } from './plain-stream';
import type { GenerateRequest, ModelInfo, ModelSlot, Provider, StreamEvent } from './types';

export interface OpenAiProviderOptions {
  secrets?: AvailableSecrets;
  fetch?: typeof fetch;
  /** No byte for this long = stalled (ms). Default 120 s; <= 0 disables. */
  stallTimeoutMs?: number;
  log?: Logger;
}

export class OpenAiProvider implements Provider {
  readonly kind = 'openai' as const;
  private readonly log: Logger;

  constructor(private readonly opts: OpenAiProviderOptions = {}) {
    this.log = opts.log ?? silentLogger;
  }

  stream(slot: ModelSlot, req: GenerateRequest): AsyncIterable<StreamEvent> {
    // A plain iterator per event, the generator per batch (plain-stream.ts, issue 12).
    return flattenBatches(this.batches(slot, req));
  }

  /** The events of one generation, a batch per read of the answer. */
  private async *batches(slot: ModelSlot, req: GenerateRequest): AsyncGenerator<StreamEvent[]> {
    const endpoint = this.endpointOf(slot);
    const url = chatCompletionsUrl(endpoint);
    const key = this.keyFor(slot, url);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream, application/json' };
    if (key) headers.authorization = `Bearer ${key}`;
    if (req.signal?.aborted) throw new CancelledError();
    yield [{ type: 'status', status: 'connecting' }];
    this.log.debug(redact(`openai ${slot.id}: POST ${safeUrl(url)}${key ? ' (with its key)' : ''}`));
    try {
      const answer = streamChatCompletion(
        { url, headers, body: JSON.stringify(chatBody(slot, req)) },
        { fetch: this.opts.fetch ?? fetch, signal: req.signal, stallMs: this.opts.stallTimeoutMs ?? 120_000, what: `${slot.label} (${safeUrl(endpoint)})`, onSent: req.onSent },
      );
      yield* answer;
    } catch (e) {
      if (req.signal?.aborted) throw new CancelledError();
      throw toOpenAiError(e, { slot, endpoint, sentKey: key !== undefined });
    }
  }

  describe(slot: ModelSlot, signal?: AbortSignal): Promise<ModelInfo> {
    let endpoint: string;
    try {
      endpoint = this.endpointOf(slot);
    } catch (e) {
      return Promise.reject(e);
    }
    return describeOpenAi(slot, { endpoint, fetch: this.opts.fetch ?? fetch, keyFor: (url) => this.keyFor(slot, url), signal });
  }

  private endpointOf(slot: ModelSlot): string {
    if (!slot.endpoint) throw new ConfigError(`Model "${slot.id}" (provider "openai") has no endpoint: set its "endpoint" to the server's base URL, e.g. http://127.0.0.1:1234/v1.`);
    return slot.endpoint;
  }

  private keyFor(slot: ModelSlot, url: string): string | undefined {
    return bearerFor({ slot, ownEndpoint: slot.endpoint, url, secrets: this.opts.secrets ?? {} });
  }
}
