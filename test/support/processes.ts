/** The process table, for tests that must see that no process of theirs is left behind (Linux /proc). */
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Pids of live processes whose command line (arguments joined by NUL) contains `needle`. Zombies have no command
 * line, so a process that has exited but not been reaped does not count.
 */
export function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(needle)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
