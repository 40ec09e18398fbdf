/**
 * The shapes shared by the isolation strategies: what a strategy is asked to run, what it hands back to the process
 * runner, and what the report records about it. One strategy per isolation kind; `runInSandbox` is the only caller.
 */
import type { TaskLanguage } from '../types';

export type SandboxKind = 'bubblewrap' | 'container' | 'sandbox-exec' | 'none';
/** The setting / `--sandbox` value: `auto` picks the best kind this machine has. */
export type SandboxChoice = 'auto' | SandboxKind;
export const SANDBOX_CHOICES: readonly SandboxChoice[] = ['auto', 'bubblewrap', 'container', 'sandbox-exec', 'none'];

/** Limits applied to one program; null = this kind cannot enforce it (said so in the report, never implied). */
export interface SandboxLimits {
  /** Address space per process (RLIMIT_AS) or the container's memory limit. */
  memoryBytes: number | null;
  /** Processes and threads (RLIMIT_NPROC, or the container's pids limit): what stops a fork bomb. */
  processes: number | null;
  /** Largest file the program may write (RLIMIT_FSIZE). */
  fileSizeBytes: number | null;
  /** CPU seconds per process (RLIMIT_CPU); the wall-clock time limit below is the one that usually fires. */
  cpuSeconds: number | null;
  /** Size of the private, writable /tmp (the working directory lives in it). */
  writableBytes: number | null;
  /** Wall-clock limit, enforced from outside by killing the sandbox. */
  timeoutMs: number;
  /** stdout + stderr bytes kept; beyond it the sandbox is killed. */
  outputCapBytes: number;
}

/** What the report's manifest says about the sandbox that ran the samples. */
export interface SandboxInfo {
  kind: SandboxKind;
  /** The tool and its version, e.g. "bubblewrap 0.8.0", "docker 28.2.2"; null for `none`. */
  tool: string | null;
  /** `none`: no network at all; `host`: the machine's network (unsandboxed). */
  network: 'none' | 'host';
  /** In words: what the program can read and write. */
  filesystem: string;
  limits: SandboxLimits;
}

export interface Interpreter {
  /** Absolute path of the real binary (symlinks and version-manager shims resolved). */
  path: string;
  /** Directories the interpreter needs to read (its install prefix), when they lie outside the system folders. */
  roots: string[];
}

/** A program written to the host: `hostDir/fileName`, to be run with `interpreter`. */
export interface ProgramFile {
  language: TaskLanguage;
  hostDir: string;
  fileName: string;
  interpreter: Interpreter;
}

/** How to start the program: the process runner spawns exactly this, in its own process group. */
export interface Launch {
  command: string;
  args: string[];
  /** The environment of the spawned process (the sandbox tool, or the interpreter itself for `none`). */
  env: Record<string, string>;
  cwd: string;
  /** Runs after the process ended, whatever happened (e.g. removing a container the kill did not reach). */
  cleanup?: () => Promise<void>;
}

export interface Isolation {
  readonly kind: SandboxKind;
  readonly info: (limits: SandboxLimits) => SandboxInfo;
  readonly launch: (program: ProgramFile, limits: SandboxLimits, parentEnv: Record<string, string | undefined>) => Promise<Launch>;
}

/** Thrown when the chosen (or any, for `auto`) isolation is not available; `hint` says how to get one. */
export class SandboxUnavailableError extends Error {
  constructor(message: string, readonly hint: string) {
    super(`${message}\n${hint}`);
    this.name = 'SandboxUnavailableError';
  }
}

export const DEFAULT_LIMITS: Omit<SandboxLimits, 'timeoutMs' | 'outputCapBytes' | 'cpuSeconds'> = {
  memoryBytes: 1024 * 1024 * 1024,
  processes: 64,
  fileSizeBytes: 16 * 1024 * 1024,
  writableBytes: 64 * 1024 * 1024,
};

/** The limits for a run: the defaults, with CPU time just above the wall-clock limit (a backstop, not the trigger). */
export function limitsFor(timeoutMs: number, outputCapBytes: number): SandboxLimits {
  return { ...DEFAULT_LIMITS, cpuSeconds: Math.ceil(timeoutMs / 1000) + 1, timeoutMs, outputCapBytes };
}

/** The minimal environment model-written code sees: no API keys, HOME in the working directory. */
export function programEnv(path: string, lang: string | undefined, home: string): Record<string, string> {
  return { PATH: path, LANG: lang ?? 'C.UTF-8', HOME: home, PYTHONDONTWRITEBYTECODE: '1' };
}

/** The interpreter's arguments: `-I` = Python's isolated mode (no PYTHON* variables, no user site-packages). */
export function interpreterArgs(language: TaskLanguage, file: string): string[] {
  return language === 'python' ? ['-I', file] : [file];
}
