/**
 * The engine must not outlive VS Code. On a normal shutdown `deactivate` stops it; but an extension host that is
 * killed (a signal to code-server's process group, a crash) runs no JavaScript at all, and the engine, in a process
 * group of its own, would be left running under PID 1 (the e2e phase "engine" saw exactly that).
 *
 * So while an engine runs, a tiny watchdog (`sh`, in a group of its own so the same signal does not take it) holds the
 * read end of a pipe from this process. When this process dies, however it dies, the pipe closes, the watchdog reads
 * end-of-file and ends the engine's process group. A normal stop kills the watchdog first, so it never fires on a
 * group that is gone. Not on Windows (no process groups; the engine there is a plain child).
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** POSIX `kill -SIG -PGID` (dash refuses `--` there): the whole group, as the engine's own stop does. */
const WATCHDOG = 'while read -r _; do :; done; kill -TERM -"$0" 2>/dev/null; sleep 3; kill -KILL -"$0" 2>/dev/null';

export class EngineReaper {
  private watchdog: ChildProcess | undefined;
  private guarded: number | undefined;

  /** Guards the process group led by `pid` (the engine runs detached: its pid is its group id). */
  guard(pid: number): void {
    if (this.guarded === pid || process.platform === 'win32' || !(pid > 1)) return;
    this.release();
    this.guarded = pid;
    const child = spawn('/bin/sh', ['-c', WATCHDOG, String(pid)], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    child.on('error', () => undefined);
    child.stdin?.on('error', () => undefined);
    // Neither the watchdog nor its pipe keeps this process alive.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    this.watchdog = child;
  }

  /** The engine stopped (or another replaced it): the watchdog goes, without touching any process group. */
  release(): void {
    const dog = this.watchdog;
    this.watchdog = undefined;
    this.guarded = undefined;
    if (dog && dog.exitCode === null && dog.signalCode === null) dog.kill('SIGKILL');
  }

  /** The guarded group (tests). */
  get guarding(): number | undefined {
    return this.guarded;
  }
}
