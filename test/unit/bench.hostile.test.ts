/**
 * The hostile-code corpus through the real bench path (a model answers each task with an attack in front of the
 * right function; startBench scores it in the best sandbox here). Each attack must be contained: nothing changes
 * on the host, no connection reaches the listener, no process survives, the run finishes, and the sample is scored
 * error/timeout with the reason. Writes the corpus-with-outcomes table to test/sandbox-corpus.md.
 */
import * as assert from 'node:assert/strict';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveSandbox } from '../../src/core/bench/isolation/resolve';
import type { Isolation } from '../../src/core/bench/isolation/types';
import { startBench } from '../../src/core/bench/run';
import { builtinSuite } from '../../src/core/bench/suites/load';
import type { BenchReport, CodeTask, Suite } from '../../src/core/bench/types';
import { FakeProvider, fakeModel } from '../support/fake-provider';
import { HOSTILE_CORPUS, type HostileContext } from '../support/hostile-corpus';

const TABLE = resolve(__dirname, '..', 'sandbox-corpus.md');
// The shell fork bomb runs 1.5 s before it throws, then the kernel ends every process of the bomb: 1.9–2.8 s alone on
// a slower 2-core machine, just over 3 s with another case scored beside it. The time limit must leave it room.
const TIMEOUT_MS = 5000;

function hash(path: string): string | null {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
}

/** Processes on the host whose command line holds one of the tokens (the programs' would-be survivors). */
function survivors(tokens: string[]): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    if (tokens.some((t) => cmd.includes(t))) found.push(`${pid}: ${cmd}`);
  }
  return found;
}

function hostAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '192.0.2.1';
}

