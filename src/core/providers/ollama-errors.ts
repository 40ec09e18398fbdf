/**
 * Turns whatever ollama-js throws into an LlmError a user can act on. ollama-js gives: `ResponseError` (not exported,
 * recognised by name) for an HTTP status, a plain Error for an error line inside a stream or a stream that ends
 * without `done`, undici's `TypeError('fetch failed')` with a `cause` for network trouble, and AbortError.
 */
import { CancelledError, LlmError, quoteServer } from './errors';
import { blockedPort, blockedPortMessage, errorWithCauses, tlsFailure, tlsFailureMessage } from './fetch-failure';
import { displayHost, hostName } from './ollama-http';

export interface OllamaErrorContext {
  /** The host setting as configured. */
  host: string;
  /** The model the operation was about, if any. */
  model?: string;
  /** `pull` reads an in-stream error differently: the model is missing from the library, not from the machine. */
  op: 'chat' | 'pull' | 'info';
  /** True once the response headers arrived: a plain Error then came from inside the stream. */
  inStream: boolean;
}

/** What the ollama client throws when a stream ends before its last item (ndjson-items.ts throws it too). */
export const OLLAMA_NO_DONE = 'Did not receive done or success response in stream.';

interface ErrorFacts {
  name: string;
  message: string;
  code?: string;
  address?: string;
}

function facts(e: unknown): ErrorFacts {
  if (typeof e !== 'object' || e === null) return { name: '', message: String(e) };
  const r = e as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { name: str(r.name) ?? '', message: str(r.message) ?? '', code: str(r.code), address: str(r.address) };
}

/** The network-level causes of a fetch failure; happy-eyeballs connects give an AggregateError of several. */
function causes(e: unknown): ErrorFacts[] {
  const cause = typeof e === 'object' && e !== null ? (e as { cause?: unknown }).cause : undefined;
  if (cause === undefined) return [];
  const nested = typeof cause === 'object' && cause !== null ? (cause as { errors?: unknown }).errors : undefined;
  return [facts(cause), ...(Array.isArray(nested) ? nested.map(facts) : [])];
}

function port(host: string): string {
  try {
    return new URL(displayHost(host)).port || '11434';
  } catch {
    return '11434';
  }
}

/** What a refused connection to `host` most likely means, with the IPv6 `localhost` trap spelled out. */
export function refusedDiagnosis(e: unknown, host: string): { message: string; ipv6Hint: boolean } {
  const h = displayHost(host);
  const sawV6 = causes(e).some((c) => c.address === '::1' || c.message.includes('::1'));
  const ipv6Hint = sawV6 || hostName(host) === 'localhost';
  let message = `Cannot connect to Ollama at ${h} (connection refused). Start Ollama (\`ollama serve\` or the Ollama app) or fix the Ollama host setting.`;
  if (ipv6Hint) {
    const why = sawV6 ? '"localhost" resolved to the IPv6 address ::1' : '"localhost" may resolve to the IPv6 address ::1';
    message += ` Note: ${why}, while Ollama listens on 127.0.0.1 (IPv4) only by default: set the host to http://127.0.0.1:${port(host)}.`;
  }
  return { message, ipv6Hint };
}

function fromNetwork(e: unknown, ctx: OllamaErrorContext): LlmError | undefined {
  const list = causes(e);
  const codes = new Set(list.map((c) => c.code).filter((c): c is string => !!c));
  const h = displayHost(ctx.host);
  const port = blockedPort(e, h);
  if (port) return new LlmError('config', blockedPortMessage(port, `The Ollama host ${h}`, '11434'), { fix: 'open-settings', cause: e });
  const tls = tlsFailure(e);
  if (tls) return new LlmError('connection-refused', tlsFailureMessage(tls, `Ollama at ${h}`), { fix: 'open-settings', cause: e });
  if (codes.has('ECONNREFUSED')) return new LlmError('connection-refused', refusedDiagnosis(e, ctx.host).message, { fix: 'start-ollama', cause: e });
  if (codes.has('ENOTFOUND') || codes.has('EAI_AGAIN')) {
    return new LlmError('connection-refused', `Cannot find the Ollama host ${h} (name lookup failed). Check the Ollama host setting.`, { fix: 'open-settings', cause: e });
  }
  if (codes.has('ETIMEDOUT') || codes.has('UND_ERR_CONNECT_TIMEOUT') || codes.has('UND_ERR_HEADERS_TIMEOUT')) {
    return new LlmError('timeout', `Ollama at ${h} did not answer in time. Check that it is running and not overloaded, then retry.`, { fix: 'retry', cause: e });
  }
  const dropped = ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].some((c) => codes.has(c)) || facts(e).message === 'terminated';
  if (dropped) {
    return new LlmError('stream-broken', `The connection to Ollama at ${h} dropped before the answer was complete. Ollama may have crashed or restarted; retry.`, { fix: 'retry', cause: e });
  }
  return undefined;
}

