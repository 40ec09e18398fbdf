/**
 * The pure parts of the VS Code language-model feature (both directions): how a chat model's failure is typed, how
 * chat models become slots, what our models tell VS Code chat, the chooser's selection and the registry's external
 * providers. The parts that need `vscode` are proven in the extension host (test/integration/lm.test.ts, e2e `lm`).
 */
import * as assert from 'node:assert/strict';
import { ModelRegistry } from '../../src/core/providers/registry';
import type { ModelInfo, ModelSlot, Provider } from '../../src/core/providers/types';
import { defaultSettings } from '../../src/core/settings';
import { parseFromWebview, type ModelChoice } from '../../src/shared/protocol';
import { providerRegistration } from '../../src/vscode/lm/api-1.104';
import { chatModelFailure } from '../../src/vscode/lm/errors';
import { ASSUMED_INPUT_TOKENS, chatInformation, estimateTokens, fromChatMessages } from '../../src/vscode/lm/offer-facts';
import { chatModelSlot, chatModelSlotId } from '../../src/vscode/lm/slots';
import { whereItRuns } from '../../src/vscode/lm/where';
import { effectiveSelection, providerLabel } from '../../src/webview/panel/choices';

/** What VS Code hands us for another extension's failure: a re-created LanguageModelError. */
function lmError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'LanguageModelError', code });
}

describe('a VS Code chat model failure becomes a typed error with a clear message', () => {
  const model = 'GPT-5 (copilot)';

  it('consent refused: forbidden, saying where to allow it', () => {
    const e = chatModelFailure(lmError('NoPermissions', 'User did not consent.'), model, false);
    assert.equal(e.kind, 'forbidden');
    assert.match(e.message, /did not let LLM Compare use GPT-5 \(copilot\).*Manage Language Model Access/);
  });

  it('blocked, not found, quota and rate limits each get their kind', () => {
    assert.equal(chatModelFailure(lmError('Blocked', 'Request blocked.'), model, false).kind, 'forbidden');
    assert.equal(chatModelFailure(lmError('NotFound', 'No such model.'), model, false).kind, 'model-not-found');
    const quota = chatModelFailure(lmError('Blocked', 'You have exceeded your monthly quota.'), model, false);
    assert.equal(quota.kind, 'credits-exhausted');
    assert.match(quota.message, /quota for this model is used up \(it said: You have exceeded your monthly quota\)\. /);
    assert.equal(chatModelFailure(lmError('', 'Rate limit exceeded, retry later'), model, false).kind, 'rate-limited');
  });

  it('whatever arrives after our own Stop is a cancellation, not a failure', () => {
    assert.equal(chatModelFailure(new Error('stream closed'), model, true).kind, 'cancelled');
    assert.equal(chatModelFailure(Object.assign(new Error('Canceled'), { name: 'Canceled' }), model, false).kind, 'cancelled');
  });

  it('any other error is unknown, names the model and offers Retry', () => {
    const e = chatModelFailure(new TypeError('socket hang up'), model, false);
    assert.equal(e.kind, 'unknown');
    assert.equal(e.fix, 'retry');
    assert.match(e.message, /^GPT-5 \(copilot\) failed: socket hang up\.$/);
    assert.equal(chatModelFailure(lmError('Weird', 'odd'), model, false).kind, 'unknown');
  });
});

describe('VS Code chat models as slots', () => {
  const facts = { id: 'gpt-5', name: 'GPT-5', vendor: 'copilot', family: 'gpt-5', version: '1', maxInputTokens: 128000 };

  it('gets a stable, protocol-safe id from vendor and model id', () => {
    const slot = chatModelSlot(facts);
    assert.deepEqual(slot, { id: 'vscode-lm.copilot.gpt-5', label: 'GPT-5', provider: 'vscode-lm', model: 'gpt-5', maxTokens: 512 });
    assert.equal(chatModelSlot(facts).id, slot.id);
  });

  it('keeps ids with odd characters or great length apart and within the id rule', () => {
    const a = chatModelSlotId('my vendor', 'model/one:latest');
    const b = chatModelSlotId('my vendor', 'model/one_latest');
    const long = chatModelSlotId('vendor', 'x'.repeat(200));
    for (const id of [a, b, long]) assert.match(id, /^[A-Za-z0-9._-]{1,64}$/);
    assert.notEqual(a, b);
    assert.notEqual(long, chatModelSlotId('vendor', `${'x'.repeat(199)}y`));
  });
});

