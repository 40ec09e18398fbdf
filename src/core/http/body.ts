/**
 * Reading a request body: JSON only (a browser form cannot send `application/json` without a CORS preflight, which
 * this server never grants), at most 1 MiB, and an object at the top.
 */
import type { IncomingMessage } from 'node:http';
import { badRequest, HttpError } from './errors';
import { MAX_BODY_BYTES } from './limits';

export type JsonObject = Record<string, unknown>;

export function checkJsonContentType(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'unsupported-media-type', `Send the body as JSON with "Content-Type: application/json" (got ${type ? `"${type}"` : 'no content type'}).`);
  }
}

function tooLarge(): HttpError {
  return new HttpError(413, 'payload-too-large', `The body is over ${MAX_BODY_BYTES} bytes (1 MiB), the most this server reads.`, { connection: 'close' });
}

/** Reads and parses the body; refuses by Content-Length before reading when it already says too much. */
export async function readJsonBody(req: IncomingMessage): Promise<JsonObject> {
  checkJsonContentType(req);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw badRequest('The body is empty: send a JSON object such as {"prompt": "Write a haiku about tests"}.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw badRequest(`The body is not valid JSON: ${(e as Error).message}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest(`The body must be a JSON object such as {"prompt": "..."} (got ${Array.isArray(parsed) ? 'a list' : parsed === null ? 'null' : typeof parsed}).`);
  }
  return parsed as JsonObject;
}
