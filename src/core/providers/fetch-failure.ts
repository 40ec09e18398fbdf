/**
 * What Node's fetch (undici) means by "fetch failed": the reason is only in `cause` (and, for happy-eyeballs
 * connects, in `cause.errors`). Providers use these helpers so that no failure reaches the user as a bare
 * "fetch failed" with the reason thrown away.
 */

/**
 * The message of `e` followed by the messages (and codes) of its causes, e.g.
 * `fetch failed (cause: connect ECONNREFUSED 127.0.0.1:1, code ECONNREFUSED)`.
 */
export function errorWithCauses(e: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = e;
  for (let depth = 0; current !== undefined && current !== null && depth < 5 && !seen.has(current); depth++) {
    seen.add(current);
    parts.push(describeOne(current, depth === 0));
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested) && nested.length) parts.push(`one of: ${nested.map((n) => describeOne(n, false)).join('; ')}`);
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  const [head, ...causes] = parts.filter(Boolean);
  return causes.length ? `${head ?? 'error'} (cause: ${causes.join('; cause: ')})` : head ?? '';
}

function describeOne(e: unknown, first: boolean): string {
  if (typeof e !== 'object' || e === null) return String(e);
  const r = e as { message?: unknown; code?: unknown; name?: unknown };
  const message = typeof r.message === 'string' && r.message ? r.message : first ? '' : String(r.name ?? '');
  const code = typeof r.code === 'string' && !message.includes(r.code) ? `, code ${r.code}` : '';
  return `${message}${code}`;
}

/**
 * The port, when fetch refused to even try it: the WHATWG fetch standard blocks "bad ports" (6000 X11, 10080,
 * 6665–6669 IRC, 25 SMTP ...) and undici answers `TypeError('fetch failed')` with cause `Error('bad port')`.
 */
export function blockedPort(e: unknown, url: string): string | null {
  let cause: unknown = e;
  for (let depth = 0; depth < 4 && typeof cause === 'object' && cause !== null; depth++) {
    if ((cause as { message?: unknown }).message === 'bad port') {
      try {
        const u = new URL(url);
        return u.port || (u.protocol === 'https:' ? '443' : '80');
      } catch {
        return '?';
      }
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/** The user-facing explanation for a blocked port. */
export function blockedPortMessage(port: string, what: string, usualPort?: string): string {
  const usual = usualPort ? ` (the usual one is ${usualPort})` : '';
  return `${what} uses port ${port}, which Node's fetch refuses to connect to (the fetch standard blocks it as unsafe, like 6000 and 10080). Run the server on another port${usual} and update the setting.`;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/;

/** The TLS verification code (e.g. DEPTH_ZERO_SELF_SIGNED_CERT) when the certificate was rejected, else null. */
export function tlsFailure(e: unknown): string | null {
  let cause: unknown = e;
  for (let depth = 0; depth < 4 && typeof cause === 'object' && cause !== null; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && TLS_CODES.test(code)) return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/** The user-facing explanation for a rejected certificate. */
export function tlsFailureMessage(code: string, what: string): string {
  const selfSigned = /SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code);
  const why = selfSigned ? 'its certificate is self-signed or from an unknown authority' : 'its certificate is not valid for it';
  return `Refused to connect to ${what}: ${why} (${code}). Use a certificate your system trusts, point NODE_EXTRA_CA_CERTS at the CA file, or use http:// on a private network.`;
}

/** The code of the first cause that has one (ECONNREFUSED, ENOTFOUND ...). */
export function causeCodeOf(e: unknown): string | null {
  let cause: unknown = typeof e === 'object' && e !== null ? (e as { cause?: unknown }).cause : undefined;
  for (let depth = 0; depth < 4 && typeof cause === 'object' && cause !== null; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const nested = (cause as { errors?: unknown }).errors;
    if (Array.isArray(nested)) for (const n of nested) if (typeof (n as { code?: unknown })?.code === 'string') return (n as { code: string }).code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}
