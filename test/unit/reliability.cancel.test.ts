/**
 * Stop at every moment, for every provider: the server sees the connection closed (not the whole answer sent), the
 * result says cancelled (or stays ok when Stop came after the end), and no timer, socket or abort listener is left.
 * Timings are printed by `npm run bench:cancel`, not asserted here.
 */
import assert from 'node:assert/strict';
import { CANCEL_PHASES, CANCEL_SIDES, measureCancel } from '../reliability/cancel-scenarios';

describe('reliability: Stop reaches the server and leaves nothing behind', function () {
  this.timeout(30_000);
  for (const side of CANCEL_SIDES) {
    for (const phase of CANCEL_PHASES) {
      it(`${side}: Stop ${phase === 'after-done' ? 'after the answer is done' : `during ${phase}`}`, async () => {
        const m = await measureCancel(side, phase);
        if (phase === 'after-done') {
          assert.equal(m.resultKind, 'ok', 'a late Stop does not turn a finished answer into an error');
          assert.equal(m.serverCompleted, true);
        } else {
          assert.equal(m.resultKind, 'cancelled');
          assert.equal(m.serverCompleted, false, 'the server did not get to send the whole answer');
          if (phase !== 'connect') {
            assert.equal(m.reachedServer, true);
            assert.notEqual(m.serverClosedMs, null, 'the server saw the connection closed');
          }
        }
        // No more than before the run: a timer an earlier test left to expire may end meanwhile (a negative count).
        const left = { timers: Math.max(0, m.extra.timers), sockets: Math.max(0, m.extra.sockets), abortListeners: m.extra.abortListeners };
        assert.deepEqual(left, { timers: 0, sockets: 0, abortListeners: 0 }, `nothing left running (${JSON.stringify(m.extra)})`);
      });
    }
  }
});
