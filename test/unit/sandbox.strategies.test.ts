/**
 * Each isolation strategy's command line, read flag by flag, and the choice between them. The container and
 * sandbox-exec cannot run here (no container service, not macOS): their command line / profile is what is tested,
 * and the live container test runs only where an engine answers (it says why it skipped otherwise).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bubblewrapArgs, prlimitFlags, systemLayout, type BwrapPlan } from '../../src/core/bench/isolation/bubblewrap';
import { containerArgs, detectContainer } from '../../src/core/bench/isolation/container';
import { sandboxSummary } from '../../src/core/bench/isolation/describe';
import { extraRoots, nodeInterpreter } from '../../src/core/bench/isolation/interpreters';
import { noIsolation } from '../../src/core/bench/isolation/none';
import { autoOrder, parseSandboxChoice, resolveSandbox, type Detectors } from '../../src/core/bench/isolation/resolve';
import { sbplString, seatbeltIsolation, seatbeltProfile, ulimitScript } from '../../src/core/bench/isolation/seatbelt';
import { limitsFor, SandboxUnavailableError, type Isolation, type ProgramFile } from '../../src/core/bench/isolation/types';
import { runInSandbox } from '../../src/core/bench/sandbox';

const limits = limitsFor(10_000, 65_536);
const program: ProgramFile = {
  language: 'python',
  hostDir: '/tmp/llm-bench-abc',
  fileName: 'main.py',
  interpreter: { path: '/home/u/.pyenv/versions/3.11.7/bin/python3.11', roots: ['/home/u/.pyenv/versions/3.11.7'] },
};
const tools = { bwrap: '/usr/bin/bwrap', prlimit: '/usr/bin/prlimit', setpriv: '/usr/bin/setpriv', version: 'bubblewrap 0.8.0' };
const layout = { dirs: ['/usr'], symlinks: { '/bin': 'usr/bin', '/lib': 'usr/lib' }, etc: ['/etc/ld.so.cache'] };
const inner = [program.interpreter.path, '-I', '/tmp/work/main.py'];

/** The value following a flag (the first occurrence). */
const after = (args: string[], flag: string, n = 1) => args.slice(args.indexOf(flag) + 1, args.indexOf(flag) + 1 + n);
/** Every `--ro-bind SRC DEST` pair. */
const roBinds = (args: string[]) => args.flatMap((a, i) => (a === '--ro-bind' ? [`${args[i + 1]}→${args[i + 2]}`] : []));

