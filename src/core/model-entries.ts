/**
 * The model list as the user wrote it, one entry at a time: which entries are good slots and which are broken (with
 * the reason), and the edits the models view makes (add, remove, move) on the raw list. The settings validator
 * stops at the first bad entry; a view of the list must go on and show every entry, broken ones included.
 */
import { ConfigError } from './providers/errors';
import type { ModelSlot } from './providers/types';
import { validateSlot } from './settings';

export type EntryCheck =
  | { index: number; ok: true; slot: ModelSlot }
  /** `id`/`label` when the entry has them, so the view can still name it. */
  | { index: number; ok: false; problem: string; id?: string; label?: string };

/** Checks each entry of a raw `models` value; `where` names the list in messages (e.g. `llmCompare.models`). */
export function checkEntries(raw: unknown, where: string): EntryCheck[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  return raw.map((entry: unknown, index): EntryCheck => {
    const name = nameOf(entry);
    try {
      const slot = validateSlot(entry, `${where}[${index}]`);
      if (seen.has(slot.id)) {
        return { index, ok: false, problem: `${where}[${index}]: the id "${slot.id}" is already used by an entry above; ids must be unique.`, ...name };
      }
      seen.add(slot.id);
      return { index, ok: true, slot };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      return { index, ok: false, problem: e.message, ...name };
    }
  });
}

function nameOf(entry: unknown): { id?: string; label?: string } {
  if (typeof entry !== 'object' || entry === null) return {};
  const { id, label } = entry as Record<string, unknown>;
  return { ...(typeof id === 'string' && id ? { id } : {}), ...(typeof label === 'string' && label ? { label } : {}) };
}

/** An id for a new entry from its model name (`qwen2.5-coder:3b` → `qwen2.5-coder-3b`), unique among `taken`. */
export function newEntryId(prefix: string, model: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const slug = `${prefix}-${model.split('/').pop() ?? model}`
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 56) || 'model';
  if (!used.has(slug)) return slug;
  for (let n = 2; ; n++) if (!used.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

/** Ids of the raw entries that have one (broken ones included: a new id must not collide with them either). */
export function idsOf(raw: readonly unknown[]): string[] {
  return raw.map((e) => nameOf(e).id).filter((id): id is string => id !== undefined);
}

/** The list with entry `index` moved by `delta` places (clamped). The input is not changed. */
export function moveEntry<T>(list: readonly T[], index: number, delta: number): T[] {
  const out = [...list];
  const to = Math.max(0, Math.min(out.length - 1, index + delta));
  if (index < 0 || index >= out.length || to === index) return out;
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item);
  return out;
}

export function removeEntry<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** The index of the entry with this id in the raw list, or -1. */
export function indexOfId(raw: readonly unknown[], id: string): number {
  return raw.findIndex((e) => nameOf(e).id === id);
}
