/**
 * One rule for "online" vs "local", used by every report, the panel, `models`, the bench and the feature table:
 * a model is local when its endpoint's host is this machine or a private network, online otherwise. Decided from
 * the host alone (no DNS lookup): a name we cannot place is online, which errs on the side of "leaves the machine".
 */
import type { ModelLocation, ModelSlot } from './types';

export function locationOfEndpoint(url: string): ModelLocation {
  const host = hostOf(url);
  if (host === null) return 'online';
  return isLocalHost(host) ? 'local' : 'online';
}

/** Where a slot runs: from its endpoint when it has one, else from what its kind means without one. */
export function locationOfSlot(slot: Pick<ModelSlot, 'provider'>, endpoint: string | null | undefined): ModelLocation {
  if (endpoint) return locationOfEndpoint(endpoint);
  switch (slot.provider) {
    case 'ollama':
    case 'llamacpp':
      return 'local';
    case 'huggingface':
    case 'openai':
    case 'vscode-lm':
      return 'online';
  }
}

/** The host name of a URL or Ollama-style host setting (`localhost:11434`), lower-case, IPv6 without brackets. */
function hostOf(url: string): string | null {
  const text = url.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text.startsWith(':') ? `127.0.0.1${text}` : text}`;
  try {
    return new URL(withScheme).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}

function isLocalHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  const v4 = ipv4(host);
  if (v4) return isPrivateV4(v4);
  if (host.includes(':')) return isPrivateV6(host);
  return false;
}

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function isPrivateV4([a, b]: number[]): boolean {
  return (
    a === 127 || // loopback
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) || // link-local
    a === 0
  );
}

function isPrivateV6(host: string): boolean {
  if (host === '::1' || host === '::') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (mapped) {
    const v4 = ipv4(mapped[1]);
    return v4 !== null && isPrivateV4(v4);
  }
  // The URL parser writes an IPv4-mapped address in hex (::ffff:7f00:1).
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (hexMapped) {
    const hi = parseInt(hexMapped[1], 16);
    const lo = parseInt(hexMapped[2], 16);
    return isPrivateV4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  }
  const first = parseInt(host.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 /* fc00::/7 */ || (first & 0xffc0) === 0xfe80 /* fe80::/10 */;
}
