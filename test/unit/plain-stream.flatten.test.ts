/**
 * flattenBatches hands a chat-completions answer on event by event from batches (one per read of the body): the
 * events must come in order, an error after the events read before it, and stopping must reach the batches'
 * `finally` (where the provider closes the connection).
 */
import assert from 'node:assert/strict';
import { flattenBatches } from '../../src/core/providers/plain-stream';

describe('flattenBatches: a batch per read, handed on event by event', () => {
  it('every item in order, empty batches skipped, then the end', async () => {
    async function* batches() {
      yield [1, 2];
      yield [];
      yield [3];
    }
    const got: number[] = [];
    for await (const x of flattenBatches(batches())) got.push(x);
    assert.deepEqual(got, [1, 2, 3]);
  });

  it('a failure comes after every item of the batches before it, and the stream then stays over', async () => {
    async function* batches(): AsyncGenerator<number[]> {
      yield [1, 2];
      throw new Error('cut');
    }
    const it = flattenBatches(batches());
    const got: number[] = [];
    let failure: unknown;
    try {
      for await (const x of it) got.push(x);
    } catch (e) {
      failure = e;
    }
    assert.deepEqual(got, [1, 2]);
    assert.equal((failure as Error).message, 'cut');
    assert.deepEqual(await it.next(), { done: true, value: undefined });
  });

  it('a break mid-batch runs the batches\' cleanup and reads no further batch', async () => {
    let cleanedUp = false;
    let pulled = 0;
    async function* batches() {
      try {
        for (;;) {
          pulled++;
          yield [1, 2, 3];
        }
      } finally {
        cleanedUp = true;
      }
    }
    let seen = 0;
    for await (const _ of flattenBatches(batches())) if (++seen === 2) break;
    assert.equal(cleanedUp, true);
    assert.equal(pulled, 1);
  });
});
