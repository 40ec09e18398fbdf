/**
 * Runs one program in a child process: a fresh temp directory as cwd (removed after), a minimal environment (no
 * API keys reach model-written code), a time limit and an output cap, both enforced by killing the whole process
 * group. This limits accidents, it is NOT a security sandbox: the code runs as the current user.
 */
import { execFile, spawn as nodeSpawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskLanguage } from './types';

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface SandboxOptions {
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
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_OUTPUT_CAP = 64 * 1024;

export async function runInSandbox(language: TaskLanguage, source: string, options: SandboxOptions = {}): Promise<SandboxResult> {
  const dir = await mkdtemp(join(tmpdir(), 'llm-bench-'));
  try {
    const file = join(dir, language === 'python' ? 'main.py' : 'main.cjs');
    await writeFile(file, source, 'utf8');
    // -I: isolated mode (no PYTHON* variables, no user site-packages, script dir not trusted for imports of cwd).
    const [cmd, args] = language === 'python' ? [await realPython(options.python ?? 'python3'), ['-I', file]] : [options.node ?? process.execPath, [file]];
    return await runProcess(cmd, args, dir, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const pythons = new Map<string, Promise<string>>();

/**
 * The interpreter behind `python3`, asked once. Version-manager shims (pyenv) are shell scripts that add their
 * own variables to the child's environment and cost a shell start per sample; the real binary does neither.
 */
export function realPython(command: string): Promise<string> {
  let p = pythons.get(command);
  if (!p) {
    p = new Promise((resolve) => {
      execFile(command, ['-c', 'import sys; print(sys.executable)'], { timeout: 10_000 }, (err, stdout) => {
        const exe = stdout.trim();
        resolve(err || !exe ? command : exe);
      });
    });
    pythons.set(command, p);
  }
  return p;
}

/** The whole environment the child sees. HOME points at the temp dir so nothing lands in the user's home. */
export function sandboxEnv(parent: Record<string, string | undefined>, home: string): Record<string, string> {
  return {
    PATH: parent.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: parent.LANG ?? 'C.UTF-8',
    HOME: home,
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

function runProcess(cmd: string, args: string[], cwd: string, options: SandboxOptions): Promise<SandboxResult> {
  const spawn = options.spawn ?? (nodeSpawn as SpawnFn);
  const cap = options.outputCapBytes ?? DEFAULT_OUTPUT_CAP;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd,
      env: sandboxEnv(options.env ?? process.env, cwd),
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
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
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
    child.on('exit', (code, sig) => setTimeout(() => finish(code, sig), 1000).unref());
    child.on('error', (e) => finish(null, null, e));
  });
}
