import assert from 'node:assert/strict';
import { StreamingCodeExtractor } from '../../src/core/code-extract';
import { buildGenerateMessages, CURSOR_MARK } from '../../src/core/generate-prompt';

/** Feeds `answer` in chunks of `size` and returns what was shown live plus how the stream ended. */
function stream(answer: string, size: number) {
  const x = new StreamingCodeExtractor();
  let shown = '';
  for (let i = 0; i < answer.length; i += size) shown += x.push(answer.slice(i, i + size));
  const end = x.finish();
  return { shown, end, final: end.append === null ? end.code : shown + end.append, x };
}

const ANSWER = 'Sure! Here it is:\n\n```python\ndef add(a, b):\n    return a + b\n```\n\nThis adds two numbers.';

describe('Generate code: only code goes into the editor while streaming', () => {
  for (const size of [1, 2, 3, 7, 1000]) {
    it(`shows the code and never the prose or the fences (chunks of ${size})`, () => {
      const { shown, final, x } = stream(ANSWER, size);
      assert.equal(final, 'def add(a, b):\n    return a + b');
      assert.ok(!shown.includes('```') && !shown.includes('Sure') && !shown.includes('This adds'), JSON.stringify(shown));
      assert.equal(x.fullAnswer, ANSWER, 'the full answer stays available');
      assert.equal(x.tag, 'python');
    });
  }

  it('does not show a half-received closing fence as code', () => {
    const x = new StreamingCodeExtractor();
    let shown = x.push('```js\nlet a = 1;\n`');
    shown += x.push('`');
    assert.equal(shown, 'let a = 1;');
    shown += x.push('`\nbye');
    assert.equal(shown, 'let a = 1;');
  });

  it('takes a bare-code answer whole at the end', () => {
    const { shown, final } = stream('def f():\n    return 1\n', 4);
    assert.equal(shown, '');
    assert.equal(final, 'def f():\n    return 1');
  });

  it('keeps the code of an answer cut inside the fence', () => {
    const { final } = stream('```ts\nconst x = 1;\nconst y', 5);
    assert.equal(final, 'const x = 1;\nconst y');
  });

  it('handles tilde fences and CRLF line ends', () => {
    const { final, shown } = stream('~~~\r\nprint(1)\r\n~~~\r\n', 3);
    assert.equal(final, 'print(1)');
    assert.ok(!shown.includes('\r'));
  });
});

describe('Generate code: what is sent', () => {
  it('names the language, marks the cursor and asks for one fenced block', () => {
    const [system, user] = buildGenerateMessages('  a function that adds  ', { languageId: 'python', fileName: 'm.py', before: 'import os\n', selection: '', after: '\nprint()' });
    assert.equal(system.role, 'system');
    assert.match(system.content, /writes python code/);
    assert.match(system.content, /exactly one fenced code block/);
    assert.match(user.content, /^Language: python\n/);
    assert.ok(user.content.includes(`import os\n${CURSOR_MARK}\nprint()`));
    assert.match(user.content, /Code around it \(m\.py\)/);
    assert.match(user.content, /Task: a function that adds$/);
  });

  it('sends the selection it will replace', () => {
    const [, user] = buildGenerateMessages('make it async', { languageId: 'typescript', before: '', selection: 'function f() {}', after: '' });
    assert.match(user.content, /Replace the selected code:\n```typescript\nfunction f\(\) \{\}\n```/);
    assert.ok(!user.content.includes('Code around it'), 'no empty context block');
  });
});

describe('quoting the user code', () => {
  it('uses a fence longer than any fence inside the selection, so the code cannot close it', () => {
    const markdown = 'Intro\n````js\nx\n````';
    const [, user] = buildGenerateMessages('tidy', { languageId: 'markdown', before: '', selection: markdown, after: '' });
    assert.ok(user.content.includes(`\`\`\`\`\`markdown\n${markdown}\n\`\`\`\`\``), user.content);
  });
});