describe('sandbox: bubblewrap command line', () => {
  const user: BwrapPlan = { tools, layout, runAs: null };
  const root: BwrapPlan = { tools, layout, runAs: 1_234_567_890 };
  const argsFor = (plan: BwrapPlan) => bubblewrapArgs(plan, limits, program, inner);

  it('no network, own PID/IPC/UTS namespaces, a new session, dies with its parent', () => {
    const a = argsFor(user);
    for (const f of ['--unshare-net', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--new-session', '--die-with-parent']) assert.ok(a.includes(f), f);
    assert.ok(!a.some((x) => x.startsWith('--share-net')));
  });

  it('a user runner gets its own user namespace, no further ones, no capabilities', () => {
    const a = argsFor(user);
    for (const f of ['--unshare-user', '--disable-userns']) assert.ok(a.includes(f), f);
    assert.deepEqual(after(a, '--cap-drop'), ['ALL']);
    assert.ok(!a.includes('--cap-add'));
    assert.ok(!a.includes(tools.setpriv), 'no uid switch needed');
  });

  it('a root runner keeps only setuid/setgid, and setpriv drops to the per-run uid with no privileges before the program', () => {
    const a = argsFor(root);
    assert.ok(!a.includes('--unshare-user'), 'a user namespace would map the program to root, where the process limit is not enforced');
    assert.deepEqual(after(a, '--cap-drop'), ['ALL']);
    assert.deepEqual(a.flatMap((x, i) => (x === '--cap-add' ? [a[i + 1]] : [])), ['CAP_SETUID', 'CAP_SETGID']);
    const s = a.indexOf(tools.setpriv);
    assert.ok(s > a.indexOf('--'), 'setpriv runs inside the sandbox');
    assert.deepEqual(a.slice(s + 1, s + 10), ['--reuid', '1234567890', '--regid', '1234567890', '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs', '--']);
    assert.ok(a.indexOf(tools.prlimit) > s, 'limits are set after the switch, on the program');
  });

  it('shows only the system folders, the loader files and the interpreter, read-only; nothing of home but the interpreter', () => {
    const a = argsFor(user);
    assert.deepEqual(roBinds(a), ['/usr→/usr', '/etc/ld.so.cache→/etc/ld.so.cache', '/home/u/.pyenv/versions/3.11.7→/home/u/.pyenv/versions/3.11.7', '/tmp/llm-bench-abc/main.py→/tmp/work/main.py']);
    assert.ok(!a.includes('--bind'), 'nothing of the host is writable');
    assert.deepEqual(a.flatMap((x, i) => (x === '--symlink' ? [`${a[i + 2]}→${a[i + 1]}`] : [])), ['/bin→usr/bin', '/lib→usr/lib']);
    assert.ok(a.indexOf('--remount-ro') > a.indexOf('--tmpfs'), 'the new root is made read-only after the mounts');
    assert.deepEqual(after(a, '--remount-ro'), ['/']);
  });

  it('the interpreter\u2019s parents are world-readable so a program running as another uid can reach it', () => {
    const a = argsFor(root);
    const dirs = a.flatMap((x, i) => (x === '--dir' && a[i - 2] === '--perms' ? [`${a[i - 1]} ${a[i + 1]}`] : []));
    assert.deepEqual(dirs.filter((d) => d.startsWith('0755')), ['0755 /etc', '0755 /home', '0755 /home/u', '0755 /home/u/.pyenv', '0755 /home/u/.pyenv/versions']);
  });

  it('the only writable place is a size-limited private /tmp holding the working directory, which is HOME too', () => {
    const a = argsFor(user);
    assert.deepEqual(after(a, '--size'), [String(limits.writableBytes)]);
    assert.equal(a[a.indexOf('--size') + 2], '--perms');
    assert.deepEqual(after(a, '--tmpfs'), ['/tmp']);
    assert.deepEqual(after(a, '--chdir'), ['/tmp/work']);
    const env = a.flatMap((x, i) => (x === '--setenv' ? [`${a[i + 1]}=${a[i + 2]}`] : []));
    assert.ok(a.includes('--clearenv'));
    assert.deepEqual(env.map((e) => e.split('=')[0]).sort(), ['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE']);
    assert.ok(env.includes('HOME=/tmp/work'));
  });

  it('limits memory, processes, file size, CPU time and core dumps through prlimit, right before the interpreter', () => {
    const a = argsFor(user);
    const p = a.indexOf(tools.prlimit);
    assert.deepEqual(a.slice(p + 1), [...prlimitFlags(limits), '--', ...inner]);
    assert.deepEqual(prlimitFlags(limits), ['--core=0', `--as=${1024 ** 3}`, '--nproc=64', `--fsize=${16 * 1024 ** 2}`, '--cpu=11']);
  });

  it('a user (non-root) runner is contained for real: run here as nobody when the tests run as root', function () {
    const python = '/usr/bin/python3';
    if (process.getuid?.() !== 0 || !existsSync('/usr/bin/bwrap') || !existsSync(python)) {
      console.log('    (skipped: needs root to start bwrap as another user, /usr/bin/bwrap and the system python3)');
      return this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'llm-bench-user-'));
    try {
      chmodSync(dir, 0o755);
      const src = 'import os, socket\nprint("uid", os.getuid())\nn = 0\ntry:\n    for i in range(200):\n        if os.fork() == 0:\n            import time; time.sleep(2); os._exit(0)\n        n += 1\nexcept OSError:\n    print("forks", n)\ntry:\n    socket.create_connection(("127.0.0.1", 9), timeout=1)\nexcept OSError as e:\n    print("net", e.errno)\ntry:\n    open("/usr/x", "w")\nexcept OSError as e:\n    print("fs", e.errno)\n';
      writeFileSync(join(dir, 'main.py'), src, { mode: 0o644 });
      const real = realpathSync(python);
      const a = bubblewrapArgs({ tools: { ...tools, setpriv: null }, layout: systemLayout(), runAs: null }, limits, { ...program, hostDir: dir, interpreter: { path: real, roots: [] } }, [real, '-I', '/tmp/work/main.py']);
      const r = spawnSync('/usr/bin/bwrap', a, { uid: 65534, gid: 65534, encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, timeout: 20_000 });
      assert.equal(r.status, 0, r.stderr);
      const out = Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split(' ')));
      assert.ok(Number(out.forks) < limits.processes!, `forks stopped at ${out.forks}`);
      assert.equal(out.net, '111', 'connection refused: 127.0.0.1 is the sandbox\u2019s own');
      assert.equal(out.fs, '30', 'read-only file system');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads this machine\u2019s layout: /usr always, the merged-/usr symlinks as symlinks', () => {
    const l = systemLayout();
    assert.ok(l.dirs.includes('/usr'));
    for (const [link, target] of Object.entries(l.symlinks)) assert.ok(!target.startsWith('/') || existsSync(target), `${link} → ${target}`);
    assert.ok(l.etc.every((e) => e.startsWith('/etc/')));
  });
});