describe('sandbox: hostile model answers through the bench', function () {
  this.timeout(120_000);
  const token = randomBytes(6).toString('hex');
  const home = homedir();
  const made: string[] = [];
  let madeSsh = false;
  let isolation: Isolation;
  let server: Server;
  let connections = 0;
  let ctx: HostileContext;
  let report: BenchReport;
  const envBefore = { ...process.env };
  let bashrcBefore: string | null;

  before(async function () {
    if (process.platform !== 'linux') {
      console.log('    (skipped: the corpus checks the host through /proc, Linux only)');
      this.skip();
    }
    isolation = await resolveSandbox('auto');
    server = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
    const port = (server.address() as { port: number }).port;
    const workspace = mkdtempSync(join(tmpdir(), 'hostile-ws-'));
    writeFileSync(join(workspace, 'important.py'), 'print("my project")\n');
    if (!existsSync(join(home, '.ssh'))) {
      mkdirSync(join(home, '.ssh'), { mode: 0o700 });
      madeSsh = true;
    }
    ctx = {
      home,
      homeCanary: join(home, `.llm-compare-canary-${token}`),
      homeNew: join(home, `.llm-compare-written-${token}`),
      homeCanaryDir: join(home, `.llm-compare-canary-dir-${token}`),
      sshCanary: join(home, '.ssh', `llm-compare-canary-${token}`),
      sshSecret: `-----BEGIN CANARY KEY ${token}-----`,
      workspace,
      workspaceKey: `hf_CorpusWorkspaceKey${token}`,
      envKey: `hf_CorpusEnvironmentKey${token}`,
      hostTmpCanary: join(tmpdir(), `llm-compare-canary-${token}`),
      hostTmpNew: join(tmpdir(), `llm-compare-written-${token}`),
      port,
      hostAddress: hostAddress(),
      sleepToken: `86400.${randomInt(100_000, 999_999)}`,
      bombToken: `bomb-${token}`,
      hostPid: process.pid,
    };
    writeFileSync(join(workspace, '.env'), `HF_API_KEY=${ctx.workspaceKey}\n`);
    writeFileSync(ctx.homeCanary, 'canary\n');
    mkdirSync(ctx.homeCanaryDir);
    writeFileSync(join(ctx.homeCanaryDir, 'keep.txt'), 'keep\n');
    writeFileSync(ctx.sshCanary, `${ctx.sshSecret}\n`, { mode: 0o600 });
    writeFileSync(ctx.hostTmpCanary, 'canary\n');
    made.push(ctx.homeCanary, ctx.homeCanaryDir, ctx.sshCanary, ctx.hostTmpCanary, workspace, ctx.homeNew, ctx.hostTmpNew);
    bashrcBefore = hash(join(home, '.bashrc'));

    // One task per case: the built-in task in the case's language, marked so the fake model knows which to answer.
    const base = (lang: string) => builtinSuite().tasks.find((t): t is CodeTask => t.kind === 'code' && t.language === lang && t.reference !== undefined)!;
    const suite: Suite = {
      name: 'hostile',
      tasks: HOSTILE_CORPUS.map((c) => {
        const t = base(c.language);
        const mark = c.language === 'python' ? `# case ${c.id}` : `// case ${c.id}`;
        return { ...t, id: `hostile/${c.id}`, prompt: `${mark}\n${t.prompt}` };
      }),
    };
    const provider = new FakeProvider({
      reply: (call) => {
        const c = HOSTILE_CORPUS.find((x) => call.prompt.includes(`case ${x.id}\n`))!;
        const fence = c.language === 'python' ? 'python' : 'javascript';
        return `Here is the function.\n\n\`\`\`${fence}\n${c.code(ctx)}\n\n${base(c.language).reference}\n\`\`\`\n`;
      },
    });
    const run = startBench({
      suite,
      models: [fakeModel('hostile', provider)],
      execute: true,
      sandbox: isolation,
      timeoutMs: TIMEOUT_MS,
      scoreConcurrency: 2,
      env: { ...process.env, HF_API_KEY: ctx.envKey, HF_TOKEN: ctx.envKey },
      probe: async () => null,
    });
    for await (const _ of run.events) void _;
    report = await run.done;
    await new Promise((r) => setTimeout(r, 300));
  });

  after(async () => {
    server?.close();
    for (const p of made) rmSync(p, { recursive: true, force: true });
    if (madeSsh) rmSync(join(home, '.ssh'), { recursive: true, force: true });
  });

  it('runs in a real sandbox, never unsandboxed', () => {
    assert.notEqual(isolation.kind, 'none');
    assert.equal(report.manifest.sandbox?.kind, isolation.kind);
    assert.equal(report.manifest.sandbox?.network, 'none');
  });

  it('the run finishes: every one of the corpus is a scored sample', () => {
    assert.ok(HOSTILE_CORPUS.length >= 15);
    assert.equal(report.manifest.incomplete, false);
    assert.equal(report.samples.length, HOSTILE_CORPUS.length);
    assert.ok(HOSTILE_CORPUS.some((c) => c.language === 'python') && HOSTILE_CORPUS.some((c) => c.language === 'javascript'));
  });

  for (const c of HOSTILE_CORPUS) {
    it(`${c.id}: ${c.attack} is scored ${c.expect} with the reason`, () => {
      const s = report.samples.find((x) => x.taskId === `hostile/${c.id}`)?.score;
      assert.ok(s, 'scored');
      const kinds = c.expect === 'error-or-timeout' ? ['error', 'timeout'] : [c.expect];
      assert.ok(kinds.includes(s.kind), `${s.kind}: ${s.detail}`);
      assert.match(s.detail, c.reason);
      assert.equal(s.sandbox, isolation.kind);
    });
  }

  it('nothing changed on the host: home, ~/.ssh, the workspace, the host /tmp, ~/.bashrc, this environment', () => {
    assert.equal(readFileSync(ctx.homeCanary, 'utf8'), 'canary\n');
    assert.equal(readFileSync(join(ctx.homeCanaryDir, 'keep.txt'), 'utf8'), 'keep\n');
    assert.equal(existsSync(ctx.homeNew), false);
    assert.equal(readFileSync(ctx.sshCanary, 'utf8'), `${ctx.sshSecret}\n`);
    assert.deepEqual(readdirSync(ctx.workspace).sort(), ['.env', 'important.py']);
    assert.equal(readFileSync(join(ctx.workspace, 'important.py'), 'utf8'), 'print("my project")\n');
    assert.equal(readFileSync(ctx.hostTmpCanary, 'utf8'), 'canary\n');
    assert.equal(existsSync(ctx.hostTmpNew), false);
    assert.equal(hash(join(home, '.bashrc')), bashrcBefore);
    assert.deepEqual({ ...process.env }, envBefore);
  });

  it('no secret reached the report: not the environment key, the key file, nor the ssh canary', () => {
    const text = JSON.stringify(report);
    for (const secret of [ctx.envKey, ctx.workspaceKey, ctx.sshSecret]) assert.ok(!text.includes(secret), `leaked ${secret}`);
  });

  it('no connection reached the listener (127.0.0.1 nor the host address)', () => {
    assert.equal(connections, 0);
  });

  it('no process the programs started survives (setsid, nohup, double fork, fork bombs)', () => {
    assert.deepEqual(survivors([ctx.sleepToken, ctx.bombToken]), []);
  });

  it('writes the corpus-with-outcomes table', () => {
    const clean = (s: string) =>
      s
        .split(token).join('<token>')
        .split(ctx.sleepToken).join('<token>')
        .split(String(ctx.port)).join('<port>')
        .split(String(ctx.hostPid)).join('<pid>')
        .split(ctx.workspace).join('$WORKSPACE')
        .split(tmpdir()).join('$TMPDIR')
        .split(home).join('~')
        .split(ctx.hostAddress).join('<host address>');
    // The error line itself: Python's is the traceback's last line, Node's comes before its stack.
    const reason = (detail: string) => {
      const lines = detail.split('\n').filter((l) => l.trim());
      return clean(lines.find((l) => /^\w*Error\b/.test(l)) ?? lines.pop() ?? '').replace(/\|/g, '\\|').slice(0, 120);
    };
    const rows = HOSTILE_CORPUS.map((c) => {
      const s = report.samples.find((x) => x.taskId === `hostile/${c.id}`)!.score!;
      return `| ${c.id} | ${c.language} | ${c.attack.replace(/\|/g, '\\|')} | ${s.kind} | ${reason(s.detail)} |`;
    });
    const l = report.manifest.sandbox!.limits;
    const text = [
      '# Hostile-code corpus: outcomes',
      '',
      'Generated by `test/unit/bench.hostile.test.ts` (do not edit by hand): each program is a model answer to a built-in',
      'task (the right function, with an attack in front of it), scored through `startBench` with execution on.',
      `Sandbox: ${report.manifest.sandbox!.tool}; time limit ${TIMEOUT_MS} ms, memory ${l.memoryBytes} B, processes ${l.processes},`,
      `file size ${l.fileSizeBytes} B, CPU ${l.cpuSeconds} s, private /tmp ${l.writableBytes} B, output ${l.outputCapBytes} B.`,
      '',
      'After the run the suite checks the host: the canaries in `~`, `~/.ssh`, the workspace and the host temp folder are',
      'unchanged and no new file appeared there, `~/.bashrc` and the runner\u2019s environment are unchanged, the TCP',
      'listener (all interfaces) saw no connection, no process carrying the programs\u2019 markers is alive, and no key or',
      'canary secret appears in the report.',
      '',
      '| Program | Language | Attack | Scored | Reason (last line of the detail) |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n');
    writeFileSync(TABLE, text);
    assert.equal(rows.length, HOSTILE_CORPUS.length);
  });
});
