/**
 * Which representation a client gets. The prototype's rule, kept: `?format=` wins, then the body's `"format"`, then
 * the `Accept` header, else text. Streaming (Server-Sent Events) is asked for the same way: `?stream=true`, the
 * body's `"stream": true`, or `Accept: text/event-stream`.
 */
import { badRequest } from './errors';

export const GENERATE_FORMATS = ['text', 'json', 'html'] as const;
export type GenerateFormat = (typeof GENERATE_FORMATS)[number];
/** What `llm-compare compare --format` prints, plus live NDJSON events. */
export const COMPARE_FORMATS = ['text', 'md', 'json', 'html', 'ndjson'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];
export type AnyFormat = GenerateFormat | CompareFormat;

export const CONTENT_TYPES: Record<AnyFormat | 'sse', string> = {
  text: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  sse: 'text/event-stream; charset=utf-8',
};

const MEDIA_TO_FORMAT: Record<string, AnyFormat> = {
  'text/plain': 'text',
  'text/markdown': 'md',
  'application/json': 'json',
  'text/html': 'html',
  'application/x-ndjson': 'ndjson',
};

interface MediaRange {
  type: string;
  q: number;
}

function parseAccept(accept: string | undefined): MediaRange[] {
  if (!accept) return [];
  return accept.split(',').flatMap((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!type) return [];
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    return Number.isFinite(q) && q > 0 ? [{ type, q }] : [];
  });
}

/** The allowed format the Accept header prefers most (highest q, then first listed); undefined for none / `*\/*`. */
export function formatFromAccept<F extends AnyFormat>(allowed: readonly F[], accept: string | undefined): F | undefined {
  let best: { format: F; q: number } | undefined;
  for (const range of parseAccept(accept)) {
    const format = MEDIA_TO_FORMAT[range.type] as F | undefined;
    if (format && allowed.includes(format) && (!best || range.q > best.q)) best = { format, q: range.q };
  }
  return best?.format;
}

function checked<F extends AnyFormat>(allowed: readonly F[], value: unknown, where: string): F {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as F;
  throw badRequest(`${where} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)}).`);
}

export function chooseFormat<F extends AnyFormat>(
  allowed: readonly F[],
  sources: { query: string | null; body: unknown; accept: string | undefined },
): F {
  if (sources.query !== null) return checked(allowed, sources.query, 'The "format" query parameter');
  if (sources.body !== undefined) return checked(allowed, sources.body, 'The "format" field');
  return formatFromAccept(allowed, sources.accept) ?? allowed[0];
}

export function wantsStream(sources: { query: string | null; body: unknown; accept: string | undefined }): boolean {
  if (sources.query !== null) {
    const q = sources.query.toLowerCase();
    if (q === 'true' || q === '1') return true;
    if (q === 'false' || q === '0') return false;
    throw badRequest(`The "stream" query parameter must be true or false (got ${JSON.stringify(sources.query)}).`);
  }
  if (sources.body !== undefined) {
    if (typeof sources.body !== 'boolean') throw badRequest(`The "stream" field must be true or false (got ${JSON.stringify(sources.body)}).`);
    return sources.body;
  }
  return parseAccept(sources.accept).some((r) => r.type === 'text/event-stream');
}
