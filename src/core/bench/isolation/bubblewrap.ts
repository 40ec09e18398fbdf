/**
 * Linux isolation with bubblewrap (`bwrap`): a new root that shows the system folders and the interpreter read-only,
 * a private size-limited /tmp holding the working directory (the only writable place), no network (own network
 * namespace: 127.0.0.1 is the sandbox's own), own PID/IPC/UTS namespaces, a new session (no terminal injection),
 * no capabilities, and it dies with the runner: killing bwrap kills the namespace's init, and the kernel then kills
 * every process left in it, so nothing a program starts (setsid, nohup, double fork) can outlive the run.
 *
 * Limits come from `prlimit` inside the sandbox. RLIMIT_NPROC (the fork-bomb stop) is never enforced for uid 0, so
 * when the runner is root the program runs as a fresh unused uid picked per run (switched by `setpriv`, the only
 * capability kept until then); otherwise bwrap's own user namespace gives the program a process count of its own.
 */
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { within } from './interpreters';
import { interpreterArgs, programEnv, type Isolation, type Launch, type ProgramFile, type SandboxLimits } from './types';

/** Inside the sandbox: the private /tmp and the working directory in it (also HOME). */
export const SANDBOX_TMP = '/tmp';
export const SANDBOX_WORKDIR = '/tmp/work';
const SANDBOX_PATH = '/usr/local/bin:/usr/bin:/bin';

/** How this machine's root is laid out: merged-/usr systems have /bin, /lib... as symlinks into /usr. */
export interface SystemLayout {
  /** Top-level folders to show read-only (at least /usr). */
  dirs: string[];
  /** Top-level symlinks to recreate, path → target. */
  symlinks: Record<string, string>;
  /** The few /etc files the dynamic loader and libc read; nothing else of /etc (no hosts, no resolv.conf). */
  etc: string[];
}

export interface BubblewrapTools {
  bwrap: string;
  prlimit: string;
  /** Present when the runner is root: switches to the per-run uid. */
  setpriv: string | null;
  version: string;
}

export function systemLayout(): SystemLayout {
  const layout: SystemLayout = { dirs: ['/usr'], symlinks: {}, etc: [] };
  for (const top of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    const st = lstatSync(top, { throwIfNoEntry: false });
    if (st?.isSymbolicLink()) layout.symlinks[top] = readlinkSync(top);
    else if (st?.isDirectory()) layout.dirs.push(top);
  }
  layout.etc = ['/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/localtime', '/etc/alternatives', '/etc/ssl/openssl.cnf'].filter((p) => existsSync(p));
  return layout;
}

export interface BwrapPlan {
  tools: BubblewrapTools;
  layout: SystemLayout;
  /** The uid/gid the program runs as when the runner is root (null otherwise). */
  runAs: number | null;
}

/** The whole bwrap command line for one program; pure, so the tests can read every flag. */
export function bubblewrapArgs(plan: BwrapPlan, limits: SandboxLimits, program: ProgramFile | null, inner: string[]): string[] {
  const a: string[] = ['--die-with-parent', '--new-session', '--unshare-ipc', '--unshare-pid', '--unshare-net', '--unshare-uts', '--unshare-cgroup-try', '--hostname', 'sandbox'];
  if (plan.runAs === null) a.push('--unshare-user', '--disable-userns', '--cap-drop', 'ALL');
  else a.push('--cap-drop', 'ALL', '--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID');
  a.push('--clearenv');
  const rootBins = program ? program.interpreter.roots.map((r) => join(r, 'bin')) : [];
  const env = programEnv([...rootBins, SANDBOX_PATH].join(':'), 'C.UTF-8', SANDBOX_WORKDIR);
  for (const [k, v] of Object.entries(env)) a.push('--setenv', k, v);
  for (const d of plan.layout.dirs) a.push('--ro-bind', d, d);
  for (const [link, target] of Object.entries(plan.layout.symlinks)) a.push('--symlink', target, link);
  const made = new Set<string>();
  // Parents are made world-readable: bwrap's default (0700) would hide what is bound below them from a program
  // running as another uid.
  const bindUnder = (path: string) => {
    for (const parent of ancestors(path)) {
      if (made.has(parent) || plan.layout.dirs.some((d) => within(parent, d))) continue;
      made.add(parent);
      a.push('--perms', '0755', '--dir', parent);
    }
    a.push('--ro-bind', path, path);
  };
  for (const e of plan.layout.etc) bindUnder(e);
  for (const root of program?.interpreter.roots ?? []) bindUnder(root);
  a.push('--dev', '/dev', '--proc', '/proc');
  if (limits.writableBytes !== null) a.push('--size', String(limits.writableBytes));
  a.push('--perms', '1777', '--tmpfs', SANDBOX_TMP, '--perms', '1777', '--dir', SANDBOX_WORKDIR);
  if (program) a.push('--ro-bind', join(program.hostDir, program.fileName), join(SANDBOX_WORKDIR, program.fileName));
  a.push('--remount-ro', '/', '--chdir', SANDBOX_WORKDIR, '--');
  if (plan.runAs !== null && plan.tools.setpriv) {
    const id = String(plan.runAs);
    a.push(plan.tools.setpriv, '--reuid', id, '--regid', id, '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs', '--');
  }
  a.push(plan.tools.prlimit, ...prlimitFlags(limits), '--', ...inner);
  return a;
}

