/**
 * What goes wrong talking to an OpenAI-compatible server, in words a user can act on. The server's own message
 * (read from the body by chat-completions.ts) is kept, short and redacted; a 401 names the model whose key to set.
 */
import { CancelledError, LlmError, quoteServer } from './errors';
import { HttpStatusError } from './chat-completions';
import { transportFailure } from './transport-errors';
import { safeUrl } from './huggingface-errors';
import type { ModelSlot } from './types';

export interface OpenAiErrorContext {
  slot: Pick<ModelSlot, 'id' | 'label' | 'model' | 'apiKeyEnv'>;
  endpoint: string;
  /** Whether a key went with the request. */
  sentKey: boolean;
}

export function toOpenAiError(e: unknown, c: OpenAiErrorContext): LlmError {
  if (e instanceof LlmError) return e;
  if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) return new CancelledError();
  const where = safeUrl(c.endpoint);
  if (e instanceof HttpStatusError) return fromStatus(e.status, e.serverMessage, c, where, e.retryAfterMs);
  const transport = transportFailure(e, where, {
    url: c.endpoint,
    lookupFailed: `Cannot find the host of ${where} (name lookup failed): check the endpoint of "${c.slot.label}".`,
    unreachable: `Cannot reach ${where} for "${c.slot.label}": is the server running, and is the endpoint right?`,
    fix: 'open-settings',
  });
  if (transport) return transport;
  const message = e instanceof Error ? e.message : String(e);
  return new LlmError('unknown', `${where} request failed: ${message || 'unknown error'}`);
}

/** How to give this model its own key, in VS Code and in the CLI. */
export function setKeyHint(slot: OpenAiErrorContext['slot']): string {
  const cli = slot.apiKeyEnv ? `set the environment variable ${slot.apiKeyEnv}` : 'name an environment variable in the model entry\'s "apiKeyEnv"';
  return `Set this model's key: in VS Code, "Set API key for ${slot.label}"; in the CLI, ${cli}.`;
}

function fromStatus(status: number, server: string, c: OpenAiErrorContext, where: string, retryAfterMs: number | null): LlmError {
  const said = quoteServer('Server', server);
  const keyFix = { status, fix: 'set-api-key' as const, keySlot: c.slot.id };
  switch (status) {
    case 401:
      return new LlmError('unauthorized', `${where} ${c.sentKey ? 'rejected the key' : 'needs a key'} for "${c.slot.label}" (401).${said} ${setKeyHint(c.slot)}`, keyFix);
    case 403:
      return new LlmError('forbidden', `${where} refused "${c.slot.label}" (403): the key lacks access to this model.${said} ${setKeyHint(c.slot)}`, keyFix);
    case 402:
      return new LlmError('credits-exhausted', `${where} wants payment (402): the account's credits are used up.${said}`, { status, fix: 'open-settings' });
    case 404:
      return new LlmError('model-not-found', `${where} does not serve "${c.slot.model}" (404).${said} Check the model name (\`llm-compare models\` lists what the server offers) and that the endpoint ends in /v1.`, { status, fix: 'open-settings' });
    case 400:
    case 422:
      if (/model.*(not found|does not exist|not exist|unknown)|no such model/i.test(server)) {
        return new LlmError('model-not-found', `${where} does not serve "${c.slot.model}" (${status}).${said}`, { status, fix: 'open-settings' });
      }
      return new LlmError('bad-request', `${where} rejected the request (${status}): ${server || 'no details'}. Check max tokens, temperature and the prompt.`, { status, fix: 'open-settings' });
    case 429: {
      const wait = retryAfterMs !== null ? ` It asks to wait ${Math.ceil(retryAfterMs / 1000)} s before trying again.` : ' Wait a moment and try again.';
      return new LlmError('rate-limited', `${where} is rate limiting or overloaded (429).${said}${wait}`, { status, fix: 'retry', ...(retryAfterMs !== null ? { retryAfterMs } : {}) });
    }
    case 503:
      return new LlmError('model-loading', `${where} is not ready (503): the model may still be loading.${said} Try again in a moment.`, { status, fix: 'retry' });
    default:
      return new LlmError('unknown', `${where} answered HTTP ${status}.${said}`, { status, fix: 'retry' });
  }
}
