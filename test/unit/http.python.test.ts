/** The prototype's users called /generate from Python with the standard library: that call still works. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startHttpRig, type HttpRig } from '../support/http-harness';

const run = promisify(execFile);
const CLIENT = path.join(__dirname, '..', 'support', 'prototype_client.py');

describe('HTTP endpoint from a Python urllib client', function () {
  this.timeout(30_000);
  let rig: HttpRig;
  beforeEach(async () => {
    rig = await startHttpRig({}, { chat: { text: 'def reverse(s):\n    return s[::-1]' } });
  });
  afterEach(async () => rig.close());

  it('POST /generate?format=json with {"prompt", "max_tokens"} gets "response"', async () => {
    const { stdout } = await run('python3', [CLIENT, rig.base, 'Write a function that reverses a string', '64']);
    const out = JSON.parse(stdout) as { keys: string[]; response: string };
    assert.deepEqual(out.keys.slice(0, 2), ['prompt', 'response']);
    assert.equal(out.response, 'def reverse(s):\n    return s[::-1]');
    const chat = rig.sims.hf.requests.find((r) => r.kind === 'chat');
    assert.equal((chat?.body as { max_tokens: number }).max_tokens, 64);
  });

  it('a bad request reaches Python as an HTTPError with the JSON reason', async () => {
    await assert.rejects(run('python3', [CLIENT, rig.base, '   ']), (e: { code: number; stderr: string }) => {
      assert.equal(e.code, 1);
      assert.match(e.stderr, /^400 .*prompt\\" is empty/s);
      return true;
    });
  });
});
