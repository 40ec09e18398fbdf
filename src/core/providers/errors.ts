/**
 * Typed errors made at the provider boundary. Callers branch on `kind` (or `instanceof`), never on message text.
 * Every message is written for the user (what happened, what to do) and passes through `redact` so that a key
 * can never leak through an error.
 */
import { redact } from '../redact';
import { errorWithCauses } from './fetch-failure';

export type ErrorKind =
  | 'connection-refused'
  | 'model-not-found'
  | 'unauthorized'
  | 'forbidden'
  | 'credits-exhausted'
  | 'rate-limited'
  | 'model-loading'
  | 'bad-request'
  | 'stream-broken'
  | 'stream-stalled'
  | 'timeout'
  | 'cancelled'
  | 'config'
  | 'unknown';

/**
 * The server's own words as a sentence of their own (` Server said: … .`), so the advice that follows reads apart
 * from them; empty when the server said nothing.
 */
export function quoteServer(who: string, text: string): string {
  const t = text.trim();
  if (!t) return '';
  return ` ${who} said: ${/[.!?]$/.test(t) ? t : `${t}.`}`;
}

/** What a UI can offer to fix an error. */
export type FixAction = 'set-api-key' | 'pull-model' | 'start-ollama' | 'open-settings' | 'retry';

export class LlmError extends Error {
  override readonly name: string = 'LlmError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: {
      status?: number;
      /** The action that most likely fixes it. */
      fix?: FixAction;
      /**
       * With `set-api-key`: the id of the model whose own key to set. Absent = the Hugging Face token.
       */
      keySlot?: string;
      /** For `model-loading`: the server's estimate in ms. */
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    super(redact(message));
  }

  get fix(): FixAction | undefined {
    return this.details.fix;
  }

  /** With `set-api-key`: whose key (a model id), or undefined for the Hugging Face token. */
  get keySlot(): string | undefined {
    return this.details.keySlot;
  }

  /** The JSON shape used by the CLI and HTTP endpoint. */
  toJSON(): { kind: ErrorKind; message: string } {
    return { kind: this.kind, message: this.message };
  }
}

export class CancelledError extends LlmError {
  override readonly name = 'CancelledError';
  constructor(message = 'Cancelled.') {
    super('cancelled', message);
  }
}

/** Bad input or configuration, found before anything is sent. */
export class ConfigError extends LlmError {
  override readonly name = 'ConfigError';
  constructor(message: string, fix: FixAction = 'open-settings') {
    super('config', message, { fix });
  }
}

export function isLlmError(e: unknown): e is LlmError {
  return e instanceof LlmError;
}

/** Wrap anything thrown into an LlmError (unknown kind unless it already is one); the cause's text is kept. */
export function toLlmError(e: unknown): LlmError {
  if (e instanceof LlmError) return e;
  if (e instanceof Error && e.name === 'AbortError') return new CancelledError();
  return new LlmError('unknown', errorWithCauses(e) || 'Unknown error.', { cause: e });
}