describe('sandbox: interpreters', () => {
  it('only folders outside the system ones are bound, each once, nested ones dropped', () => {
    assert.deepEqual(extraRoots(['/usr/bin', '/usr', '/opt/py', '/opt/py/bin', '/home/u/.nvm/v20']), ['/home/u/.nvm/v20', '/opt/py']);
  });

  it('node in an nvm-style prefix is shown as that prefix; the system node needs nothing more', () => {
    assert.deepEqual(nodeInterpreter('/nonexistent/nvm/v20/bin/node'), { path: '/nonexistent/nvm/v20/bin/node', roots: ['/nonexistent/nvm/v20'] });
    if (existsSync('/usr/bin/node')) assert.deepEqual(nodeInterpreter('/usr/bin/node').roots, []);
  });
});

describe('sandbox: container command line', () => {
  const plan = { engine: 'docker' as const, command: '/usr/bin/docker', images: { python: 'python:3.12-slim', javascript: 'node:20-slim' }, name: 'llm-bench-1' };
  const a = containerArgs(plan, limits, program);

  it('no network, read-only root, no capabilities, no new privileges, an unprivileged user, removed after', () => {
    assert.deepEqual(a.slice(0, 4), ['run', '--rm', '--name', 'llm-bench-1']);
    assert.deepEqual(after(a, '--network'), ['none']);
    for (const f of ['--read-only']) assert.ok(a.includes(f));
    assert.deepEqual(after(a, '--cap-drop'), ['ALL']);
    assert.deepEqual(after(a, '--security-opt'), ['no-new-privileges']);
    assert.deepEqual(after(a, '--user'), ['65534:65534']);
  });

  it('limits memory (no swap), pids, file size and CPU; a size-limited /tmp is the working directory', () => {
    assert.deepEqual(after(a, '--memory'), [String(1024 ** 3)]);
    assert.deepEqual(after(a, '--memory-swap'), [String(1024 ** 3)]);
    assert.deepEqual(after(a, '--pids-limit'), ['64']);
    assert.deepEqual(a.flatMap((x, i) => (x === '--ulimit' ? [a[i + 1]] : [])), [`fsize=${16 * 1024 ** 2}:${16 * 1024 ** 2}`, 'cpu=11:11']);
    assert.deepEqual(after(a, '--tmpfs'), [`/tmp:rw,nosuid,nodev,mode=1777,size=${64 * 1024 ** 2}`]);
    assert.deepEqual(after(a, '--workdir'), ['/tmp']);
  });

  it('mounts only the program folder, read-only, and runs the image\u2019s interpreter on it with a minimal environment', () => {
    assert.deepEqual(after(a, '--mount'), ['type=bind,source=/tmp/llm-bench-abc,target=/program,readonly']);
    assert.equal(a.filter((x) => x === '--mount' || x === '-v' || x === '--volume').length, 1);
    assert.deepEqual(a.slice(-4), ['python:3.12-slim', 'python3', '-I', '/program/main.py']);
    assert.deepEqual(a.flatMap((x, i) => (x === '--env' ? [a[i + 1].split('=')[0]] : [])).sort(), ['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE']);
  });

  it('runs for real where a container engine answers', async function () {
    this.timeout(120_000);
    const d = await detectContainer();
    if ('reason' in d) {
      console.log(`    (skipped: no usable container engine here: ${d.reason})`);
      this.skip();
    }
    const r = await runInSandbox('python', 'import socket\nsocket.create_connection(("1.1.1.1", 53), timeout=2)\n', { isolation: d.isolation, timeoutMs: 60_000 });
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /Network is unreachable|OSError/);
  });
});

