/**
 * No llama-server outlives its owner, however the owner ends: killed by SIGTERM, SIGHUP or SIGINT (its exit hook
 * does not run then) or by SIGKILL (nothing of it runs then), and the same for `llm-compare engine start`. Each run
 * loads the model through a uniquely named link so that the process-table scan sees only this test's servers; the
 * scan polls until the servers are gone or a generous bound passes (no timing is asserted).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sharedServersDir } from '../support/llama-server';
import { processesWith } from '../support/processes';

const root = path.resolve(__dirname, '..', '..');
const dir = sharedServersDir();

async function survivorsAfter(needle: string, boundMs = 20_000): Promise<number[]> {
  const until = Date.now() + boundMs;
  while (processesWith(needle).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return processesWith(needle);
}

const spawned: ChildProcess[] = [];

/** Starts `args` under node with tsx, resolves once a line matches `ready`, with the child and what it printed. */
async function startOwner(args: string[], ready: RegExp, env: Record<string, string> = {}): Promise<{ child: ChildProcess; out: () => string }> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  spawned.push(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await Promise.race([exited, (async () => {
    while (!ready.test(out) && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  })()]);
  assert.match(out, ready, `the owner did not get its engine ready: ${out}`);
  return { child, out: () => out };
}

describe('built-in engine: no llama-server outlives its owner', function () {
  this.timeout(60_000);
  let tmp = '';
  let n = 0;
  /** A uniquely named link to tiny.gguf: the needle for the process scan. */
  const freshModel = () => {
    const model = path.join(tmp, `orphan-${process.pid}-${++n}-${Date.now()}.gguf`);
    symlinkSync(path.join(dir!, 'tiny.gguf'), model);
    return model;
  };
  before(function () {
    if (!dir || process.platform !== 'linux') {
      console.log('orphan tests skipped: needs ../shared/servers/llama-server on Linux');
      return this.skip();
    }
    tmp = mkdtempSync(path.join(tmpdir(), 'llmc-orphans-'));
  });
  afterEach(() => {
    // A failed test must not leave its owner (and so its server) running.
    for (const o of spawned.splice(0)) if (o.exitCode === null && o.signalCode === null) o.kill('SIGKILL');
  });
  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGKILL'] as const) {
    it(`the owner killed by ${signal}: its llama-server goes too`, async () => {
      const model = freshModel();
      const { child, out } = await startOwner(['test/support/engine-owner.ts', path.join(dir!, 'llama-server')], /ready \d+/, { ENGINE_OWNER_MODEL: model });
      const enginePid = /ready (\d+)/.exec(out())![1];
      assert.equal(processesWith(model).length, 1, 'one llama-server runs for the owner');
      const gone = new Promise((r) => child.once('exit', (code, sig) => r(sig)));
      child.kill(signal);
      assert.equal(await gone, signal, `the owner died of ${signal}, as it would without an engine`);
      assert.deepEqual(await survivorsAfter(model), [], 'no llama-server survives its owner');
      assert.deepEqual(await survivorsAfter(`llm-compare-engine-watchdog\0${enginePid}\0`), [], 'nor its watchdog');
    });
  }

  it('`engine start` killed by SIGKILL leaves no llama-server', async () => {
    const model = freshModel();
    const config = path.join(tmp, `config-${n}.json`);
    writeFileSync(config, JSON.stringify({ engine: { binaryPath: path.join(dir!, 'llama-server'), modelPath: model, contextSize: 512, threads: 1 } }));
    const { child } = await startOwner(['src/cli/main.ts', 'engine', 'start', '--config', config], /Ctrl\+C stops it/, { XDG_CACHE_HOME: tmp });
    assert.equal(processesWith(model).length, 1);
    child.kill('SIGKILL');
    assert.deepEqual(await survivorsAfter(model), []);
  });

  it('`engine start` killed by SIGHUP (its terminal closed) leaves no llama-server', async () => {
    const model = freshModel();
    const config = path.join(tmp, `config-${n}.json`);
    writeFileSync(config, JSON.stringify({ engine: { binaryPath: path.join(dir!, 'llama-server'), modelPath: model, contextSize: 512, threads: 1 } }));
    const { child } = await startOwner(['src/cli/main.ts', 'engine', 'start', '--config', config], /Ctrl\+C stops it/, { XDG_CACHE_HOME: tmp });
    child.kill('SIGHUP');
    assert.deepEqual(await survivorsAfter(model), []);
  });
});
