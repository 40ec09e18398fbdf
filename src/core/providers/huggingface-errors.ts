/**
 * Turns what @huggingface/inference throws into our typed errors with a message a user can act on. The client's
 * own messages ("Failed to perform inference: …") say little about what to do, and its error objects keep the
 * response body, which a server may use to echo the request back: we never keep the raw error, only a short,
 * redacted excerpt of the server's message (LlmError redacts every message).
 */
import { InferenceClientHubApiError, InferenceClientInputError, InferenceClientProviderApiError, InferenceClientRoutingError } from '@huggingface/inference';
import { redact } from '../redact';
import { HttpStatusError } from './chat-completions';
import { CancelledError, LlmError, quoteServer } from './errors';
import { errorWithCauses } from './fetch-failure';
import { transportFailure } from './transport-errors';

export interface HfErrorContext {
  model: string;
  /** Configured provider ('auto' or a name); ignored with endpointUrl. */
  provider: string;
  endpointUrl?: string;
  /** The server's `retry-after`, in ms, when it sent one. */
  retryAfterMs?: number | null;
  /** The slot whose own key was sent (a 401 then asks for that key, not the HF token). */
  keySlot?: string;
}

export const SET_KEY_HINT = "Set a Hugging Face API key: command 'LLM Compare: Set Hugging Face API key' or HF_API_KEY.";

/** What the router says while a model is cold: `{"error": "Model is currently loading", "estimated_time": 20.5}`. */
export function loadingEstimateMs(e: unknown): number | null {
  let body: unknown;
  if (e instanceof HttpStatusError && e.status === 503) body = e.json;
  else if (e instanceof InferenceClientProviderApiError && e.httpResponse.status === 503) body = e.httpResponse.body;
  else return null;
  if (typeof body !== 'object' || body === null || !('estimated_time' in body)) return null;
  const seconds = Number(body.estimated_time);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : null;
}

export function toHfError(e: unknown, ctx: HfErrorContext): LlmError {
  if (e instanceof LlmError) return e;
  if (e instanceof Error && e.name === 'AbortError') return new CancelledError();
  const where = ctx.endpointUrl ? safeUrl(ctx.endpointUrl) : 'Hugging Face';
  const route = ctx.endpointUrl ? '' : ctx.provider === 'auto' ? ' (provider: auto)' : ` on provider "${ctx.provider}"`;

  if (e instanceof HttpStatusError) return fromStatus(e.status, e.serverMessage, { ...ctx, retryAfterMs: ctx.retryAfterMs ?? e.retryAfterMs, where, route, hub: false });
  if (e instanceof InferenceClientProviderApiError || e instanceof InferenceClientHubApiError) {
    const status = e.httpResponse.status;
    const server = serverMessage(e);
    const hub = e instanceof InferenceClientHubApiError;
    if (status === 200) {
      return new LlmError('stream-broken', `${where} reported an error in the middle of the answer: ${server || 'no details'}. The partial text is kept; try again.`, { status, fix: 'retry' });
    }
    return fromStatus(status, server, { ...ctx, where, route, hub });
  }
  if (e instanceof InferenceClientRoutingError) {
    return new LlmError('unauthorized', `The "auto" provider only works with a Hugging Face token (hf_…). ${SET_KEY_HINT} Or name a provider whose own key you use.`, { fix: 'set-api-key' });
  }
  if (e instanceof InferenceClientInputError) {
    // The client says this when the Hub lists no (matching) provider for the model.
    if (/not been able to find inference provider|No Inference Provider available/i.test(e.message)) {
      return notServed(ctx.model, route);
    }
    return new LlmError('config', `Hugging Face settings problem: ${e.message} Check llmCompare.huggingface.provider and endpointUrl (do not set a provider with an endpoint).`, { fix: 'open-settings' });
  }
  const transport = transportFailure(e, where, {
    url: ctx.endpointUrl,
    lookupFailed: `Cannot find the host of ${where} (name lookup failed): check the URL${ctx.endpointUrl ? ' in the endpoint setting' : ', your internet connection or proxy'}.`,
    unreachable: ctx.endpointUrl ? `Cannot reach ${where}: is the server running?` : 'Cannot reach Hugging Face: check your internet connection or proxy.',
    fix: ctx.endpointUrl ? 'open-settings' : 'retry',
  });
  if (transport) return transport;
  if (e instanceof SyntaxError) {
    return new LlmError('stream-broken', `${where} sent a malformed stream event (${e.message}).`, { fix: 'retry' });
  }
  return new LlmError('unknown', `Hugging Face request failed: ${errorWithCauses(e) || 'unknown error'}`);
}

