/**
 * Is a configured model usable right now, and if not, what fixes it? One cheap request per server (model lists are
 * shared by every model on the same server and key), never a generation. The answer is a state a UI shows as an icon
 * and a reason, and the one action most likely to fix it.
 */
import type { Settings } from '../settings';
import { sameModel } from './ollama-models';
import { checkServer, type ServerModels } from './server-check';
import { targetOf, type SlotTarget } from './slot-target';
import type { ModelSlot, ProviderKind } from './types';

export type ModelState =
  | { kind: 'ready'; detail: string }
  | { kind: 'unreachable'; reason: string }
  /** `pullable`: Ollama can download it. */
  | { kind: 'missing'; reason: string; pullable: boolean }
  | { kind: 'key-missing'; reason: string }
  | { kind: 'key-rejected'; reason: string }
  /** A kind this check does not know how to ask (a built-in engine, VS Code's chat models). */
  | { kind: 'unchecked'; detail: string };

export interface HealthDeps {
  settings: Settings;
  /** The bearer token a request from this slot to this URL may carry (the key-routing rule), or undefined. */
  tokenFor(slot: ModelSlot, url: string): string | undefined;
  fetch?: typeof fetch;
  hubUrl?: string;
  timeoutMs?: number;
}

/**
 * Checks every slot; `onState` is called as each answer arrives (the UI shows them one by one). Slots that share a
 * server and a token share one request.
 */
export async function checkModels(
  slots: readonly ModelSlot[],
  deps: HealthDeps,
  onState: (slotId: string, state: ModelState) => void,
  signal?: AbortSignal,
): Promise<void> {
  const lists = new Map<string, Promise<ServerModels>>();
  await Promise.all(slots.map(async (slot) => {
    const target = targetOf(slot, deps.settings, deps.hubUrl);
    if (!target) return onState(slot.id, { kind: 'unchecked', detail: uncheckedWhy(slot.provider) });
    const token = deps.tokenFor(slot, target.base);
    if (target.server === 'huggingface-hub') {
      if (!token) return onState(slot.id, { kind: 'key-missing', reason: 'No Hugging Face API key is set.' });
      return onState(slot.id, await checkHubModel(slot, target.base, token, deps, signal));
    }
    const cacheKey = `${target.server} ${target.base} ${token ?? ''}`;
    if (!lists.has(cacheKey)) {
      lists.set(cacheKey, checkServer(target.server, target.base, { token, fetch: deps.fetch, signal, timeoutMs: deps.timeoutMs }));
    }
    onState(slot.id, stateFromList(slot, target, await lists.get(cacheKey)!, !!token));
  }));
}

export function stateFromList(slot: ModelSlot, target: SlotTarget, list: ServerModels, sentKey: boolean): ModelState {
  if (!list.ok) {
    if (list.problem === 'unauthorized') return sentKey ? { kind: 'key-rejected', reason: list.reason } : { kind: 'key-missing', reason: list.reason };
    return { kind: 'unreachable', reason: list.reason };
  }
  const served = target.server === 'ollama' ? list.models.some((m) => sameModel(m, slot.model)) : list.models.includes(slot.model);
  if (served) return { kind: 'ready', detail: `${target.host} serves ${slot.model}.` };
  if (target.server === 'ollama') {
    return { kind: 'missing', reason: `${slot.model} is not installed in Ollama at ${target.host}.`, pullable: true };
  }
  const offered = list.models.length ? ` It lists: ${list.models.slice(0, 5).join(', ')}${list.models.length > 5 ? ', …' : ''}.` : '';
  return { kind: 'missing', reason: `${target.host} does not list "${slot.model}".${offered}`, pullable: false };
}

/** The router serves a model when the Hub maps at least one inference provider to it; a bad token is refused there too. */
async function checkHubModel(slot: ModelSlot, hub: string, token: string, deps: HealthDeps, signal?: AbortSignal): Promise<ModelState> {
  const url = `${hub.replace(/\/+$/, '')}/api/models/${slot.model}?expand[]=inferenceProviderMapping`;
  const timeout = AbortSignal.timeout(deps.timeoutMs ?? 5000);
  let res: Response;
  try {
    res = await (deps.fetch ?? fetch)(url, { headers: { Authorization: `Bearer ${token}` }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (e) {
    if (signal?.aborted) throw e;
    return { kind: 'unreachable', reason: timeout.aborted ? 'The Hugging Face Hub did not answer in time.' : 'Cannot reach the Hugging Face Hub (huggingface.co).' };
  }
  if (res.status === 401 || res.status === 403) return { kind: 'key-rejected', reason: `Hugging Face rejected the API key (HTTP ${res.status}).` };
  if (res.status === 404) return { kind: 'missing', reason: `The Hugging Face Hub does not know "${slot.model}".`, pullable: false };
  if (!res.ok) return { kind: 'unreachable', reason: `The Hugging Face Hub answered HTTP ${res.status}.` };
  const body: unknown = await res.json().catch(() => null);
  const mapping = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).inferenceProviderMapping : undefined;
  const providers = Array.isArray(mapping) ? mapping.length : typeof mapping === 'object' && mapping !== null ? Object.keys(mapping).length : 0;
  if (providers === 0) return { kind: 'missing', reason: `No inference provider serves "${slot.model}" right now.`, pullable: false };
  return { kind: 'ready', detail: `Served by ${providers} inference provider${providers === 1 ? '' : 's'}.` };
}

function uncheckedWhy(kind: ProviderKind): string {
  return kind === 'vscode-lm' ? "VS Code's own chat model: checked when it is used." : `Not checked here (${kind}).`;
}
