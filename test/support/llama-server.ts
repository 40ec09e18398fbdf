/**
 * Starts the real llama.cpp `llama-server` from ../shared/servers (README there) on a free port, for tests that
 * need a server the project did not write. Resolves null, with the reason, when the binary or model is absent or
 * cannot run here: tests then skip and print why.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface LlamaServer {
  readonly url: string;
  /** Everything the server logged (stdout + stderr); with `verbose`, per-token lines and cancellations. */
  log(): string;
  stop(): Promise<void>;
}

export interface LlamaServerOptions {
  apiKey?: string;
  verbose?: boolean;
  /** Parallel slots (`-np`); default 1, so a second request waits in the queue. */
  parallel?: number;
}

export function sharedServersDir(): string | null {
  const repoRoot = path.resolve(__dirname, '..', '..');
  for (const shared of [path.resolve(repoRoot, '..', 'shared'), '/work/shared']) {
    const dir = path.join(shared, 'servers');
    if (existsSync(path.join(dir, 'llama-server')) && existsSync(path.join(dir, 'tiny.gguf'))) return dir;
  }
  return null;
}

export async function startLlamaServer(o: LlamaServerOptions = {}): Promise<LlamaServer | { skip: string }> {
  const dir = sharedServersDir();
  if (!dir) return { skip: 'llama-server or tiny.gguf not found in ../shared/servers' };
  const args = ['-m', path.join(dir, 'tiny.gguf'), '--chat-template', 'chatml', '-c', '512', '--host', '127.0.0.1', '--port', '0', '-t', '1', '-np', String(o.parallel ?? 1)];
  if (o.apiKey) args.push('--api-key', o.apiKey);
  if (o.verbose) args.push('--verbose');
  let child: ChildProcess;
  try {
    child = spawn(path.join(dir, 'llama-server'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return { skip: `llama-server cannot start: ${(e as Error).message}` };
  }
  let log = '';
  const onData = (b: Buffer) => void (log += b.toString('latin1'));
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.once('error', (e) => void (log += `\nspawn error: ${e.message}`));
  const port = await waitForPort(() => log, exited, 15_000);
  if (port === null) {
    child.kill('SIGKILL');
    return { skip: `llama-server did not start here: ${log.split('\n').filter(Boolean).slice(-3).join(' | ') || 'no output'}` };
  }
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

async function waitForPort(log: () => string, exited: Promise<number | null>, ms: number): Promise<number | null> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !gone) {
    const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log());
    if (m) return Number(m[1]);
    await new Promise((r) => setTimeout(r, 25));
  }
  return null;
}