function fromStatus(status: number, server: string, c: HfErrorContext & { where: string; route: string; hub: boolean }): LlmError {
  // The server's words end with a full stop so the advice after them reads as its own sentence.
  const said = quoteServer('Server', server);
  switch (status) {
    case 401:
      if (c.keySlot) return new LlmError('unauthorized', `${c.where} rejected this model's own key (401).${said} Set it again.`, { status, fix: 'set-api-key', keySlot: c.keySlot });
      return new LlmError('unauthorized', `${c.where} ${c.endpointUrl ? 'needs a key' : 'rejected the API key'} (401).${said} ${c.endpointUrl ? "Give this model its own key for this endpoint (or mark it \"useHfToken\" if it takes your Hugging Face token)." : SET_KEY_HINT}`, { status, fix: 'set-api-key' });
    case 403:
      return new LlmError('forbidden', `${c.where} refused the request (403): the token lacks the "Make calls to Inference Providers" permission (or access to this model).${said} Create a fine-grained token with that permission and set it again.`, { status, fix: 'set-api-key' });
    case 402:
      return new LlmError('credits-exhausted', `Your monthly Hugging Face inference credits are used up (402).${said} Upgrade to PRO, pick another provider with its own key, or compare with local models for now.`, { status, fix: 'open-settings' });
    case 404:
      return notServed(c.model, c.route, c.hub ? 'the Hub does not know this model' : server, status);
    case 400:
    case 422:
      if (/not supported by any provider|not supported by provider|model_not_supported|does not exist/i.test(server)) return notServed(c.model, c.route, server, status);
      return new LlmError('bad-request', `${c.where} rejected the request (${status}): ${(server || 'no details').replace(/[.!?]?\s*$/, '.')} Check max tokens, temperature and the prompt.`, { status, fix: 'open-settings' });
    case 429: {
      const wait = typeof c.retryAfterMs === 'number' ? ` It asks to wait ${Math.ceil(c.retryAfterMs / 1000)} s before trying again.` : ' Wait a moment and try again.';
      return new LlmError('rate-limited', `${c.where} is rate limiting or overloaded (429).${said}${wait}`, { status, fix: 'retry', ...(typeof c.retryAfterMs === 'number' ? { retryAfterMs: c.retryAfterMs } : {}) });
    }
    case 503:
      return new LlmError('rate-limited', `${c.where} is temporarily unavailable (503).${said} Try again in a moment.`, { status, fix: 'retry' });
    default:
      return new LlmError('unknown', `${c.where} answered HTTP ${status}${c.route}.${said}`, { status, fix: 'retry' });
  }
}

function notServed(model: string, route: string, server = '', status?: number): LlmError {
  return new LlmError(
    'model-not-found',
    `Model "${model}" is not available${route}${server ? ` (${server})` : ''}. Choose another provider in llmCompare.huggingface.provider or another model.`,
    { status, fix: 'open-settings' },
  );
}

/** The server's own words, short and redacted: from `error`, `error.message`, `message` or `detail`. */
function serverMessage(e: InferenceClientProviderApiError | InferenceClientHubApiError): string {
  const body = e.httpResponse.body;
  let text = '';
  if (typeof body === 'string') text = body;
  else if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    const err = b.error;
    const nested = typeof err === 'object' && err !== null ? (err as Record<string, unknown>).message : undefined;
    const pick = [err, nested, b.message, b.detail].find((v): v is string => typeof v === 'string');
    text = pick ?? (err !== undefined ? JSON.stringify(err) : '');
  }
  text = redact(text.replace(/\s+/g, ' ').trim());
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/** An endpoint URL without user:password, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.href.replace(/\/$/, '');
  } catch {
    return redact(url);
  }
}
