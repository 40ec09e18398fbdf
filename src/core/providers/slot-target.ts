/**
 * Where a slot's requests go (its own endpoint, else the global default of its kind) and the host to show for it.
 * Kept apart from the checks so that the panel and the models view can name hosts without loading any client.
 */
import type { Settings } from '../settings';
import { HF_HUB_URL } from './huggingface-fetch';
import type { ServerKind } from './server-check';
import type { ModelSlot } from './types';

/** Where a slot's requests go: its own endpoint, else the global default for its provider. */
export interface SlotTarget {
  /** What is asked for the model list. */
  server: ServerKind;
  /** The URL or host asked (for `huggingface-hub`: the Hub). */
  base: string;
  /** For grouping and display: `127.0.0.1:11434`, `router.huggingface.co`. */
  host: string;
}

export function targetOf(slot: ModelSlot, settings: Settings, hubUrl = HF_HUB_URL): SlotTarget | null {
  switch (slot.provider) {
    case 'ollama': {
      const base = slot.endpoint ?? settings.ollama.host;
      return { server: 'ollama', base, host: hostOf(base) };
    }
    case 'openai':
      return slot.endpoint ? { server: 'openai', base: slot.endpoint, host: hostOf(slot.endpoint) } : null;
    case 'huggingface': {
      const endpoint = slot.endpoint ?? settings.huggingface.endpointUrl;
      if (endpoint) return { server: 'openai', base: endpoint, host: hostOf(endpoint) };
      return { server: 'huggingface-hub', base: hubUrl, host: 'router.huggingface.co' };
    }
    default:
      return null;
  }
}

/** `host:port` of a URL or an Ollama host setting (`:11434`, `localhost`); the text itself when it is not a URL. */
export function hostOf(url: string): string {
  let s = url.trim();
  if (s.startsWith(':')) s = `127.0.0.1${s}`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `http://${s}`;
  try {
    const u = new URL(s);
    return u.host || s;
  } catch {
    return url;
  }
}
