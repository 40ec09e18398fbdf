/**
 * The built-in engine's process manager: runs llama.cpp's `llama-server` on a loopback port with a random API key,
 * reports "loading" until `/health` answers 200, restarts it once if it crashes (then fails with a typed error
 * carrying its log tail), and stops it — the whole process group — on `stop()` or when this process ends, by any
 * means (owned-process.ts: a watchdog and signal handlers).
 * No vscode import: the extension and the CLI share it.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { LlmError } from '../providers/errors';
import { registerSecret } from '../redact';
import { killGroup, launcherFailure, spawnOwned, stopOnOwnerExit } from './owned-process';

export interface EngineLaunch {
  binary: string;
  model: string;
  threads: number;
  contextSize: number;
  gpuLayers: number;
  /** 0 = any free port (the server binds port 0 and says which it got). */
  port: number;
  /** llama-server's `--verbose`: per-token lines and cancellations in the log. */
  verbose?: boolean;
  /** Give up waiting for `/health` after this long (ms). Default 120 s: a large model loads slowly. */
  readyTimeoutMs?: number;
}

export type EngineState =
  | { state: 'stopped' }
  | { state: 'starting' }
  | { state: 'loading'; baseUrl: string }
  | { state: 'ready'; baseUrl: string; pid: number; restarts: number }
  | { state: 'failed'; error: EngineError };

/** The engine could not start, or crashed again after its one restart. `logTail` is the server's last lines. */
export class EngineError extends LlmError {
  override readonly name = 'EngineError';
  constructor(message: string, readonly logTail: string) {
    super('connection-refused', logTail ? `${message}\nLast lines of its log:\n${logTail}` : message, { fix: 'open-settings' });
  }
}

/** Where a started engine answers: its OpenAI-compatible base URL and the key it requires. */
export interface EngineEndpoint {
  baseUrl: string;
  apiKey: string;
}

const LOG_KEEP_CHARS = 512 * 1024;
const live = new Set<LlamaEngine>();

export class LlamaEngine {
  private child: ChildProcess | null = null;
  private current: EngineState = { state: 'stopped' };
  private starting: Promise<EngineEndpoint> | null = null;
  private endpoint: EngineEndpoint | null = null;
  private logText = '';
  private logTotal = 0;
  private restarts = 0;
  private stopping = false;
  private readonly listeners = new Set<(s: EngineState) => void>();
  private readonly apiKey = randomBytes(24).toString('hex');

  constructor(private readonly launch: EngineLaunch, private readonly onLog: (line: string) => void = () => {}) {
    registerSecret(this.apiKey);
  }

  status(): EngineState {
    return this.current;
  }

