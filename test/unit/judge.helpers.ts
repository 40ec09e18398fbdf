/** Shared by the judge.*.test.ts files: a vote between models named by their slot ids. */
import { sha256, type Vote, type VoteVerdict } from '../../src/core/judge/votes';

/** A vote between named models (model name = slot id), ranking given as groups of names. */
export function vote(ranking: string[][], verdict: VoteVerdict = 'rank', extra: Partial<Vote> = {}): Vote {
  const ids = ranking.flat();
  return {
    id: `v${Math.random().toString(36).slice(2)}`,
    at: '2026-12-01T10:00:00.000Z',
    runId: 'r1',
    prompt: 'p',
    promptSha256: sha256('p'),
    language: 'python',
    seed: 1,
    models: ids.map((id, i) => ({
      letter: String.fromCharCode(65 + i), slotId: id, label: id.toUpperCase(), provider: 'ollama', model: id, endpoint: null, location: 'local',
      settings: { maxTokens: 512, temperature: null, systemPrompt: false }, metrics: null, error: null,
    })),
    verdict,
    ranking,
    ...extra,
  };
}
