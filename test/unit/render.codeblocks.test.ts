import * as assert from 'node:assert/strict';
import { codeForInsert, extractCodeBlocks } from '../../src/core/fences';

describe('Insert takes the code out of an answer', () => {
  it('extracts every fenced block with its language', () => {
    const answer = 'Here:\n\n```python\ndef f():\n\n    return 1\n```\n\nAnd:\n\n~~~\nplain\n~~~\n';
    assert.deepEqual(extractCodeBlocks(answer), [
      { lang: 'python', code: 'def f():\n\n    return 1' },
      { lang: '', code: 'plain' },
    ]);
  });

  it('inserts only the code: blocks joined by a blank line', () => {
    assert.equal(codeForInsert('Text\n```js\na()\n```\nmore text\n```js\nb()\n```'), 'a()\n\nb()');
  });

  it('inserts the whole answer when it is plain code (no fences)', () => {
    assert.equal(codeForInsert('\nconst x = 1;\nconsole.log(x);\n'), 'const x = 1;\nconsole.log(x);');
  });

  it('keeps the code of a stream cut inside a fence', () => {
    assert.deepEqual(extractCodeBlocks('```go\nfunc main() {\n'), [{ lang: 'go', code: 'func main() {' }]);
  });

  it('does not close a fence on a shorter or different fence', () => {
    assert.deepEqual(extractCodeBlocks('````md\n```js\nx\n```\n````'), [{ lang: 'md', code: '```js\nx\n```' }]);
    assert.deepEqual(extractCodeBlocks('~~~\n```\n~~~'), [{ lang: '', code: '```' }]);
  });

  it('handles CRLF answers', () => {
    assert.equal(codeForInsert('```c\r\nint x;\r\n```\r\n'), 'int x;');
  });
});
