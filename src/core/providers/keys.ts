/**
 * Which key goes where: the one place that decides the Authorization header of every request a provider makes
 * (chat, model lists, describe). Pure, so it can be tested exhaustively. The rules:
 *  - a model's own key (VS Code: SecretStorage per slot; CLI: `apiKeyEnv`) goes only to that model's own endpoint;
 *  - the Hugging Face token goes only to Hugging Face's hosts, or to the model's own endpoint when the user marked
 *    it `useHfToken: true`;
 *  - anything else gets no key at all (no header).
 */
import type { ModelSlot } from './types';

export interface AvailableSecrets {
  /** The Hugging Face token (`hf_…`). */
  hfToken?: string;
  /** Per-model keys by slot id. */
  modelKeys?: Readonly<Record<string, string>>;
}

export interface KeyRequest {
  slot: Pick<ModelSlot, 'id' | 'useHfToken'>;
  /** The endpoint this slot resolves to (its own `endpoint`, or the global default it falls back to). */
  ownEndpoint: string | undefined;
  /** The URL this request goes to. */
  url: string;
  secrets: AvailableSecrets;
  /**
   * Origins that stand in for Hugging Face's own (a configured router / Hub base: a proxy, a test simulator).
   * Never a user's model endpoint.
   */
  hfStandIns?: readonly string[];
}

/** The bearer token to send with this request, or undefined for none. */
export function bearerFor(r: KeyRequest): string | undefined {
  const target = parse(r.url);
  if (!target) return undefined;
  const own = r.ownEndpoint ? parse(r.ownEndpoint) : null;
  const toOwnEndpoint = own !== null && sameServer(own, target);
  const modelKey = r.secrets.modelKeys?.[r.slot.id];
  if (modelKey && toOwnEndpoint) return modelKey;
  if (r.secrets.hfToken && (isHuggingFaceHost(target, r.hfStandIns) || (r.slot.useHfToken === true && toOwnEndpoint))) {
    return r.secrets.hfToken;
  }
  return undefined;
}

/**
 * Hugging Face's own hosts, over https: `huggingface.co` and its subdomains (`router.huggingface.co`), and
 * dedicated Inference Endpoints (`*.endpoints.huggingface.cloud`). Plus the configured stand-ins.
 */
export function isHuggingFaceHost(url: URL | string, standIns: readonly string[] = []): boolean {
  const u = typeof url === 'string' ? parse(url) : url;
  if (!u) return false;
  if (standIns.some((s) => {
    const base = parse(s);
    return base !== null && sameServer(base, u);
  })) return true;
  if (u.protocol !== 'https:') return false;
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  return host === 'huggingface.co' || host.endsWith('.huggingface.co') || host.endsWith('.endpoints.huggingface.cloud');
}

/** Same scheme, host and port: a key for `http://box:8080` is not sent to `http://box:9090` or `https://box:8080`. */
function sameServer(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.hostname.toLowerCase() === b.hostname.toLowerCase() && a.port === b.port;
}

function parse(url: string): URL | null {
  const text = url.trim();
  // Ollama host settings may omit the scheme (`gpu-box:11434`).
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  try {
    return new URL(withScheme);
  } catch {
    return null;
  }
}
