/**
 * Seeded randomness for blind runs: the column order of a run is a Fisher–Yates shuffle driven by a small,
 * well-known PRNG (mulberry32), so a stored seed reproduces the order exactly (a vote can say what the user saw).
 * Not for secrets: blind mode hides names from the user, it does not defend against an attacker.
 */

/** A uniform float in [0, 1) per call, from a 32-bit seed. mulberry32: small, fast, passes the usual tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n): floor(random · n) — bias is below 2^-32 · n, far under anything a vote can show. */
export function randomIndex(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/** A new array in a uniformly random order (Fisher–Yates), the same order for the same seed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** "Model A", "Model B", … "Model Z", then "Model AA": the only names a blind column has before the vote. */
export function blindLetter(index: number): string {
  let n = index;
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}
