/**
 * Which token a check from the models view may send where. Until the core's key-routing function lands this holds
 * the same rules (the HF token only to Hugging Face hosts or a slot marked `useHfToken`; a model's own key only to its
 * own endpoint).
 */
import type { ModelSlot } from '../../core/providers/types';
import { hostOf } from '../../core/providers/model-health';

export interface Secrets {
  hfToken?: string;
  modelKeys: Record<string, string>;
}

/** Hugging Face's own hosts: the only ones the HF token may go to. `host` may carry a port or be a URL. */
export function isHfHost(hostOrUrl: string): boolean {
  const host = hostOf(hostOrUrl);
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name === 'huggingface.co' || name.endsWith('.huggingface.co') || name.endsWith('.endpoints.huggingface.cloud');
}

export function tokenFor(slot: ModelSlot, url: string, secrets: Secrets): string | undefined {
  const host = hostOf(url);
  const own = secrets.modelKeys[slot.id];
  if (own && slot.endpoint && hostOf(slot.endpoint) === host) return own;
  if (secrets.hfToken && (isHfHost(host) || slot.useHfToken)) return secrets.hfToken;
  return undefined;
}
