/**
 * The endpoint's errors: one JSON shape (`{"error": {"kind", "message"}}`) for everything a client can get wrong and
 * for every provider failure. Provider failures keep the typed error's kind, so a script branches on `kind`, and its
 * message, which the provider boundary has already redacted.
 */
import type { ErrorKind } from '../providers/errors';
import { redact } from '../redact';

/** Kinds the endpoint adds to the providers' own. */
export type HttpErrorKind =
  | ErrorKind
  | 'not-found'
  | 'method-not-allowed'
  | 'forbidden-host'
  | 'forbidden-origin'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'too-many-requests'
  | 'shutting-down';

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly kind: HttpErrorKind,
    message: string,
    readonly headers: Record<string, string> = {},
    /** What the model wrote before it failed: kept for the client rather than thrown away. */
    readonly partialResponse?: string,
  ) {
    super(redact(message));
  }

  toBody(): { error: { kind: HttpErrorKind; message: string }; response?: string } {
    return { error: { kind: this.kind, message: this.message }, ...(this.partialResponse ? { response: this.partialResponse } : {}) };
  }
}

export const badRequest = (message: string) => new HttpError(400, 'bad-request', message);

/**
 * The status a provider failure answers with: 503 when the upstream is busy or still loading (worth retrying later),
 * 504 when it went silent or timed out, 502 for everything else it did wrong (refused, not found, rejected our key,
 * broke the stream). Never 4xx: the client's request was fine, the model server failed it.
 */
export function statusForProviderError(kind: ErrorKind): number {
  switch (kind) {
    case 'rate-limited':
    case 'model-loading':
      return 503;
    case 'stream-stalled':
    case 'timeout':
      return 504;
    case 'config':
      return 400;
    default:
      return 502;
  }
}
