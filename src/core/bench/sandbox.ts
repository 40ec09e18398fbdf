/**
 * Runs one program in the chosen isolation (bubblewrap, a container, sandbox-exec, or none: see isolation/): the
 * program is written to a fresh temp folder (removed after), the isolation says how to start it, and the same
 * limits apply to every kind: a time limit and an output cap, both enforced from outside by killing the whole
 * process group (for bubblewrap that takes the sandbox's PID namespace down with it).
 */
import { spawn as nodeSpawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interpreterFor } from './isolation/interpreters';
import { limitsFor, type Isolation, type Launch, type SandboxKind } from './isolation/types';
import type { TaskLanguage } from './types';

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface SandboxOptions {
  /** Where the program runs (`resolveSandbox`); required: there is no silent unsandboxed default. */
  isolation: Isolation;
  timeoutMs?: number;
  /** Bytes of stdout + stderr kept; beyond it the process is killed. */
  outputCapBytes?: number;
  spawn?: SpawnFn;
  /** The parent's environment, read only for PATH and LANG. */
  env?: Record<string, string | undefined>;
  python?: string;
  node?: string;
  signal?: AbortSignal;
}

export interface SandboxResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  outputCapped: boolean;
  cancelled: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** The isolation that ran it. */
  sandbox: SandboxKind;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_OUTPUT_CAP = 64 * 1024;

export async function runInSandbox(language: TaskLanguage, source: string, options: SandboxOptions): Promise<SandboxResult> {
  const dir = await mkdtemp(join(tmpdir(), 'llm-bench-'));
  try {
    const fileName = language === 'python' ? 'main.py' : 'main.cjs';
    await writeFile(join(dir, fileName), source, 'utf8');
    const interpreter = await interpreterFor(language, options);
    const limits = limitsFor(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.outputCapBytes ?? DEFAULT_OUTPUT_CAP);
    const launch = await options.isolation.launch({ language, hostDir: dir, fileName, interpreter }, limits, options.env ?? process.env);
    try {
      return { ...(await runProcess(launch, limits.timeoutMs, limits.outputCapBytes, options)), sandbox: options.isolation.kind };
    } finally {
      await launch.cleanup?.();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runProcess(launch: Launch, timeoutMs: number, cap: number, options: SandboxOptions): Promise<Omit<SandboxResult, 'sandbox'>> {
  const spawn = options.spawn ?? (nodeSpawn as SpawnFn);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(launch.command, launch.args, {
      cwd: launch.cwd,
      env: launch.env,
      // Own process group, so a kill reaches grandchildren the program may have started.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let timedOut = false;
    let outputCapped = false;
    let cancelled = false;
    let settled = false;
    let drainTimer: NodeJS.Timeout | undefined;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const onData = (into: Buffer[]) => (chunk: Buffer) => {
      if (outputCapped) return;
      const room = cap - bytes;
      into.push(room >= chunk.length ? chunk : chunk.subarray(0, Math.max(0, room)));
      bytes += chunk.length;
      if (bytes > cap) {
        outputCapped = true;
        killGroup();
      }
    };
    child.stdout?.on('data', onData(out));
    child.stderr?.on('data', onData(err));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    const onAbort = () => {
      cancelled = true;
      killGroup();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (exitCode: number | null, signal: string | null, spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drainTimer);
      options.signal?.removeEventListener('abort', onAbort);
      const stderr = Buffer.concat(err).toString('utf8') + (spawnError ? `\n${spawnError.message}` : '');
      resolve({
        exitCode,
        signal,
        timedOut,
        outputCapped,
        cancelled,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
        durationMs: Math.round(performance.now() - started),
      });
    };
    // 'close' (not 'exit'): the pipes are drained by then, so no output is lost.
    child.on('close', (code, sig) => finish(code, sig));
    // A grandchild that left the process group can hold the pipes open after the program ended: do not wait on it.
    child.on('exit', (code, sig) => {
      drainTimer = setTimeout(() => finish(code, sig), 1000);
      drainTimer.unref();
    });
    child.on('error', (e) => finish(null, null, e));
  });
}
