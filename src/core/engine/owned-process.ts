/**
 * Running llama-server so that it never outlives its owner (the extension host or the CLI), however the owner ends.
 *
 * The server runs in a process group of its own (a stop takes everything it started). That also means nothing
 * kills it when the owner dies: an `exit` hook does not run on a signal death, and nothing at all runs on SIGKILL.
 * Two guards close that gap:
 * - a watchdog: on Unix the server is started through `/bin/sh`, which leaves a tiny `sh` reading a pipe from the
 *   owner and then `exec`s the server (so the server keeps the pid, the group and the exit status Node sees).
 *   When the owner dies by any means the kernel closes its end of the pipe; the watchdog reads end-of-file and
 *   stops the group (SIGTERM, then SIGKILL after 3 s). When the server ends first, Node closes the pipe itself and
 *   the watchdog goes too. (Linux's PR_SET_PDEATHSIG would do this, but Node cannot reach prctl.)
 * - signal handlers: on SIGTERM/SIGINT/SIGHUP, when nothing else in the process listens for that signal, the
 *   engines are stopped at once and the signal is raised again, so the owner dies of it exactly as before. When
 *   something else listens (the CLI's Ctrl+C), that listener owns the clean stop.
 * Windows has neither process groups nor sh: there the server is spawned directly (its stop uses `kill()`).
 */
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The watchdog: ignores the group-wide SIGTERM a stop sends (it must outlive the server to escalate), waits for
 * end-of-file from the owner, then stops the group. `$1` is the group (= the server's pid).
 */
const WATCHDOG = 'trap "" TERM INT HUP; read _; kill -s TERM -- "-$1" 2>/dev/null; n=0; while kill -0 "$1" 2>/dev/null && [ $n -lt 30 ]; do sleep 0.1; n=$((n+1)); done; kill -s KILL -- "-$1" 2>/dev/null';

/**
 * Keeps the owner's pipe on fd 3 for the watchdog (a background job's stdin would be /dev/null), starts it, then
 * becomes the server with stdin from /dev/null and fd 3 closed.
 */
const LAUNCHER = `exec 3<&0; sh -c '${WATCHDOG}' llm-compare-engine-watchdog "$$" <&3 & exec "$@" </dev/null 3<&-`;

/** Whether spawns here go through the watchdog (tests that must not rely on it can check). */
export const WATCHDOG_ENABLED = process.platform !== 'win32';

/** Spawns `binary args` in its own process group, tied to this process's life. stdout/stderr are pipes. */
export function spawnOwned(binary: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  if (!WATCHDOG_ENABLED) return spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, env });
  const child = spawn('/bin/sh', ['-c', LAUNCHER, 'llm-compare-engine', binary, ...args], { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env });
  // Never written: its only job is to close when this process ends. An EPIPE on it must not crash the owner.
  child.stdin?.on('error', () => undefined);
  return child;
}

/** What `sh` exits with when `exec` fails: 126 = found but not runnable, 127 = not found. */
export function launcherFailure(code: number | null): string | null {
  if (!WATCHDOG_ENABLED) return null;
  if (code === 126) return 'it is not an executable program (or lacks the run permission)';
  if (code === 127) return 'no such file';
  return null;
}

/** Sends `signal` to the child's whole process group (the server and its watchdog). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform !== 'win32') process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    child.kill(signal);
  }
}

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
let installed = false;

/**
 * Installs, once, the exit hook and the signal handlers that stop every engine `running()` returns.
 * `stopNow` must be synchronous: on exit nothing asynchronous runs any more.
 */
export function stopOnOwnerExit(running: () => Iterable<{ stopNow(signal: NodeJS.Signals): void }>): void {
  if (installed) return;
  installed = true;
  process.once('exit', () => {
    for (const engine of running()) engine.stopNow('SIGKILL');
  });
  if (process.platform === 'win32') return;
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return; // another listener gives this signal its meaning and stops cleanly
    for (const engine of running()) engine.stopNow('SIGTERM');
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal); // die of it, as without us
  };
  for (const s of SIGNALS) process.on(s, onSignal);
}
