/**
 * When a request really left. Node's fetch (undici) reports on `node:diagnostics_channel` when it has written a
 * request's headers to the connection (`undici:client:sendHeaders`); marking "sent" there, not when the request is
 * handed to fetch, keeps Node's HTTP client set-up out of the time to first token (issue 12: on the first request of
 * a process, creating the connection pool and the parser and opening the connection counted as model time).
 *
 * Requests are told apart by identity: undici creates its request object (`undici:request:create`) synchronously
 * inside the `fetch` call, so the one created while `sendMarked` is inside `send` is ours; `sendHeaders` carries the
 * same object. Both channels speak once per request: nothing per token. Where nothing reports (an injected fetch,
 * another HTTP client), the mark stays at the hand-over to fetch.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { SentMoment } from './types';

let claim: (() => void) | undefined;
const owners = new WeakMap<object, () => void>();
let listening = false;

function requestOf(message: unknown): object | undefined {
  const request = (message as { request?: unknown } | null)?.request;
  return typeof request === 'object' && request !== null ? request : undefined;
}

function listen(): void {
  if (listening) return;
  listening = true;
  subscribe('undici:request:create', (message) => {
    const request = requestOf(message);
    if (!claim || !request) return;
    owners.set(request, claim);
    claim = undefined;
  });
  subscribe('undici:client:sendHeaders', (message) => {
    const request = requestOf(message);
    const tell = request && owners.get(request);
    if (!request || !tell) return;
    owners.delete(request);
    tell();
  });
}

/**
 * Calls `send` (which must call fetch at once, not after an await) and tells `onSent`: `'handed'` as the request
 * goes to fetch, then `'written'` once its headers are written to the connection, where Node's HTTP client says so.
 */
export function sendMarked<T>(send: () => T, onSent: ((moment: SentMoment) => void) | undefined): T {
  if (!onSent) return send();
  listen();
  onSent('handed');
  claim = () => onSent('written');
  try {
    return send();
  } finally {
    claim = undefined;
  }
}
