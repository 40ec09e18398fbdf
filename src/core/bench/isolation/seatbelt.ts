/**
 * macOS isolation with `sandbox-exec` and a Seatbelt profile written per run: no network at all, no writes outside
 * the program's folder, and the home folder unreadable (except the interpreter's own install, when it lives there).
 * Seatbelt's rules are "last match wins", so each deny is followed by its narrow exceptions.
 *
 * What macOS cannot give here, said plainly in the report: no memory or process-count limit (RLIMIT_AS is not
 * enforced by macOS, and RLIMIT_NPROC counts every process of the user), and no PID namespace: a program that
 * calls setsid() leaves the process group the time limit kills.
 */
import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { within } from './interpreters';
import { interpreterArgs, programEnv, type Isolation, type SandboxLimits } from './types';

export const SANDBOX_EXEC = '/usr/bin/sandbox-exec';

/** A string literal in the profile language: backslashes and quotes escaped, control characters refused. */
export function sbplString(s: string): string {
  if (/[\u0000-\u001f]/.test(s)) throw new RangeError(`A path with a control character cannot go into a sandbox profile: ${JSON.stringify(s)}`);
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface ProfileInput {
  /** The program's folder: the only writable place. */
  workDir: string;
  /** Folders hidden from reads (the home folder). */
  hidden: string[];
  /** Folders under a hidden one that must stay readable (the interpreter's install prefix). */
  readable: string[];
}

export function seatbeltProfile(p: ProfileInput): string {
  const lines = [
    '(version 1)',
    '(allow default)',
    '; No network of any kind, loopback included.',
    '(deny network*)',
    '; Writes only in the program folder (and the null device).',
    '(deny file-write*)',
    `(allow file-write* (subpath ${sbplString(p.workDir)}) (literal "/dev/null"))`,
  ];
  if (p.hidden.length) {
    lines.push('; The home folder (keys, ssh, projects) is not readable.');
    lines.push(`(deny file-read* ${p.hidden.map((h) => `(subpath ${sbplString(h)})`).join(' ')})`);
    const allowed = [p.workDir, ...p.readable].filter((r) => p.hidden.some((h) => within(r, h)));
    if (allowed.length) lines.push(`(allow file-read* ${allowed.map((r) => `(subpath ${sbplString(r)})`).join(' ')})`);
  }
  return lines.join('\n') + '\n';
}

/** `ulimit` inside: CPU seconds and file size (in 512-byte blocks, as POSIX sh counts them). */
export function ulimitScript(l: SandboxLimits): string {
  const parts: string[] = [];
  if (l.cpuSeconds !== null) parts.push(`ulimit -t ${l.cpuSeconds}`);
  if (l.fileSizeBytes !== null) parts.push(`ulimit -f ${Math.ceil(l.fileSizeBytes / 512)}`);
  parts.push('exec "$@"');
  return parts.join(' && ');
}

/** What sandbox-exec can enforce of the requested limits; the rest is null, so the report does not claim them. */
export function seatbeltLimits(l: SandboxLimits): SandboxLimits {
  return { ...l, memoryBytes: null, processes: null, writableBytes: null };
}

export function seatbeltIsolation(home = homedir()): Isolation {
  return {
    kind: 'sandbox-exec',
    info: (limits) => ({
      kind: 'sandbox-exec',
      tool: 'sandbox-exec (macOS Seatbelt)',
      network: 'none',
      filesystem: 'system read-only; home folder unreadable; writable: the program\u2019s temporary folder only',
      limits: seatbeltLimits(limits),
    }),
    launch: async (program, limits, parentEnv) => {
      const workDir = realpathSync(program.hostDir);
      const profile = seatbeltProfile({ workDir, hidden: existsSync(home) ? [realpathSync(home)] : [], readable: program.interpreter.roots });
      const file = join(workDir, program.fileName);
      return {
        command: SANDBOX_EXEC,
        args: ['-p', profile, '/bin/sh', '-c', ulimitScript(limits), 'sh', program.interpreter.path, ...interpreterArgs(program.language, file)],
        env: programEnv(parentEnv.PATH ?? '/usr/bin:/bin', parentEnv.LANG, workDir),
        cwd: workDir,
      };
    },
  };
}

export function detectSeatbelt(): { isolation: Isolation } | { reason: string } {
  if (process.platform !== 'darwin') return { reason: 'sandbox-exec exists on macOS only' };
  if (!existsSync(SANDBOX_EXEC)) return { reason: `${SANDBOX_EXEC} is missing` };
  return { isolation: seatbeltIsolation() };
}
