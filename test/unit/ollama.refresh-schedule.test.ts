/** The Ollama status polls only while it can be seen, and catches up at once when it is seen again after a while. */
import assert from 'node:assert/strict';
import { RefreshSchedule } from '../../src/vscode/ollama/refresh-schedule';

/** A hand-driven clock and timer queue. */
function fakeTime() {
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    pending: () => timers.size,
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
  };
}

describe('Ollama status refresh schedule', () => {
  const setup = () => {
    const time = fakeTime();
    let refreshes = 0;
    const schedule = new RefreshSchedule({ intervalMs: 30_000, refresh: () => refreshes++, ...time });
    return { time, schedule, count: () => refreshes };
  };

  it('never polls while nothing shows the status', () => {
    const { time, schedule, count } = setup();
    time.advance(10 * 60_000);
    assert.equal(count(), 0);
    assert.equal(time.pending(), 0, 'not even a timer');
  });

  it('refreshes when it becomes visible, then every interval while it stays visible', () => {
    const { time, schedule, count } = setup();
    schedule.setVisible(true);
    assert.equal(count(), 1, 'first sight: at once');
    time.advance(90_000);
    assert.equal(count(), 4);
  });

  it('stops when hidden (no timer left), and catches up at once when shown again after an interval', () => {
    const { time, schedule, count } = setup();
    schedule.setVisible(true);
    time.advance(10_000);
    schedule.setVisible(false);
    assert.equal(time.pending(), 0);
    time.advance(5 * 60_000);
    assert.equal(count(), 1);
    schedule.setVisible(true);
    assert.equal(count(), 2);
  });

  it('shown again within the interval: waits for the rest of it', () => {
    const { time, schedule, count } = setup();
    schedule.setVisible(true);
    time.advance(10_000);
    schedule.setVisible(false);
    time.advance(5_000);
    schedule.setVisible(true);
    assert.equal(count(), 1);
    time.advance(14_999);
    assert.equal(count(), 1);
    time.advance(1);
    assert.equal(count(), 2);
  });

  it('a refresh for another reason pushes the next poll an interval later', () => {
    const { time, schedule, count } = setup();
    schedule.setVisible(true);
    time.advance(20_000);
    schedule.refreshed();
    time.advance(20_000);
    assert.equal(count(), 1);
    time.advance(10_000);
    assert.equal(count(), 2);
  });

  it('dispose leaves no timer', () => {
    const { time, schedule } = setup();
    schedule.setVisible(true);
    schedule.dispose();
    assert.equal(time.pending(), 0);
    assert.equal(schedule.polling, false);
  });
});
