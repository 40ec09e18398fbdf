import * as assert from 'node:assert/strict';
import { shuffled } from '../../src/core/judge/shuffle';
import type { ModelSlot } from '../../src/core/providers/types';
import type { RunSnapshot, ToWebview } from '../../src/shared/protocol';
import { isSealed, makeBlind, slotIdFromView, viewOfMessage, viewOfRun, voteFor } from '../../src/vscode/panel/blind';
import { applyEvent, newRun } from '../../src/vscode/panel/run-state';
import type { SlotResult } from '../../src/core/compare/types';

const slots: ModelSlot[] = [
  { id: 'online-qwen', label: 'Qwen2.5-Coder 32B (HF)', provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct', maxTokens: 64 },
  { id: 'local-codellama', label: 'CodeLlama 7B (Ollama)', provider: 'ollama', model: 'codellama:7b', maxTokens: 64, temperature: 0.2 },
];
const SECRETS = /qwen|codellama|ollama|hugging|huggingface|127\.0\.0\.1|ttftMs":\d|totalMs":\d/i;

function result(slot: ModelSlot, error = false): SlotResult {
  return {
    id: slot.id, label: slot.label, provider: slot.provider, model: slot.model, text: 'def f(): pass', finishReason: 'stop', location: slot.provider === 'ollama' ? 'local' : 'online',
    error: error ? { kind: 'model-not-found', message: `${slot.model} not found on 127.0.0.1:11434` } : null,
    metrics: { ttftMs: 120, totalMs: 900, outputTokens: 12, tokensPerSecond: 30, rateSource: 'client', chars: 13, tokenSource: 'server', server: null, costUsd: 0.001, priceSource: 'user' },
  };
}

function blindRun(seed = 42): RunSnapshot {
  return makeBlind(newRun('r1', 'write f', 'parallel', slots, 0), seed, 'python');
}

describe('judge: sealed blind runs', () => {
  it('shuffles by seed and letters the columns A, B in the shown order', () => {
    const run = blindRun(42);
    assert.deepEqual(run.columns.map((c) => c.id), shuffled(slots.map((s) => s.id), 42));
    assert.deepEqual(Object.values(run.blind!.letters).sort(), ['A', 'B']);
    assert.equal(run.blind!.letters[run.columns[0].id], 'A');
  });

  it('nothing a view receives before the vote names a model, provider, host or timing — for every message of a run', () => {
    const run = blindRun();
    const posted: ToWebview[] = [{ type: 'run', run: viewOfRun(run) }];
    const events = [
      { type: 'status' as const, slotId: 'online-qwen', phase: 'waiting' as const, detail: 'Loading on Hugging Face', retryInMs: 2000, attempt: 1 },
      { type: 'status' as const, slotId: 'local-codellama', phase: 'connecting' as const, detail: 'Ollama is loading codellama:7b' },
      { type: 'delta' as const, slotId: 'online-qwen', text: 'def ' },
      { type: 'reasoning' as const, slotId: 'local-codellama', text: 'thinking…' },
      { type: 'done' as const, slotId: 'online-qwen', result: result(slots[0]) },
      { type: 'done' as const, slotId: 'local-codellama', result: result(slots[1], true) },
    ];
    for (const e of events) posted.push(viewOfMessage(run, applyEvent(run, e)!));
    posted.push(viewOfMessage(run, { type: 'columnReset', runId: 'r1', columnId: 'online-qwen' }));
    posted.push({ type: 'run', run: viewOfRun(run) });
    for (const m of posted) assert.doesNotMatch(JSON.stringify(m), SECRETS, JSON.stringify(m));
    const sealedDone = posted.find((m): m is Extract<ToWebview, { type: 'columnDone' }> => m.type === 'columnDone')!;
    assert.equal(sealedDone.column.metrics, null);
    assert.equal(sealedDone.column.provider, 'hidden');
    assert.equal((posted[1] as Extract<ToWebview, { type: 'status' }>).phase, 'connecting', 'HF-only "waiting" is not shown before the vote');
    // The true run keeps everything for the reveal.
    assert.match(JSON.stringify(run), /codellama/);
  });

  it('maps letters back to slots while sealed, and real ids after the vote', () => {
    const run = blindRun();
    const a = run.columns[0].id;
    assert.equal(slotIdFromView(run, 'A'), a);
    assert.equal(slotIdFromView(run, 'Z'), null);
    assert.equal(slotIdFromView(run, a), null, 'a slot id is not accepted from a sealed view');
    run.blind!.vote = { verdict: 'tie', ranking: [[a]] };
    assert.equal(isSealed(run), false);
    assert.equal(slotIdFromView(run, a), a);
    assert.equal(viewOfRun(run), run, 'after the vote the view gets the whole run');
  });

  it('the vote stores slot ids, letters, settings, timings and the prompt or only its SHA-256', () => {
    const run = blindRun();
    for (const s of slots) applyEvent(run, { type: 'done', slotId: s.id, result: result(s) });
    const slotOf = (id: string) => ({ slot: slots.find((s) => s.id === id)!, endpoint: null, location: 'local' as const });
    const b = run.columns[1].id;
    const vote = voteFor(run, 'best', [['B']], { id: 'v1', at: new Date('2026-12-01T00:00:00Z'), keepPrompt: false, slotOf });
    assert.deepEqual(vote.ranking, [[b], [run.columns[0].id]]);
    assert.equal(vote.prompt, null);
    assert.match(vote.promptSha256, /^[0-9a-f]{64}$/);
    assert.equal(vote.language, 'python');
    assert.equal(vote.models.find((m) => m.slotId === b)!.letter, 'B');
    assert.deepEqual(vote.models.find((m) => m.slotId === 'local-codellama')!.settings, { maxTokens: 64, temperature: 0.2, systemPrompt: false });
    assert.equal(vote.models[0].metrics!.totalMs, 900);
    assert.equal(voteFor(run, 'tie', [['A', 'B']], { id: 'v2', at: new Date(), keepPrompt: true, slotOf }).prompt, 'write f');
    assert.throws(() => voteFor(run, 'best', [['Q']], { id: 'v3', at: new Date(), keepPrompt: true, slotOf }), /Unknown column/);
  });
});