  onStatus(listener: (s: EngineState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Everything the server said lately (stdout + stderr), the key never included. */
  log(): string {
    return this.logText;
  }

  /** A position in the log, for `logSince` (the kept log is trimmed, so plain offsets drift). */
  logMark(): number {
    return this.logTotal;
  }

  /** What the server said after `mark` (as much of it as is still kept). */
  logSince(mark: number): string {
    return this.logText.slice(Math.max(0, this.logText.length - (this.logTotal - mark)));
  }

  pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Starts the engine if needed and resolves once `/health` says it is ready. A failed engine rethrows its error. */
  ensureStarted(): Promise<EngineEndpoint> {
    if (this.current.state === 'failed') return Promise.reject(this.current.error);
    if (this.current.state === 'ready' && this.endpoint) return Promise.resolve(this.endpoint);
    this.starting ??= this.startProcess().finally(() => (this.starting = null));
    return this.starting;
  }

  /** Stops the process group (SIGTERM, then SIGKILL after 3 s) and resets the restart budget. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    await this.starting?.catch(() => undefined);
    this.child = null;
    this.endpoint = null;
    this.restarts = 0;
    this.stopping = false;
    live.delete(this);
    this.setState({ state: 'stopped' });
  }

  private async startProcess(): Promise<EngineEndpoint> {
    let port = this.launch.port;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.spawnOnce(port);
      if (outcome.kind === 'ready') return outcome.endpoint;
      if (outcome.kind === 'port-taken' && attempt < 3) {
        this.note(`llm-compare: port ${port} is already taken; starting the engine on a free port instead.`);
        port = 0;
        continue;
      }
      if (outcome.kind === 'stopped') throw new EngineError('The built-in engine was stopped while starting.', '');
      const error = new EngineError(`The built-in engine (llama-server) ${outcome.kind === 'timeout' ? 'did not become ready in time' : 'exited while starting'}.`, this.tail());
      this.setState({ state: 'failed', error });
      throw error;
    }
  }

  private spawnOnce(port: number): Promise<{ kind: 'ready'; endpoint: EngineEndpoint } | { kind: 'port-taken' | 'exited' | 'timeout' | 'stopped' }> {
    const l = this.launch;
    // The key goes in the environment (LLAMA_API_KEY), which only this user can read: a command line is visible to
    // every process on the machine (ps, /proc/<pid>/cmdline), and the key is what keeps them off the engine's port.
    const args = ['-m', l.model, '--host', '127.0.0.1', '--port', String(port), '-c', String(l.contextSize)];
    // -ngl 0 on a CPU build only makes llama-server warn "no usable GPU found": CPU only is its default anyway.
    if (l.gpuLayers > 0) args.push('-ngl', String(l.gpuLayers));
    if (l.threads > 0) args.push('-t', String(l.threads));
    if (l.verbose) args.push('--verbose');
    this.setState({ state: 'starting' });
    this.note(`llm-compare: starting ${l.binary} -m ${l.model} (port ${port || 'any free'})`);
    const unrunnable = whyNotRunnable(l.binary);
    if (unrunnable) {
      this.append(`\nllm-compare: cannot run ${l.binary}: ${unrunnable}\n`);
      return Promise.resolve({ kind: 'exited' });
    }
    const child = spawnOwned(l.binary, args, { ...process.env, LLAMA_API_KEY: this.apiKey });
    this.child = child;
    stopOnOwnerExit(() => live);
    live.add(this);
    let mine = ''; // this run's first output: its port, or why it could not bind
    let pending = '';
    const onData = (b: Buffer) => {
      const text = b.toString('utf8');
      this.append(text);
      if (mine.length < 32_768) mine += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) this.onLog(line);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    return new Promise((resolve) => {
      let settled = false;
      const settle = (v: Parameters<typeof resolve>[0]) => {
        if (!settled) {
          settled = true;
          resolve(v);
        }
      };
      child.once('error', (e) => {
        this.append(`\nllm-compare: cannot run ${l.binary}: ${e.message}\n`);
        settle({ kind: 'exited' });
      });
      child.once('exit', (code, signal) => {
        const failure = launcherFailure(code);
        if (failure && !settled) this.append(`\nllm-compare: cannot run ${l.binary}: ${failure}\n`);
        this.append(`\nllm-compare: llama-server exited (${signal ?? `code ${code}`})\n`);
        if (this.child === child) this.child = null;
        if (!settled) {
          settle({ kind: this.stopping ? 'stopped' : /couldn't bind|address already in use/i.test(mine) ? 'port-taken' : 'exited' });
        } else if (!this.stopping) {
          void this.crashed();
        }
      });
      void this.waitReady(child, () => mine, () => settled).then((result) => {
        if (result) settle(result);
      });
    });
  }

  /** Waits for the port in the log, then polls /health: 503 = loading, 200 = ready. */
  private async waitReady(child: ChildProcess, log: () => string, settled: () => boolean): Promise<{ kind: 'ready'; endpoint: EngineEndpoint } | { kind: 'timeout' } | null> {
    const deadline = Date.now() + (this.launch.readyTimeoutMs ?? 120_000);
    let baseUrl: string | null = null;
    while (Date.now() < deadline) {
      if (settled() || child.exitCode !== null || child.signalCode !== null) return null;
      if (!baseUrl) {
        const m = /HTTP server is listening, hostname: [^,]+, port: (\d+)/.exec(log()) ?? /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log());
        if (m) {
          baseUrl = `http://127.0.0.1:${m[1]}`;
          this.setState({ state: 'loading', baseUrl });
        }
      } else {
        const status = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status).catch(() => 0);
        if (status === 200 && !settled() && child.exitCode === null) {
          this.endpoint = { baseUrl: `${baseUrl}/v1`, apiKey: this.apiKey };
          this.setState({ state: 'ready', baseUrl: `${baseUrl}/v1`, pid: child.pid ?? -1, restarts: this.restarts });
          return { kind: 'ready', endpoint: this.endpoint };
        }
      }
      await new Promise((r) => setTimeout(r, baseUrl ? 100 : 25));
    }
    killGroup(child, 'SIGKILL');
    return { kind: 'timeout' };
  }

  /** A ready engine died on its own: restart it once; a second crash fails with the log. */
  private async crashed(): Promise<void> {
    this.endpoint = null;
    if (this.restarts >= 1) {
      const error = new EngineError('The built-in engine (llama-server) crashed again after a restart.', this.tail());
      this.setState({ state: 'failed', error });
      live.delete(this);
      return;
    }
    this.restarts++;
    this.note('llm-compare: llama-server stopped unexpectedly; restarting it once.');
    this.starting ??= this.startProcess().finally(() => (this.starting = null));
    await this.starting.catch(() => undefined);
  }

  private tail(lines = 15): string {
    return this.logText.split('\n').filter((l) => l.trim()).slice(-lines).join('\n');
  }

  private note(line: string): void {
    this.append(line + '\n');
    this.onLog(line);
  }

  private append(text: string): void {
    this.logTotal += text.length;
    this.logText = (this.logText + text).slice(-LOG_KEEP_CHARS);
  }

  private setState(s: EngineState): void {
    this.current = s;
    for (const l of this.listeners) l(s);
  }

  /** For the exit hook and signal handlers: a synchronous kill of whatever runs, never taken for a crash. */
  stopNow(signal: NodeJS.Signals): void {
    this.stopping = true;
    if (this.child) killGroup(this.child, signal);
  }
}

/** Why `file` cannot be started (checked first: through the launcher, a failed exec is only an exit code). */
function whyNotRunnable(file: string): string | null {
  try {
    if (!statSync(file).isFile()) return 'it is not a file';
    accessSync(file, constants.X_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'it lacks the run permission' : (e as Error).message;
  }
}
