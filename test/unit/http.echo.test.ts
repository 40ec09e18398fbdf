/** Dropping an echoed prompt (batch and streamed), and Accept negotiation. */
import assert from 'node:assert/strict';
import { EchoStripper, stripPromptEcho } from '../../src/core/http/echo';
import { COMPARE_FORMATS, formatFromAccept, GENERATE_FORMATS } from '../../src/core/http/formats';

const PROMPT = 'Write a function that adds two numbers';

describe('prompt echo', () => {
  it('drops the prompt repeated at the start, with the whitespace after it', () => {
    assert.equal(stripPromptEcho(PROMPT, `${PROMPT}\n\ndef add(a, b): return a + b`), 'def add(a, b): return a + b');
    assert.equal(stripPromptEcho(`  ${PROMPT}\n`, `\n${PROMPT} def add`), 'def add');
  });

  it('leaves answers that only share words, a prefix, or are nothing but the prompt', () => {
    for (const answer of [
      'Here is a function that adds two numbers: def add(a, b): return a + b',
      `Sure. ${PROMPT}:\n def add`,
      `${PROMPT}s are easy: def add`,
      `${PROMPT}: def add`,
      PROMPT,
      `${PROMPT}\n\n`,
      'Write a',
      '',
    ]) {
      assert.equal(stripPromptEcho(PROMPT, answer), answer, JSON.stringify(answer));
    }
  });

  it('gives the same result however the stream is cut, holding back only while it could still be the echo', () => {
    const answers = [`${PROMPT}\n\ndef add(a, b): return a + b`, 'def add(a, b): return a + b', `${PROMPT}s are easy`, PROMPT, `${PROMPT}\n`];
    for (const answer of answers) {
      for (let size = 1; size <= 7; size++) {
        const s = new EchoStripper(PROMPT);
        let out = '';
        for (let i = 0; i < answer.length; i += size) out += s.push(answer.slice(i, i + size));
        out += s.end();
        assert.equal(out, stripPromptEcho(PROMPT, answer), `${JSON.stringify(answer)} in pieces of ${size}`);
      }
    }
    const live = new EchoStripper(PROMPT);
    assert.equal(live.push('def'), 'def', 'an answer that cannot be the echo passes at once');
  });
});

describe('Accept negotiation', () => {
  it('picks the most preferred supported type, else nothing', () => {
    assert.equal(formatFromAccept(GENERATE_FORMATS, 'application/json'), 'json');
    assert.equal(formatFromAccept(GENERATE_FORMATS, 'text/html;q=0.4, application/json;q=0.9'), 'json');
    assert.equal(formatFromAccept(GENERATE_FORMATS, 'application/json;q=0, text/html'), 'html');
    assert.equal(formatFromAccept(GENERATE_FORMATS, 'text/markdown'), undefined, 'md is not a /generate format');
    assert.equal(formatFromAccept(COMPARE_FORMATS, 'text/markdown'), 'md');
    assert.equal(formatFromAccept(COMPARE_FORMATS, 'application/x-ndjson'), 'ndjson');
    assert.equal(formatFromAccept(GENERATE_FORMATS, '*/*'), undefined);
    assert.equal(formatFromAccept(GENERATE_FORMATS, undefined), undefined);
  });
});
