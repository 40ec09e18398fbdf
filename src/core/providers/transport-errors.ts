/**
 * The transport failures every HTTP provider shares, made into typed errors in one place (the OpenAI-compatible and
 * Hugging Face providers word only the advice differently).
 */
import { LlmError, type FixAction } from './errors';
import { blockedPort, blockedPortMessage, causeCodeOf, errorWithCauses, tlsFailure, tlsFailureMessage } from './fetch-failure';

/** How one provider words the two transport failures whose advice differs per provider. */
export interface TransportWords {
  /** The endpoint the user configured (checked for a blocked port); absent for a built-in host. */
  url?: string;
  /** Said when the host name does not resolve. */
  lookupFailed: string;
  /** Said when the host does not answer (refused, reset, timed out). */
  unreachable: string;
  /** The fix offered when the host cannot be reached. */
  fix: FixAction;
}

/**
 * The transport failures every HTTP provider shares, as typed errors: a port fetch refuses, a rejected certificate,
 * a name that does not resolve, a host that does not answer, a stream cut mid-answer. Null for anything else.
 */
export function transportFailure(e: unknown, where: string, words: TransportWords): LlmError | null {
  const port = words.url ? blockedPort(e, words.url) : null;
  if (port) return new LlmError('config', blockedPortMessage(port, `The endpoint ${where}`), { fix: 'open-settings' });
  const tls = tlsFailure(e);
  if (tls) return new LlmError('connection-refused', tlsFailureMessage(tls, where), { fix: 'open-settings' });
  if (e instanceof TypeError && /fetch failed/i.test(e.message)) {
    const code = causeCodeOf(e);
    const lookup = code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    return new LlmError('connection-refused', `${lookup ? words.lookupFailed : words.unreachable} (${errorWithCauses(e)})`, {
      fix: words.fix,
      cause: e,
    });
  }
  if (e instanceof TypeError && /terminated|other side closed|socket/i.test(e.message)) {
    return new LlmError('stream-broken', `${where} closed the connection in the middle of the answer. The partial text is kept; try again.`, { fix: 'retry' });
  }
  return null;
}
