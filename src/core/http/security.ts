/**
 * What keeps a web page the user happens to visit from driving the local server, and strangers on the network out:
 *  - DNS rebinding: a page on evil.example re-points its name at 127.0.0.1, and the browser sends `Host: evil.example`.
 *    Only the names of the bound address are accepted.
 *  - Cross-site requests: a browser sends `Origin` with every cross-origin POST (and fetch); anything but our own
 *    origin is refused, and no CORS header is ever sent, so the browser also keeps the answers from the page.
 *  - Beyond loopback, a bearer token: without it every route but /health answers 401.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { networkInterfaces, hostname } from 'node:os';
import { isIP } from 'node:net';
import { HttpError } from './errors';

export const DEFAULT_HOST = '127.0.0.1';
export const TOKEN_ENV = 'LLM_COMPARE_TOKEN';

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** `::1` → `[::1]`: the form a Host header uses. */
function hostForm(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address.toLowerCase();
}

/**
 * The `Host` values the server answers to (`name:port`, lower-case): the bound address, plus `localhost` on loopback,
 * plus every interface address and the machine name on a wildcard bind, plus names the user allowed explicitly.
 */
export function allowedHostValues(bindHost: string, port: number, extraNames: readonly string[] = []): Set<string> {
  const names = new Set<string>(extraNames.map((n) => n.toLowerCase()));
  if (isWildcard(bindHost)) {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(hostForm(i.address));
    names.add('localhost');
    names.add(hostname().toLowerCase());
  } else {
    names.add(hostForm(bindHost.replace(/^\[|\]$/g, '')));
    if (isLoopbackHost(bindHost)) names.add('localhost');
  }
  const out = new Set<string>();
  for (const n of names) {
    out.add(`${n}:${port}`);
    if (port === 80) out.add(n);
  }
  return out;
}

export interface SecurityPolicy {
  allowedHosts: ReadonlySet<string>;
  /** When set, every route but /health needs `Authorization: Bearer <token>`. */
  token?: string;
}

/** Throws 403 for a foreign Host (DNS rebinding) or a foreign Origin (a web page). */
export function checkHostAndOrigin(policy: SecurityPolicy, headers: IncomingHttpHeaders): void {
  const host = (headers.host ?? '').toLowerCase();
  if (!policy.allowedHosts.has(host)) {
    throw new HttpError(403, 'forbidden-host', `Host "${host}" is not this server's address. Use http://${[...policy.allowedHosts][0]}/.`);
  }
  const origin = headers.origin;
  if (origin !== undefined && !isOwnOrigin(policy, origin)) {
    throw new HttpError(403, 'forbidden-origin', `Requests from the web page at ${JSON.stringify(origin)} are not allowed: this server only answers local clients.`);
  }
}

function isOwnOrigin(policy: SecurityPolicy, origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && policy.allowedHosts.has(url.host);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and anything unparsable
  }
}

/** Throws 401 unless the request carries the policy's bearer token (no-op when there is none). */
export function checkToken(policy: SecurityPolicy, headers: IncomingHttpHeaders): void {
  if (policy.token === undefined) return;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (!match || !sameSecret(match[1], policy.token)) {
    throw new HttpError(401, 'unauthorized', 'This server needs "Authorization: Bearer <token>" (the token it printed at start, or LLM_COMPARE_TOKEN).', {
      'www-authenticate': 'Bearer',
    });
  }
}

/** Compares digests, so the time taken says nothing about how much of the token was right. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export interface TokenChoice {
  token: string | undefined;
  /** True when the server made it up: the caller prints it once. */
  generated: boolean;
}

/** The token rule: the environment's token wherever it is set; a fresh one when binding beyond loopback without it. */
export function chooseToken(bindHost: string, envToken: string | undefined): TokenChoice {
  if (envToken !== undefined && envToken.trim() !== '') return { token: envToken.trim(), generated: false };
  if (isLoopbackHost(bindHost)) return { token: undefined, generated: false };
  return { token: randomBytes(24).toString('base64url'), generated: true };
}
