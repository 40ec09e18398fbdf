/**
 * Blind runs, on the extension's side of the webview boundary. The controller keeps the true run; what a view
 * receives before the vote is a sealed copy: columns in the shuffled order, named by letter, with no model name,
 * provider, host, timing, token count or error text in them — the webview cannot show what it never got. After the
 * vote the true run is sent whole (the reveal). Pure (no `vscode`), so sealing is unit-tested message by message.
 */
import { blindLetter, shuffled } from '../../core/judge/shuffle';
import { rankingFor, sha256, type Vote, type VotedModel, type VoteVerdict } from '../../core/judge/votes';
import type { ModelSlot } from '../../core/providers/types';
import { assertNever, type ColumnSnapshot, type RunSnapshot, type ToWebview } from '../../shared/protocol';

/** Shuffles a new run's columns by `seed` and gives each a letter. */
export function makeBlind(run: RunSnapshot, seed: number, language: string | null): RunSnapshot {
  const columns = shuffled(run.columns, seed);
  const letters = Object.fromEntries(columns.map((c, i) => [c.id, blindLetter(i)]));
  return { ...run, columns, blind: { letters, vote: null, seed, language } };
}

/** True while a blind run waits for its vote: nothing identifying may leave the extension. */
export function isSealed(run: RunSnapshot | null | undefined): boolean {
  return !!run?.blind && run.blind.vote === null;
}

/** What a column may say before the vote: its letter, its state and its text (the thing being judged). */
export function sealColumn(col: ColumnSnapshot, letter: string): ColumnSnapshot {
  return {
    id: letter,
    label: `Model ${letter}`,
    provider: 'hidden',
    model: '',
    status: sealedPhase(col.status),
    text: col.text,
    ...(col.reasoning ? { reasoning: col.reasoning } : {}),
    // An error message names hosts and models ("codellama:7b not found on 127.0.0.1"): only its kind is kept.
    error: col.error ? { kind: col.error.kind, message: `Model ${letter} failed (${col.error.kind}). The details are shown after the vote.` } : null,
    metrics: null,
  };
}

/** "Waiting for the model to load" happens only on Hugging Face: before the vote it is just "connecting". */
function sealedPhase<T extends ColumnSnapshot['status']>(phase: T): T | 'connecting' {
  return phase === 'waiting' ? 'connecting' : phase;
}

/** The run as a view may see it: sealed before the vote, whole after. */
export function viewOfRun(run: RunSnapshot): RunSnapshot {
  if (!isSealed(run)) return run;
  const letters = run.blind!.letters;
  return {
    runId: run.runId,
    prompt: run.prompt,
    mode: run.mode,
    startedAt: run.startedAt,
    finished: run.finished,
    columns: run.columns.map((c) => sealColumn(c, letters[c.id])),
    blind: { letters: Object.fromEntries(run.columns.map((c) => [letters[c.id], letters[c.id]])), vote: null },
  };
}

/** A stream message as a view may see it (column ids become letters, details and timings are dropped). */
export function viewOfMessage(run: RunSnapshot, message: ToWebview): ToWebview {
  if (!isSealed(run)) return message;
  const letterOf = (id: string) => run.blind!.letters[id] ?? '?';
  switch (message.type) {
    case 'status':
      // `detail` and `retryInMs` can name the provider ("loading on Hugging Face") or time it: the phase is enough.
      return { type: 'status', runId: message.runId, columnId: letterOf(message.columnId), phase: sealedPhase(message.phase) };
    case 'delta':
    case 'reasoning':
      return { ...message, columnId: letterOf(message.columnId) };
    case 'columnDone':
      return { ...message, columnId: letterOf(message.columnId), column: sealColumn(message.column, letterOf(message.columnId)) };
    case 'columnReset':
      return { ...message, columnId: letterOf(message.columnId) };
    case 'run':
      return { type: 'run', run: viewOfRun(message.run) };
    case 'init':
      return { ...message, run: message.run && viewOfRun(message.run) };
    // Nothing in these names a column's model.
    case 'models':
    case 'history':
    case 'runFinished':
    case 'notice':
    // The offer names no column; it appears only when no configured model can answer.
    case 'engineOffer':
      return message;
    default:
      // A new message type must decide here what a sealed view may see.
      assertNever(message);
      return message;
  }
}

/** A column id from a view back to the slot id: letters while sealed, slot ids after. Null when unknown. */
export function slotIdFromView(run: RunSnapshot, columnId: string): string | null {
  if (!isSealed(run)) return run.columns.some((c) => c.id === columnId) ? columnId : null;
  const entry = Object.entries(run.blind!.letters).find(([, letter]) => letter === columnId);
  return entry ? entry[0] : null;
}

export interface VoteContext {
  id: string;
  at: Date;
  keepPrompt: boolean;
  /** The slot as configured now, with where its requests go; null when it is no longer configured. */
  slotOf(slotId: string): { slot: ModelSlot; endpoint: string | null; location: 'online' | 'local' } | null;
}

/**
 * The stored vote for a verdict given in view terms (letters). Throws on a ranking that does not place every
 * column once. The columns' final metrics (timings, tokens, cost) are stored with the vote.
 */
export function voteFor(run: RunSnapshot, verdict: VoteVerdict, viewRanking: string[][], ctx: VoteContext): Vote {
  const blind = run.blind;
  if (!blind) throw new Error('Only blind runs are voted on.');
  const toSlot = (letter: string) => {
    const id = slotIdFromView(run, letter);
    if (!id) throw new Error(`Unknown column ${letter}.`);
    return id;
  };
  const ids = run.columns.map((c) => c.id);
  const ranking = rankingFor(verdict, ids, viewRanking.map((g) => g.map(toSlot)));
  const models: VotedModel[] = run.columns.map((c) => {
    const known = ctx.slotOf(c.id);
    const m = c.metrics;
    return {
      letter: blind.letters[c.id],
      slotId: c.id,
      label: c.label,
      provider: c.provider,
      model: c.model,
      endpoint: known?.endpoint ?? null,
      location: known?.location ?? 'online',
      settings: { maxTokens: known?.slot.maxTokens ?? 0, temperature: known?.slot.temperature ?? null, systemPrompt: !!known?.slot.systemPrompt },
      metrics: m ? { ttftMs: m.ttftMs, totalMs: m.totalMs, outputTokens: m.tokenSource === 'server' ? m.outputTokens : null, tokensPerSecond: m.tokensPerSecond, costUsd: m.costUsd ?? null } : null,
      error: c.error?.kind ?? null,
    };
  });
  return {
    id: ctx.id,
    at: ctx.at.toISOString(),
    runId: run.runId,
    prompt: ctx.keepPrompt ? run.prompt : null,
    promptSha256: sha256(run.prompt),
    language: blind.language ?? null,
    seed: blind.seed ?? 0,
    models,
    verdict,
    ranking,
  };
}
