/**
 * The engine does not outlive a killed extension host: a process that guards an engine's process group and is then
 * SIGKILLed (no JavaScript runs: no exit hook, no deactivate) still takes the group along; a released guard does not.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** A stand-in extension host: starts a detached `sleep` group (the "engine"), guards it (or not), prints its pid. */
function host(release: boolean): Promise<{ host: ReturnType<typeof spawn>; engine: number }> {
  const script = `
    const { EngineReaper } = require('./src/vscode/engine/reaper.ts');
    const { spawn } = require('node:child_process');
    const engine = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    const reaper = new EngineReaper();
    reaper.guard(engine.pid);
    if (${release}) reaper.release();
    setTimeout(() => console.log(engine.pid), 200);
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (b: Buffer) => resolve({ host: child, engine: Number(String(b).trim()) }));
    child.once('exit', (code) => reject(new Error(`the stand-in host exited (${code})`)));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (!alive(pid)) return true;
  return !alive(pid);
}

describe('the built-in engine does not outlive a killed extension host', function () {
  if (process.platform === 'win32') return;
  this.timeout(20_000);

  it('SIGKILL of the host: the watchdog ends the engine\'s process group', async () => {
    const { host: h, engine } = await host(false);
    assert.ok(alive(engine));
    h.kill('SIGKILL');
    assert.ok(await gone(engine, 5000), `the engine (pid ${engine}) survived its host`);
  });

  it('a released guard leaves the group alone (a stopped engine\'s pid may be reused)', async () => {
    const { host: h, engine } = await host(true);
    h.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 800));
    try {
      assert.ok(alive(engine), 'a released watchdog still killed the group');
    } finally {
      process.kill(-engine, 'SIGKILL');
    }
  });
});
