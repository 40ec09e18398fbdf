import * as assert from 'node:assert/strict';
import type { RunMetrics, SlotResult } from '../../src/core/compare/types';
import type { ModelSlot } from '../../src/core/providers/types';
import type { ColumnSnapshot } from '../../src/shared/protocol';
import { fastest, summaryLine, badgesFor, statusText } from '../../src/webview/panel/format';
import { RunHistory, type StateStore } from '../../src/vscode/panel/history';
import { applyEvent, isRunning, newRun, promptWithContext } from '../../src/vscode/panel/run-state';

const slots: ModelSlot[] = [
  { id: 'hf', label: 'HF', provider: 'huggingface', model: 'Q/C', maxTokens: 64 },
  { id: 'ol', label: 'Ollama', provider: 'ollama', model: 'codellama:7b', maxTokens: 64 },
];
const metrics = (ttftMs: number, totalMs: number, est = false): RunMetrics => ({
  ttftMs, totalMs, outputTokens: 10, tokensPerSecond: 5, rateSource: 'client', chars: 40, tokenSource: est ? 'estimate' : 'server',
  server: est ? null : { loadMs: 1200, promptEvalMs: 30, promptTokens: 12, evalMs: 900, evalTokensPerSecond: 11.1 },
});
const result = (slot: ModelSlot, text: string, m: RunMetrics, error: SlotResult['error'] = null): SlotResult => ({
  id: slot.id, label: slot.label, provider: slot.provider, model: slot.model, text, finishReason: 'stop', location: slot.provider === 'ollama' ? 'local' : 'online', error, metrics: m,
});

class MemoryStore implements StateStore {
  private readonly map = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.map.set(key, JSON.parse(JSON.stringify(value)));
  }
}

describe('panel run state', () => {
  it('thinking text travels apart from the answer, and the column keeps how the answer ended', () => {
    const run = newRun('r2', 'p', 'parallel', slots, 0);
    const msg = applyEvent(run, { type: 'reasoning', slotId: 'hf', text: 'Let me think.' });
    assert.deepEqual(msg, { type: 'reasoning', runId: 'r2', columnId: 'hf', text: 'Let me think.' });
    applyEvent(run, { type: 'delta', slotId: 'hf', text: 'x = 1' });
    assert.equal(run.columns[0].text, 'x = 1', 'the answer (what Insert takes) has no thinking in it');
    assert.equal(run.columns[0].reasoning, 'Let me think.');
    applyEvent(run, { type: 'done', slotId: 'hf', result: { ...result(slots[0], 'x = 1', metrics(400, 900)), reasoning: 'Let me think.', finishReason: 'length' } });
    assert.equal(run.columns[0].finishReason, 'length');
    assert.equal(run.columns[0].reasoning, 'Let me think.');
    assert.ok(badgesFor(run.columns[0]).some((b) => b.text === 'stopped at the token limit'));
  });

  it('folds compare events into the snapshot and tags every view message with run and column', () => {
    const run = newRun('r1', 'p', 'parallel', slots, 0);
    const msgs = [
      applyEvent(run, { type: 'status', slotId: 'hf', phase: 'waiting', retryInMs: 5000, attempt: 1 }),
      applyEvent(run, { type: 'delta', slotId: 'hf', text: 'Hel' }),
      applyEvent(run, { type: 'delta', slotId: 'hf', text: 'lo' }),
      applyEvent(run, { type: 'done', slotId: 'hf', result: result(slots[0], 'Hello', metrics(400, 900)) }),
      applyEvent(run, { type: 'done', slotId: 'ol', result: result(slots[1], 'par', metrics(100, 200), { kind: 'cancelled', message: 'Cancelled.' }) }),
    ];
    for (const m of msgs) assert.ok(m && 'runId' in m && m.runId === 'r1' && 'columnId' in m);
    assert.equal(run.columns[0].text, 'Hello');
    assert.equal(run.columns[0].status, 'done');
    assert.equal(run.columns[1].status, 'cancelled', 'a stopped column is cancelled, not an error');
    assert.equal(run.columns[1].text, 'par', 'partial text is kept');
    assert.equal(isRunning(run), false);
    assert.equal(applyEvent(run, { type: 'delta', slotId: 'unknown', text: 'x' }), null);
  });

  it('keeps the last 20 runs, newest first, and survives junk in the store', async () => {
    const store = new MemoryStore();
    const history = new RunHistory(store);
    for (let i = 0; i < 25; i++) await history.save(newRun(`r${i}`, `prompt ${i}`, 'parallel', slots, i));
    assert.equal(history.runs().length, 20);
    assert.equal(history.latest()?.runId, 'r24');
    assert.equal(history.entries()[0].total, 2);
    await store.update('llmCompare.panel.history', [{ nope: 1 }, 'x', ...history.runs()]);
    assert.equal(history.runs().length, 20);
  });

  it('sends the editor context as a fenced block after the prompt', () => {
    const msg = promptWithContext('Explain', { where: 'a.ts, lines 1-2', languageId: 'typescript', text: 'const a = 1;' });
    assert.equal(msg, 'Explain\n\nContext (a.ts, lines 1-2):\n```typescript\nconst a = 1;\n```');
    assert.match(promptWithContext('x', { where: 'b.md', languageId: 'markdown', text: '```js\n```' }), /^x\n\nContext \(b\.md\):\n````markdown/);
  });
});

describe('column badges and run summary', () => {
  const col = (id: string, label: string, status: ColumnSnapshot['status'], m: RunMetrics | null): ColumnSnapshot => ({
    id, label, provider: 'ollama', model: 'm', status, text: 'x', error: null, metrics: m,
  });

  it('marks estimated token figures and shows the server figures apart', () => {
    const est = badgesFor(col('a', 'A', 'done', metrics(400, 900, true)));
    assert.ok(est.find((b) => b.key === 'tokens')?.text.startsWith('~'));
    assert.match(est.find((b) => b.key === 'rate')?.text ?? '', /est\./);
    const server = badgesFor(col('a', 'A', 'done', metrics(400, 900)));
    assert.deepEqual(server.filter((b) => b.server).map((b) => b.text), ['load 1.20 s', 'prompt eval 30 ms (12 tok)', 'eval 11.1 tok/s']);
  });

  it('names the fastest first token and total among columns that succeeded', () => {
    const cols = [col('a', 'A', 'done', metrics(400, 3100)), col('b', 'B', 'done', metrics(900, 2000)), col('c', 'C', 'error', metrics(10, 20))];
    assert.equal(fastest(cols).ttft?.id, 'a');
    assert.equal(fastest(cols).total?.id, 'b');
    assert.equal(summaryLine(cols), 'fastest first token: A 400 ms · fastest total: B 2.00 s · 2/3 ok');
  });

  it('counts down while Hugging Face loads the model', () => {
    const c = { ...col('a', 'A', 'waiting', null), retryInMs: 12_000, attempt: 2 };
    assert.equal(statusText(c), 'Model loading on Hugging Face: retrying in 12 s (attempt 2)');
    assert.equal(statusText(c, 4_200), 'Model loading on Hugging Face: retrying in 5 s (attempt 2)');
  });
});
