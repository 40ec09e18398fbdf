/** Small helpers for tests that drive a provider against the Ollama simulator. No test-framework import. */
import { createServer } from 'node:net';
import type { ModelSlot } from '../../src/core/providers/types';

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function ollamaSlot(model: string, extra: Partial<ModelSlot> = {}): ModelSlot {
  return { id: `local-${model.replace(/[^A-Za-z0-9._-]/g, '-')}`, label: `${model} (Ollama)`, provider: 'ollama', model, maxTokens: 512, ...extra };
}

/** Drains an iterable; resolves with what came before the error, and the error (if any). */
export async function drain<T>(source: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of source) items.push(item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}

/** Rejects when `promise` does not settle within `ms` (so a hung cancel fails the test instead of timing it out). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
