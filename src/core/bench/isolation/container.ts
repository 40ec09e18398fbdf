/**
 * Isolation in a container (Docker or Podman): no network, a read-only root, a size-limited private /tmp as the
 * working directory, the program's folder mounted read-only, no capabilities, no new privileges, an unprivileged
 * user, and memory / pids / file-size / CPU limits. Killing the `docker run` client does not stop the container,
 * so every run is named and removed afterwards (`rm -f`), whatever happened.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskLanguage } from '../types';
import { findExecutable, runQuiet } from './bubblewrap';
import { interpreterArgs, programEnv, type Isolation, type ProgramFile, type SandboxLimits } from './types';

export type ContainerEngine = 'docker' | 'podman';

/** Official images with the interpreters; pull them once (`docker pull python:3.12-slim node:20-slim`). */
export const DEFAULT_IMAGES: Record<TaskLanguage, string> = { python: 'python:3.12-slim', javascript: 'node:20-slim' };
const INTERPRETERS: Record<TaskLanguage, string> = { python: 'python3', javascript: 'node' };
const MOUNT = '/program';
const WORKDIR = '/tmp';

export interface ContainerPlan {
  engine: ContainerEngine;
  /** Path of the engine's client. */
  command: string;
  images: Record<TaskLanguage, string>;
  name: string;
}

/** The `run` command line for one program; pure, so the tests can read every flag. */
export function containerArgs(plan: ContainerPlan, limits: SandboxLimits, program: ProgramFile): string[] {
  const a = ['run', '--rm', '--name', plan.name, '--network', 'none', '--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges', '--user', '65534:65534', '--ipc', 'none'];
  const tmpSize = limits.writableBytes !== null ? `,size=${limits.writableBytes}` : '';
  a.push('--tmpfs', `${WORKDIR}:rw,nosuid,nodev,mode=1777${tmpSize}`);
  if (limits.memoryBytes !== null) a.push('--memory', String(limits.memoryBytes), '--memory-swap', String(limits.memoryBytes));
  if (limits.processes !== null) a.push('--pids-limit', String(limits.processes));
  if (limits.fileSizeBytes !== null) a.push('--ulimit', `fsize=${limits.fileSizeBytes}:${limits.fileSizeBytes}`);
  if (limits.cpuSeconds !== null) a.push('--ulimit', `cpu=${limits.cpuSeconds}:${limits.cpuSeconds}`);
  a.push('--mount', `type=bind,source=${program.hostDir},target=${MOUNT},readonly`, '--workdir', WORKDIR);
  for (const [k, v] of Object.entries(programEnv('/usr/local/bin:/usr/bin:/bin', 'C.UTF-8', WORKDIR))) a.push('--env', `${k}=${v}`);
  a.push(plan.images[program.language], INTERPRETERS[program.language], ...interpreterArgs(program.language, `${MOUNT}/${program.fileName}`));
  return a;
}

export function containerIsolation(engine: ContainerEngine, command: string, version: string, images: Record<TaskLanguage, string> = DEFAULT_IMAGES): Isolation {
  return {
    kind: 'container',
    info: (limits) => ({
      kind: 'container',
      tool: `${version} (images ${images.python}, ${images.javascript})`,
      network: 'none',
      filesystem: `read-only image; the program folder mounted read-only; writable: a private ${WORKDIR}`,
      limits,
    }),
    launch: async (program, limits, parentEnv) => {
      const plan: ContainerPlan = { engine, command, images, name: `llm-bench-${randomBytes(6).toString('hex')}` };
      // The container user is not the owner of the temp folder: let it read the program (nothing secret in it).
      await chmod(program.hostDir, 0o755);
      await chmod(join(program.hostDir, program.fileName), 0o644);
      return {
        command,
        args: containerArgs(plan, limits, program),
        env: programEnv(parentEnv.PATH ?? '/usr/bin:/bin', parentEnv.LANG, program.hostDir),
        cwd: program.hostDir,
        cleanup: () => removeContainer(command, plan.name),
      };
    },
  };
}

function removeContainer(command: string, name: string): Promise<void> {
  return new Promise((resolve) => execFile(command, ['rm', '-f', name], { timeout: 15_000 }, () => resolve()));
}

/** The first engine whose daemon answers and has both images; null with the reason otherwise. */
export async function detectContainer(images: Record<TaskLanguage, string> = DEFAULT_IMAGES): Promise<{ isolation: Isolation } | { reason: string }> {
  const reasons: string[] = [];
  for (const engine of ['docker', 'podman'] as const) {
    const command = findExecutable(engine);
    if (!command) {
      reasons.push(`${engine} is not installed`);
      continue;
    }
    const info = await runQuiet(command, ['version', '--format', '{{.Server.Version}}']);
    if (info.code !== 0 || !info.stdout.trim()) {
      reasons.push(`${engine} is installed but its service does not answer (${firstLine(info.stderr) || `exit ${info.code}`})`);
      continue;
    }
    const missing: string[] = [];
    for (const image of new Set(Object.values(images))) if ((await runQuiet(command, ['image', 'inspect', image])).code !== 0) missing.push(image);
    if (missing.length) {
      reasons.push(`${engine} lacks the image(s) ${missing.join(', ')} (run: ${engine} pull ${missing.join(' ')})`);
      continue;
    }
    return { isolation: containerIsolation(engine, command, `${engine} ${info.stdout.trim()}`, images) };
  }
  return { reason: reasons.join('; ') };
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}
