import * as assert from 'node:assert/strict';
import { extractCode } from '../../src/core/bench/extract';
import { buildProgram } from '../../src/core/bench/program';
import type { CodeTask } from '../../src/core/bench/types';

describe('bench: code extraction from an answer', () => {
  it('takes the code of a python fence and leaves the prose out', () => {
    const a = 'Here you go:\n\n```python\ndef f(x):\n    return x + 1\n```\n\nThis adds one.';
    assert.equal(extractCode(a, 'python', 'f'), 'def f(x):\n    return x + 1');
  });

  it('takes an untagged fence', () => {
    assert.equal(extractCode('```\nfunction f() { return 1; }\n```', 'javascript', 'f'), 'function f() { return 1; }');
  });

  it('prefers the fence of the task language over another language', () => {
    const a = '```bash\npip install nothing\n```\n```py\ndef f():\n    return 2\n```';
    assert.equal(extractCode(a, 'python', 'f'), 'def f():\n    return 2');
  });

  it('with several blocks keeps helpers before the entry point and drops example usage after it', () => {
    const a = '```python\nimport math\n```\n```python\ndef f(x):\n    return math.sqrt(x)\n```\nUsage:\n```python\nprint(f(4))\n```';
    assert.equal(extractCode(a, 'python', 'f'), 'import math\n\ndef f(x):\n    return math.sqrt(x)');
  });

  it('falls back to the longest block when none defines the entry point', () => {
    const a = '```js\nx\n```\n```js\nconst y = 1 + 2;\n```';
    assert.equal(extractCode(a, 'javascript', 'missing'), 'const y = 1 + 2;');
  });

  it('reads a fence left open because the answer was cut at max tokens', () => {
    assert.equal(extractCode('```python\ndef f():\n    return 3\n', 'python', 'f'), 'def f():\n    return 3');
  });

  it('returns null for prose only, even with inline code', () => {
    assert.equal(extractCode('You should call `f()` and return the sum of the list.', 'python', 'f'), null);
    assert.equal(extractCode('I cannot help with that.', 'javascript', 'f'), null);
  });

  it('takes a plain-code answer from its first code line', () => {
    assert.equal(extractCode('def f(a):\n    return a * 2\n', 'python', 'f'), 'def f(a):\n    return a * 2');
    assert.equal(extractCode('Sure.\nfunction f(a) {\n  return a;\n}', 'javascript', 'f'), 'function f(a) {\n  return a;\n}');
  });
});

describe('bench: program assembly', () => {
  const he: CodeTask = { kind: 'code', id: 'h', language: 'python', style: 'humaneval', prompt: 'import math\n\ndef f(x):\n    """doc"""\n', entryPoint: 'f', tests: 'def check(c):\n    assert c(4) == 2\n' };

  it('HumanEval: a completion is appended to the prompt, an unindented body is indented', () => {
    assert.match(buildProgram(he, 'return int(math.sqrt(x))'), /"""doc"""\n {4}return int\(math.sqrt\(x\)\)/);
  });

  it('HumanEval: a whole function follows the prompt (imports and helpers kept) and the check is called', () => {
    const p = buildProgram(he, 'def f(x):\n    return int(math.sqrt(x))');
    assert.ok(p.startsWith('import math'));
    assert.ok(p.trimEnd().endsWith('check(f)'));
  });

  it('JavaScript: export keywords are dropped so the answer runs as a script', () => {
    const js: CodeTask = { ...he, language: 'javascript', style: 'builtin', tests: 'function check(c) {}' };
    const p = buildProgram(js, 'export default function f() {}\nexport const g = 1;');
    assert.ok(!/\bexport\b/.test(p), p);
    assert.ok(p.trimEnd().endsWith('check(f);'));
  });
});
