/**
 * How long after Stop the model server sees its connection closed, per provider and moment, measured on the
 * simulators' own records (same process, performance clock). Prints the median and worst case over N repeats and
 * any resource left over. Figures only: nothing is asserted.   npm run bench:cancel [-- --repeats 20]
 */
import { cpus, loadavg } from 'node:os';
import { CANCEL_PHASES, CANCEL_SIDES, measureCancel, type CancelMeasure } from '../test/reliability/cancel-scenarios';

const repeats = Number(process.argv[process.argv.indexOf('--repeats') + 1]) || 10;

async function main(): Promise<void> {
  console.log(`Stop → server sees the connection closed (ms); ${repeats} repeats per cell`);
  console.log(`conditions: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, simulators on 127.0.0.1 in this process`);
  console.log('side               phase       reached  median   worst    leftovers');
  let worst: { ms: number; where: string } = { ms: -1, where: '' };
  for (const side of CANCEL_SIDES) {
    for (const phase of CANCEL_PHASES) {
      const runs: CancelMeasure[] = [];
      for (let i = 0; i < repeats; i++) runs.push(await measureCancel(side, phase));
      const closed = runs.map((r) => r.serverClosedMs).filter((x): x is number => x !== null).sort((a, b) => a - b);
      const median = closed.length ? closed[Math.floor(closed.length / 2)].toFixed(1) : 'n/a';
      const max = closed.length ? closed[closed.length - 1] : null;
      if (max !== null && max > worst.ms) worst = { ms: max, where: `${side} ${phase}` };
      const left = runs.reduce((n, r) => n + Math.max(0, r.extra.timers) + Math.max(0, r.extra.sockets) + r.extra.abortListeners, 0);
      const reached = `${runs.filter((r) => r.reachedServer).length}/${runs.length}`;
      const note = phase === 'after-done' ? 'n/a (answer complete)' : phase === 'connect' && !closed.length ? 'n/a (never reached the server)' : '';
      console.log(`${side.padEnd(18)} ${phase.padEnd(11)} ${reached.padEnd(8)} ${note ? note.padEnd(16) : `${median.padStart(6)}  ${(max?.toFixed(1) ?? 'n/a').padStart(6)}   `} ${left === 0 ? 'none' : `${left} left`}`);
    }
  }
  console.log(`worst case: ${worst.ms.toFixed(1)} ms (${worst.where}); budget 200 ms`);
}

void main();