describe('our models as VS Code chat sees them', () => {
  const slot: ModelSlot = { id: 'local-qwen', label: 'Qwen 3B', provider: 'ollama', model: 'qwen2.5-coder:3b', maxTokens: 512 };
  const info = (contextWindow: number | null) => ({ contextWindow }) as ModelInfo;

  it('gives the server\'s context window less the answer we ask for, and our output cap', () => {
    const chat = chatInformation(slot, info(32768), 'http://127.0.0.1:11434');
    assert.equal(chat.maxInputTokens, 32768 - 512);
    assert.equal(chat.maxOutputTokens, 512);
    assert.equal(chat.detail, 'http://127.0.0.1:11434');
    assert.match(chat.tooltip ?? '', /context window 32768 tokens/);
  });

  it('when the server does not say, uses the documented assumption and says so', () => {
    const chat = chatInformation(slot, null, 'x');
    assert.equal(chat.maxInputTokens, ASSUMED_INPUT_TOKENS);
    assert.match(chat.tooltip ?? '', /context window unknown \(4096 input tokens assumed\)/);
  });

  it('keeps the text of user and assistant messages, drops parts it cannot send', () => {
    const messages = fromChatMessages([
      { role: 1, content: [{ value: 'Write ' }, { value: 'add' }] },
      { role: 2, content: [{ value: 'def add' }, { callId: 'x', name: 'tool' }] },
      { role: 1, content: [{ mimeType: 'image/png', data: new Uint8Array() }] },
    ]);
    assert.deepEqual(messages, [{ role: 'user', content: 'Write add' }, { role: 'assistant', content: 'def add' }]);
  });

  it('counts tokens as the core estimates them (≈ 4 characters each)', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('abc'), 1);
    assert.equal(estimateTokens('x'.repeat(400)), 100);
  });

  it('is offered only where VS Code has the provider API', () => {
    assert.equal(providerRegistration({}), undefined);
    assert.equal(providerRegistration(undefined), undefined);
    const lm = { registerLanguageModelChatProvider: () => ({ dispose() {} }) };
    assert.equal(typeof providerRegistration(lm), 'function');
  });
});

describe('the chooser', () => {
  const choices: ModelChoice[] = [
    { id: 'a', label: 'A', provider: 'ollama', model: 'm', where: 'http://h:1', group: 'configured' },
    { id: 'b', label: 'B', provider: 'huggingface', model: 'm', where: 'router', group: 'configured' },
    { id: 'vscode-lm.copilot.x', label: 'X', provider: 'vscode-lm', model: 'x', where: 'copilot', group: 'vscode-lm' },
  ];

  it('never chosen = every configured model, no chat model (those may cost quota and ask for consent)', () => {
    assert.deepEqual(effectiveSelection(choices, null), ['a', 'b']);
  });

  it('keeps the ticks that still exist, in chooser order', () => {
    assert.deepEqual(effectiveSelection(choices, ['vscode-lm.copilot.x', 'gone', 'a']), ['a', 'vscode-lm.copilot.x']);
    assert.deepEqual(effectiveSelection(choices, []), []);
  });

  it('names where each model runs', () => {
    const settings = defaultSettings();
    const slot = (provider: ModelSlot['provider'], endpoint?: string): ModelSlot => ({ id: 's', label: 'S', provider, model: 'm', maxTokens: 1, ...(endpoint ? { endpoint } : {}) });
    assert.equal(whereItRuns(slot('ollama', 'http://box:11434'), settings), 'http://box:11434');
    assert.equal(whereItRuns(slot('ollama'), settings), settings.ollama.host);
    assert.equal(whereItRuns(slot('huggingface'), settings), 'Hugging Face router (auto)');
    assert.equal(whereItRuns(slot('vscode-lm'), null), 'VS Code chat');
    assert.equal(whereItRuns({ id: 'o', label: 'O', provider: 'openai', model: 'm', maxTokens: 1, endpoint: 'http://127.0.0.1:1234/v1' }, settings), 'http://127.0.0.1:1234/v1');
    assert.equal(providerLabel({ provider: 'vscode-lm', where: 'copilot' }), 'VS Code chat (copilot)');
    assert.equal(providerLabel({ provider: 'ollama' }), 'Ollama');
  });

  it('the selection crosses the webview boundary only as valid ids', () => {
    const prefs = (selected: unknown) => parseFromWebview({ type: 'prefs', prefs: { mode: 'parallel', includeContext: false, selected } });
    assert.deepEqual(prefs(['a', 'vscode-lm.copilot.x', 'a']), { type: 'prefs', prefs: { mode: 'parallel', includeContext: false, selected: ['a', 'vscode-lm.copilot.x'] } });
    assert.deepEqual(prefs(undefined), { type: 'prefs', prefs: { mode: 'parallel', includeContext: false, selected: null } });
    assert.equal(prefs(['<script>']), null);
    assert.equal(prefs('a'), null);
    assert.equal(prefs(Array.from({ length: 101 }, (_, i) => `m${i}`)), null);
  });
});

describe('the registry takes providers from outside the core', () => {
  const slot: ModelSlot = { id: 'vscode-lm.standin.coder', label: 'Coder', provider: 'vscode-lm', model: 'coder', maxTokens: 512 };
  const provider = { kind: 'vscode-lm' } as Provider;

  it('names the kind when none is registered', () => {
    const registry = new ModelRegistry(defaultSettings());
    assert.throws(() => registry.providerFor('vscode-lm'), /No provider for "vscode-lm" models/);
    assert.throws(() => registry.get(slot.id), /Unknown model id/);
  });

  it('finds the offered slots by id, but "all models" stays the configured list', () => {
    const registry = new ModelRegistry(defaultSettings());
    registry.registerProvider('vscode-lm', provider, () => [slot]);
    assert.equal(registry.get(slot.id).provider, provider);
    assert.deepEqual(registry.select([slot.id, 'local-qwen']).map((m) => m.slot.id), [slot.id, 'local-qwen']);
    assert.ok(!registry.slots().some((s) => s.id === slot.id));
    assert.equal(registry.select().length, defaultSettings().models.length);
  });
});
