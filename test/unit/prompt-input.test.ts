import assert from 'node:assert/strict';
import { checkInput, inputBudgetChars, looksBinary, MAX_INPUT_CHARS } from '../../src/core/prompt-input';

describe('hostile selections: checked before they are sent', () => {
  it('a 5 MB selection is cut at a line end to the smallest model budget, with a warning saying so', () => {
    const line = 'const x = "0123456789abcdef"; // a line of code\n';
    const big = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    const budget = inputBudgetChars([{ provider: 'ollama', maxTokens: 512 }, { provider: 'huggingface', maxTokens: 512 }]);
    assert.ok(budget < 12_000, `Ollama's default context bounds it: ${budget}`);
    const r = checkInput(big, 'the selection', budget);
    assert.ok(r.ok);
    assert.ok(r.text.length <= budget && r.text.endsWith('\n'));
    assert.match(r.warning ?? '', /^The selection has 5,24\d,\d{3} characters: only the first [\d,]+ were sent/);
  });

  it('never more than the hard cap, even for a model with a large context', () => {
    assert.equal(inputBudgetChars([{ provider: 'huggingface', maxTokens: 512 }]), MAX_INPUT_CHARS);
  });

  it("the built-in engine's budget follows the context it is started with, not a guess", () => {
    const engineSlot = { provider: 'llamacpp', maxTokens: 512 } as const;
    assert.equal(inputBudgetChars([engineSlot], { contextSize: 2048 }), (2048 - 512 - 256) * 3);
    assert.equal(inputBudgetChars([engineSlot], { contextSize: 16_384 }), (16_384 - 512 - 256) * 3);
    // 0 means "the model's own", unknown before the engine starts: the engine's default size is assumed.
    assert.equal(inputBudgetChars([engineSlot], { contextSize: 0 }), (4096 - 512 - 256) * 3);
    assert.equal(inputBudgetChars([engineSlot]), (4096 - 512 - 256) * 3);
  });

  it('input that fits is sent as it is, without a warning', () => {
    assert.deepEqual(checkInput('def f():\n    pass\n', 'the selection', 1000), { ok: true, text: 'def f():\n    pass\n' });
  });

  it('binary content is refused', () => {
    const png = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR' + '\ufffd'.repeat(50);
    assert.ok(looksBinary(png));
    const r = checkInput(png, 'the selection', 1000);
    assert.deepEqual(r, { ok: false, reason: 'The selection looks like binary data, not text: nothing was sent.' });
    assert.ok(!looksBinary('tabs\tand\r\nnewlines and ünïcödé and emoji 🎉'));
  });

  it('empty and whitespace-only input is refused', () => {
    for (const t of ['', '   ', '\n\t\n']) assert.equal(checkInput(t, 'the selection', 1000).ok, false);
  });
});