export function prlimitFlags(l: SandboxLimits): string[] {
  const f = ['--core=0'];
  if (l.memoryBytes !== null) f.push(`--as=${l.memoryBytes}`);
  if (l.processes !== null) f.push(`--nproc=${l.processes}`);
  if (l.fileSizeBytes !== null) f.push(`--fsize=${l.fileSizeBytes}`);
  if (l.cpuSeconds !== null) f.push(`--cpu=${l.cpuSeconds}`);
  return f;
}

function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let p = dirname(path); p !== '/' && p !== '.'; p = dirname(p)) out.unshift(p);
  return out;
}

/** A uid no account uses, fresh per run, so the process limit counts this program's processes only. */
export function unusedUid(): number {
  return 1_000_000_000 + randomInt(1_000_000_000);
}

export function bubblewrapIsolation(tools: BubblewrapTools, layout: SystemLayout = systemLayout(), isRoot = process.getuid?.() === 0): Isolation {
  return {
    kind: 'bubblewrap',
    info: (limits) => ({
      kind: 'bubblewrap',
      tool: tools.version,
      network: 'none',
      filesystem: `system folders and the interpreter read-only; writable: a private ${SANDBOX_TMP} (working directory ${SANDBOX_WORKDIR}); home, workspace and the host\u2019s /tmp not visible`,
      limits,
    }),
    launch: async (program, limits, parentEnv): Promise<Launch> => {
      const plan: BwrapPlan = { tools, layout, runAs: isRoot ? unusedUid() : null };
      const inner = [program.interpreter.path, ...interpreterArgs(program.language, join(SANDBOX_WORKDIR, program.fileName))];
      return {
        command: tools.bwrap,
        args: bubblewrapArgs(plan, limits, program, inner),
        // bwrap itself needs nothing from the environment; the program's own is set by --clearenv/--setenv.
        env: programEnv(parentEnv.PATH ?? SANDBOX_PATH, parentEnv.LANG, program.hostDir),
        cwd: program.hostDir,
      };
    },
  };
}

/**
 * Finds bwrap, prlimit (and setpriv when root) and checks that a sandbox really starts here: user namespaces can be
 * switched off (sysctl, AppArmor), and then bwrap is installed but useless. Resolves null with the reason.
 */
export async function detectBubblewrap(isRoot = process.getuid?.() === 0): Promise<{ tools: BubblewrapTools } | { reason: string }> {
  if (process.platform !== 'linux') return { reason: 'bubblewrap runs on Linux only' };
  const bwrap = which('bwrap');
  const prlimit = which('prlimit', SYSTEM_BIN);
  const setpriv = isRoot ? which('setpriv', SYSTEM_BIN) : null;
  if (!bwrap) return { reason: 'bwrap is not installed' };
  if (!prlimit) return { reason: 'prlimit (util-linux) is not installed in /usr/bin or /bin' };
  if (isRoot && !setpriv) return { reason: 'setpriv (util-linux) is not installed in /usr/bin or /bin' };
  const version = (await run(bwrap, ['--version'])).stdout.trim() || 'bubblewrap';
  const tools: BubblewrapTools = { bwrap, prlimit, setpriv, version };
  const limits = { memoryBytes: null, processes: 64, fileSizeBytes: null, cpuSeconds: 5, writableBytes: 1024 * 1024, timeoutMs: 5000, outputCapBytes: 1024 };
  const plan: BwrapPlan = { tools, layout: systemLayout(), runAs: isRoot ? unusedUid() : null };
  const probe = await run(bwrap, bubblewrapArgs(plan, limits, null, [prlimit, '--version']));
  if (probe.code !== 0) return { reason: `bwrap is installed but cannot start a sandbox here: ${probe.stderr.trim() || `exit ${probe.code}`}` };
  return { tools };
}

const SYSTEM_BIN = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];

function which(name: string, dirs: readonly string[] = (process.env.PATH ?? '').split(':').concat(SYSTEM_BIN)): string | null {
  for (const d of dirs) if (d && existsSync(join(d, name))) return join(d, name);
  return null;
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 10_000, env: { PATH: SANDBOX_PATH } }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr || (err && !stderr ? err.message : '')) });
    });
  });
}

export { which as findExecutable, run as runQuiet };
