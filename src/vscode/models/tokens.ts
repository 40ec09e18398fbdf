/**
 * Which token a check from the models view may send where: the core's one key-routing rule (`bearerFor`), with the
 * endpoint each slot resolves to and the Hugging Face stand-ins (HF_ROUTER_URL / HF_HUB_URL) the registry uses too.
 */
import { bearerFor, isHuggingFaceHost, type AvailableSecrets } from '../../core/providers/keys';
import type { ModelSlot } from '../../core/providers/types';
import type { Settings } from '../../core/settings';

/** Proxies or simulators standing in for Hugging Face's own hosts, from the environment (as the registry reads them). */
export function hfStandIns(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.HF_ROUTER_URL, env.HF_HUB_URL].filter((u): u is string => !!u);
}

/** The endpoint a slot's requests go to: its own, else the global default of its kind (undefined = the HF router). */
export function ownEndpointOf(slot: ModelSlot, settings: Settings): string | undefined {
  if (slot.endpoint) return slot.endpoint;
  if (slot.provider === 'ollama') return settings.ollama.host;
  if (slot.provider === 'huggingface') return settings.huggingface.endpointUrl;
  return undefined;
}

export function tokenFor(slot: ModelSlot, url: string, secrets: AvailableSecrets, settings: Settings): string | undefined {
  return bearerFor({ slot, ownEndpoint: ownEndpointOf(slot, settings), url, secrets, hfStandIns: hfStandIns() });
}

/** A model that talks to Hugging Face itself takes the one HF token; any other endpoint takes a key of its own. */
export function takesHfToken(slot: ModelSlot, settings: Settings): boolean {
  if (slot.provider !== 'huggingface') return false;
  const endpoint = ownEndpointOf(slot, settings);
  return !endpoint || isHuggingFaceHost(endpoint, hfStandIns());
}
