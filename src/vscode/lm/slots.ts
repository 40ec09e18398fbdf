/**
 * VS Code chat models as model slots. Pure (no `vscode` import): the slot id must pass the protocol's id rule
 * (`[A-Za-z0-9._-]{1,64}`) whatever a vendor calls its models, and stay the same for the same model across reloads
 * so that the chooser's selection survives.
 */
import { createHash } from 'node:crypto';
import type { ModelSlot } from '../../core/providers/types';

/** Every chat-model slot id starts with this; configured ids may not (settings reject nothing, but the panel shows configured first). */
export const CHAT_MODEL_ID_PREFIX = 'vscode-lm.';
/** Our own vendor: our models are offered to VS Code chat, and are not listed back as chat models (they are columns already). */
export { OWN_VENDOR } from './ids';
/** VS Code's chat API has no standard output limit option; this is only what the slot records (see README). */
const DEFAULT_MAX_TOKENS = 512;

/** What the slot needs to know of a `vscode.LanguageModelChat`. */
export interface ChatModelFacts {
  id: string;
  name: string;
  vendor: string;
  family: string;
  version: string;
  maxInputTokens: number;
}

export function chatModelSlotId(vendor: string, id: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  const plain = `${CHAT_MODEL_ID_PREFIX}${clean(vendor)}.${clean(id)}`;
  if (plain.length <= 64 && plain === `${CHAT_MODEL_ID_PREFIX}${vendor}.${id}`) return plain;
  // Cleaned or cut: a short hash of the real names keeps two similar names apart.
  const hash = createHash('sha256').update(`${vendor}\0${id}`).digest('hex').slice(0, 8);
  return `${plain.slice(0, 64 - 9)}-${hash}`;
}

export function isChatModelSlotId(id: string): boolean {
  return id.startsWith(CHAT_MODEL_ID_PREFIX);
}

export function chatModelSlot(m: ChatModelFacts): ModelSlot {
  return {
    id: chatModelSlotId(m.vendor, m.id),
    label: m.name || m.id,
    provider: 'vscode-lm',
    model: m.id,
    maxTokens: DEFAULT_MAX_TOKENS,
    // No endpoint: VS Code does not say which server answers (the vendor is kept by the catalog). Without one the
    // model counts as online, which errs on the side of "the prompt may leave this machine".
  };
}
