/**
 * Reading a votes file (the VS Code export, or one a user edited): untrusted JSON. Each vote is checked field by
 * field; a malformed vote is skipped and counted rather than failing the whole file, so one bad hand edit does
 * not hide a hundred good votes. A file that is not a votes file at all is an error.
 */
import { VOTES_FILE_VERSION, type Vote, type VotedModel, type VoteVerdict } from './votes';

export class VotesFileError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const VERDICTS: readonly VoteVerdict[] = ['best', 'rank', 'tie', 'bad'];

export function parseVotesFile(text: string): { votes: Vote[]; skipped: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new VotesFileError(`Not JSON: ${(e as Error).message}`);
  }
  if (!isObj(raw) || !Array.isArray(raw.votes)) throw new VotesFileError('Not a votes file: expected {"version": 1, "votes": [...]} (the export of "LLM Compare: Export votes").');
  if (raw.version !== VOTES_FILE_VERSION) throw new VotesFileError(`Unsupported votes file version ${String(raw.version)} (this build reads version ${VOTES_FILE_VERSION}).`);
  const votes: Vote[] = [];
  let skipped = 0;
  for (const v of raw.votes) {
    const vote = parseVote(v);
    if (vote) votes.push(vote);
    else skipped++;
  }
  return { votes, skipped };
}

export function parseVote(v: unknown): Vote | null {
  if (!isObj(v) || !str(v.id) || !str(v.at) || Number.isNaN(Date.parse(v.at)) || !str(v.runId) || !str(v.promptSha256)) return null;
  if (!(v.prompt === null || str(v.prompt)) || !(v.language === null || str(v.language)) || typeof v.seed !== 'number') return null;
  if (!str(v.verdict) || !(VERDICTS as readonly string[]).includes(v.verdict) || !Array.isArray(v.models) || !Array.isArray(v.ranking)) return null;
  const models = v.models.map(parseModel);
  if (models.length < 2 || models.some((m) => m === null)) return null;
  const ranking = v.ranking.map((g) => (Array.isArray(g) && g.every(str) ? (g as string[]) : null));
  if (ranking.some((g) => g === null)) return null;
  const ids = new Set((models as VotedModel[]).map((m) => m.slotId));
  const placed = (ranking as string[][]).flat();
  if (placed.length !== ids.size || !placed.every((id) => ids.has(id))) return null;
  return {
    id: v.id,
    at: v.at,
    runId: v.runId,
    prompt: v.prompt,
    promptSha256: v.promptSha256,
    language: v.language,
    seed: v.seed,
    models: models as VotedModel[],
    verdict: v.verdict as VoteVerdict,
    ranking: ranking as string[][],
  };
}

function parseModel(m: unknown): VotedModel | null {
  if (!isObj(m) || !str(m.letter) || !str(m.slotId) || !str(m.label) || !str(m.provider) || !str(m.model)) return null;
  const s = isObj(m.settings) ? m.settings : {};
  const x = isObj(m.metrics) ? m.metrics : null;
  return {
    letter: m.letter,
    slotId: m.slotId,
    label: m.label,
    provider: m.provider,
    model: m.model,
    endpoint: str(m.endpoint) ? m.endpoint : null,
    location: m.location === 'local' ? 'local' : 'online',
    settings: { maxTokens: numOrNull(s.maxTokens) ?? 0, temperature: numOrNull(s.temperature), systemPrompt: s.systemPrompt === true },
    metrics: x ? { ttftMs: numOrNull(x.ttftMs), totalMs: numOrNull(x.totalMs), outputTokens: numOrNull(x.outputTokens), tokensPerSecond: numOrNull(x.tokensPerSecond), costUsd: numOrNull(x.costUsd) } : null,
    error: str(m.error) ? m.error : null,
  };
}