describe('sandbox: sandbox-exec profile (macOS)', () => {
  const profile = seatbeltProfile({ workDir: '/private/var/folders/x/T/llm-bench-1', hidden: ['/Users/me'], readable: ['/Users/me/.pyenv/versions/3.12.1', '/opt/homebrew'] });
  const lines = profile.trim().split('\n').filter((l) => !l.startsWith(';'));

  it('denies every network operation', () => {
    assert.ok(lines.includes('(deny network*)'));
    assert.ok(!/\(allow network/.test(profile));
  });

  it('denies writes, then allows them in the program folder only (last match wins)', () => {
    const deny = lines.indexOf('(deny file-write*)');
    const allow = lines.findIndex((l) => l.startsWith('(allow file-write*'));
    assert.ok(deny >= 0 && allow > deny);
    assert.equal(lines[allow], '(allow file-write* (subpath "/private/var/folders/x/T/llm-bench-1") (literal "/dev/null"))');
  });

  it('hides the home folder from reads, except the interpreter installed there and the program folder', () => {
    const deny = lines.indexOf('(deny file-read* (subpath "/Users/me"))');
    assert.ok(deny >= 0);
    assert.equal(lines[deny + 1], '(allow file-read* (subpath "/Users/me/.pyenv/versions/3.12.1"))');
    assert.ok(!profile.includes('/opt/homebrew'), 'folders outside home need no exception');
  });

  it('quotes paths safely and refuses control characters', () => {
    assert.equal(sbplString('/a "b"\\c'), '"/a \\"b\\"\\\\c"');
    assert.throws(() => sbplString('/a\n(allow default)'), /control character/);
  });

  it('sets CPU and file-size limits with ulimit (POSIX 512-byte blocks) and claims no memory or process limit', () => {
    assert.equal(ulimitScript(limits), `ulimit -t 11 && ulimit -f ${(16 * 1024 * 1024) / 512} && exec "$@"`);
    const info = seatbeltIsolation('/Users/me').info(limits);
    assert.equal(info.limits.memoryBytes, null);
    assert.equal(info.limits.processes, null);
    assert.equal(info.network, 'none');
  });
});

describe('sandbox: choosing one', () => {
  const fake = (kind: Isolation['kind']): Isolation => ({ ...noIsolation, kind });
  const detectors = (found: Partial<Record<keyof Detectors, boolean>>): Detectors => ({
    bubblewrap: async () => (found.bubblewrap ? { isolation: fake('bubblewrap') } : { reason: 'bwrap is not installed' }),
    container: async () => (found.container ? { isolation: fake('container') } : { reason: 'docker is not installed' }),
    'sandbox-exec': async () => (found['sandbox-exec'] ? { isolation: fake('sandbox-exec') } : { reason: 'not macOS' }),
  });

  it('auto takes the best the platform has: bubblewrap then a container on Linux, sandbox-exec then a container on macOS', async () => {
    assert.deepEqual(autoOrder('linux'), ['bubblewrap', 'container']);
    assert.deepEqual(autoOrder('darwin'), ['sandbox-exec', 'container']);
    assert.deepEqual(autoOrder('win32'), ['container']);
    assert.equal((await resolveSandbox('auto', detectors({ bubblewrap: true, container: true }), 'linux')).kind, 'bubblewrap');
    assert.equal((await resolveSandbox('auto', detectors({ container: true }), 'linux')).kind, 'container');
    assert.equal((await resolveSandbox('auto', detectors({ 'sandbox-exec': true }), 'darwin')).kind, 'sandbox-exec');
  });

  it('with nothing isolating, auto stops with what is missing and how to install one; it never falls back to none', async () => {
    await assert.rejects(resolveSandbox('auto', detectors({}), 'linux'), (e: unknown) => {
      assert.ok(e instanceof SandboxUnavailableError);
      assert.match(e.message, /No sandbox is available.*bubblewrap: bwrap is not installed.*container: docker is not installed/s);
      assert.match(e.hint, /apt-get install bubblewrap/);
      assert.match(e.hint, /--sandbox none/);
      return true;
    });
  });

  it('an explicit choice that is missing says so; none is returned only when asked for by name', async () => {
    await assert.rejects(resolveSandbox('container', detectors({ bubblewrap: true }), 'linux'), /The sandbox "container" is not available/);
    assert.equal((await resolveSandbox('none', detectors({}), 'linux')).kind, 'none');
  });

  it('validates the setting', () => {
    assert.equal(parseSandboxChoice(undefined, 'x'), 'auto');
    assert.equal(parseSandboxChoice('bubblewrap', 'x'), 'bubblewrap');
    assert.throws(() => parseSandboxChoice('firejail', 'llmCompare.bench.sandbox'), /llmCompare\.bench\.sandbox must be one of auto, bubblewrap, container, sandbox-exec, none/);
  });

  it('the report line names the sandbox and every limit, and says plainly when there was none', () => {
    assert.equal(
      sandboxSummary({ kind: 'bubblewrap', tool: 'bubblewrap 0.8.0', network: 'none', filesystem: '', limits }),
      'bubblewrap (bubblewrap 0.8.0): network none; memory 1024 MiB, processes 64, file size 16 MiB, CPU 11 s, writable 64 MiB, time 10000 ms, output 64 KiB',
    );
    assert.match(sandboxSummary(noIsolation.info(limits)), /NOT sandboxed/);
    assert.equal(sandboxSummary(null), 'no code executed');
  });
});
