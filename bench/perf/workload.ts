/**
 * The scripted models every stream figure uses, shared by the simulators (sims-child.ts) and the clients
 * (streams.ts) so both sides agree on names and token counts.
 */
export const BURST_TOKENS = 2_000;
export const PACED_TOKENS = 20;
export const PACED_PROMPT_MS = 40;
export const PACED_GAP_MS = 5;
export const PARALLEL_TOKENS = 60;
export const PARALLEL_GAP_MS = 10;

/** Token i of a burst: short words, as models stream them. */
export function burstTokens(n = BURST_TOKENS): string[] {
  return Array.from({ length: n }, (_, i) => (i % 12 === 0 ? '\n  ' : ' ') + ['let', 'x', '=', 'fn(', 'a', ')', ';', 'return', 'y', '+', '1', '//'][i % 12]);
}

export function pacedTokens(n: number): string[] {
  return Array.from({ length: n }, (_, i) => ` word${i}`);
}

/** Model names on both simulators. */
export const MODELS = { burst: 'burst', paced: 'paced', parallel: 'parallel' } as const;