function fromStatus(status: number, serverMessage: string, e: unknown, ctx: OllamaErrorContext): LlmError {
  const h = displayHost(ctx.host);
  const model = ctx.model ?? 'the model';
  // The server's words end with a full stop so the advice after them reads as its own sentence.
  const said = quoteServer('Ollama', serverMessage);
  if (status === 404 && /model/i.test(serverMessage) && /not found/i.test(serverMessage)) {
    return new LlmError('model-not-found', `Model "${model}" is not installed in Ollama at ${h}: run \`ollama pull ${model}\`.`, { status, fix: 'pull-model', cause: e });
  }
  if (status === 404) {
    return new LlmError('unknown', `The server at ${h} answered 404 (${serverMessage || 'not found'}): it does not look like Ollama. Check the Ollama host setting.`, { status, fix: 'open-settings', cause: e });
  }
  if (status === 499) return new CancelledError();
  if (status === 400) return new LlmError('bad-request', `Ollama rejected the request for ${model} (HTTP 400).${said}`, { status, cause: e });
  if (status === 401) return new LlmError('unauthorized', `The server at ${h} wants credentials (HTTP 401). Put them in the Ollama host setting or check your proxy.${said}`, { status, fix: 'open-settings', cause: e });
  if (status === 403) return new LlmError('forbidden', `The server at ${h} refused the request (HTTP 403). Check the proxy in front of Ollama or OLLAMA_ORIGINS.${said}`, { status, fix: 'open-settings', cause: e });
  if (status === 503 || status === 429) {
    return new LlmError('rate-limited', `Ollama at ${h} is busy (too many requests waiting, HTTP ${status}). Wait for running generations to finish, then retry; OLLAMA_MAX_QUEUE raises the limit.${said}`, { status, fix: 'retry', cause: e });
  }
  return new LlmError('unknown', `Ollama failed with HTTP ${status} for ${model}.${said || ' No details given.'} Retry; if it persists, see the Ollama server log.`, { status, fix: 'retry', cause: e });
}

function fromStreamLine(message: string, e: unknown, ctx: OllamaErrorContext): LlmError {
  const model = ctx.model ?? 'the model';
  if (ctx.op === 'pull') {
    if (/file does not exist|manifest unknown|not found/i.test(message)) {
      return new LlmError('model-not-found', `"${model}" is not in the Ollama library (no such model or tag). Check the name, e.g. "codellama:7b", at https://ollama.com/library.`, { fix: 'open-settings', cause: e });
    }
    return new LlmError('stream-broken', `Pulling ${model} failed. Ollama said: ${message}. Check the internet connection of the machine running Ollama, then retry.`, { fix: 'retry', cause: e });
  }
  return new LlmError('stream-broken', `Ollama stopped generating with ${model} because of an error. Ollama said: ${message}`, { fix: 'retry', cause: e });
}

/**
 * Maps an ollama-js failure to an LlmError. Callers decide cancellation first (they know whether *they* aborted);
 * an AbortError reaching this point is still reported as cancelled.
 */
export function mapOllamaError(e: unknown, ctx: OllamaErrorContext): LlmError {
  if (e instanceof LlmError) return e;
  const f = facts(e);
  if (f.name === 'AbortError') return new CancelledError();
  if (f.name === 'ResponseError') {
    const r = e as { status_code?: unknown; error?: unknown };
    const status = typeof r.status_code === 'number' ? r.status_code : 0;
    return fromStatus(status, typeof r.error === 'string' ? r.error : f.message, e, ctx);
  }
  const network = e instanceof TypeError ? fromNetwork(e, ctx) : undefined;
  if (network) return network;
  if (f.message === OLLAMA_NO_DONE) {
    return new LlmError('stream-broken', `The answer from Ollama at ${displayHost(ctx.host)} ended before it was complete (no final message). Ollama may have crashed or restarted; retry.`, { fix: 'retry', cause: e });
  }
  if (ctx.inStream && e instanceof Error && !(e instanceof TypeError)) return fromStreamLine(f.message, e, ctx);
  return new LlmError('unknown', `Unexpected error talking to Ollama at ${displayHost(ctx.host)}: ${errorWithCauses(e) || String(e)}`, { cause: e });
}
