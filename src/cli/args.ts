/** Flag parsing shared by the subcommands: node's parseArgs with the common connection flags added. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ContextFlags } from './context';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

export const CONTEXT_OPTIONS = {
  config: { type: 'string' },
  'ollama-host': { type: 'string' },
  'hf-endpoint': { type: 'string' },
  'hf-provider': { type: 'string' },
} as const satisfies Options;

export function parse<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function contextFlags(values: Record<string, unknown>): ContextFlags {
  const s = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  return { config: s('config'), ollamaHost: s('ollama-host'), hfEndpoint: s('hf-endpoint'), hfProvider: s('hf-provider') };
}

/** `a,b , c` → ['a','b','c']; undefined stays undefined (= all models). */
export function idList(v: unknown): string[] | undefined {
  if (typeof v !== 'string') return undefined;
  const ids = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new UsageError('--models needs at least one model id, e.g. --models local-qwen,online-qwen');
  return ids;
}

export function oneOf<T extends string>(v: unknown, allowed: readonly T[], flag: string, fallback: T): T {
  if (v === undefined) return fallback;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)}).`);
}

export function numberFlag(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} must be a number (got ${JSON.stringify(v)}).`);
  return n;
}
