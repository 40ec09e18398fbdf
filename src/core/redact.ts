/**
 * Secrets never reach a message, log or output. Known secrets are registered at the moment they are read
 * (env, SecretStorage, config) so that even a key that does not look like a token is masked; token-shaped
 * strings are masked too, in case one arrives from somewhere we did not see.
 */

const known = new Set<string>();

/** Remember a secret so that every later `redact` masks it. Short strings are ignored (too many false hits). */
export function registerSecret(secret: string | undefined | null): void {
  if (secret && secret.length >= 8) known.add(secret);
}

/** For tests. */
export function forgetSecrets(): void {
  known.clear();
}

const TOKEN_PATTERNS: RegExp[] = [
  /\bhf_[A-Za-z0-9]{8,}\b/g,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /("?authorization"?\s*[:=]\s*"?)(?!\[redacted\])[^"',}\s]{8,}/gi,
];

export function redact(text: string): string {
  let out = text;
  for (const secret of known) out = out.split(secret).join('[redacted]');
  out = out.replace(TOKEN_PATTERNS[0], '[redacted]');
  out = out.replace(TOKEN_PATTERNS[1], '$1[redacted]');
  out = out.replace(TOKEN_PATTERNS[2], '$1[redacted]');
  return out;
}
