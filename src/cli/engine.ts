/**
 * `llm-compare engine status|start|stop`: the built-in engine (llama.cpp's llama-server) from the command line.
 * `start` runs it in the foreground until Ctrl+C and notes its pid in the cache folder, so that `status` and `stop`
 * from another terminal can find it. The engine's key is never printed or written.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { downloadFile, type DownloadProgress } from '../core/engine/download';
import { defaultEngineSettings } from '../core/engine/engine-settings';
import { hubFile } from '../core/engine/hub';
import { findBinary, modelFileOf } from '../core/engine/locate';
import { CONTEXT_OPTIONS, contextFlags, parse, UsageError } from './args';
import { cliCacheDir, type ContextResolver } from './context';
import type { CliIO } from './io';

export const ENGINE_USAGE = `Usage: llm-compare engine status|pull|start|stop [--config file.json]
  status   where the binary and the model are (or would go), and whether an engine started here runs
  pull     download the model (engine.modelRepo / engine.modelFile) from the Hugging Face Hub, verified by SHA-256;
           Ctrl+C cancels, running it again resumes
  start    start the engine in the foreground (Ctrl+C stops it)
  stop     stop an engine started by "engine start" in another terminal
Files live in ${'$'}XDG_CACHE_HOME/llm-compare (default ~/.cache/llm-compare); settings under "engine" in the config file.`;

interface RunningNote {
  /** The `engine start` process (stopping it stops its engine cleanly; killing the engine alone would restart it). */
  pid: number;
  enginePid: number;
  baseUrl: string;
}

export async function engineCommand(args: string[], io: CliIO, resolve: ContextResolver): Promise<number> {
  const { values, positionals } = parse(args, { ...CONTEXT_OPTIONS });
  const [action] = positionals;
  const cacheDir = cliCacheDir(io.env);
  const notePath = path.join(cacheDir, 'engine-running.json');
  if (action === 'status') {
    const { settings } = await resolve(contextFlags(values));
    const engine = settings.engine ?? defaultEngineSettings();
    const binary = findBinary(engine, cacheDir, io.env);
    const model = modelFileOf(engine, cacheDir);
    const modelSize = model && existsSync(model) ? statSync(model).size : null;
    const running = readNote(notePath);
    io.stdout.write(
      [
        `cache folder:  ${cacheDir}`,
        `binary:        ${binary ? `${binary.path} (from ${binary.source})` : 'not found (run "llm-compare engine pull" or set engine.binaryPath)'}`,
        `model:         ${model ?? 'none'}${modelSize !== null ? ` (${(modelSize / 1e6).toFixed(1)} MB)` : engine.modelPath ? ' (missing)' : ` (not downloaded: ${engine.modelRepo} ${engine.modelFile})`}`,
        `settings:      threads ${engine.threads || 'auto'}, context ${engine.contextSize || 'model'}, GPU layers ${engine.gpuLayers}`,
        `running:       ${running ? `pid ${running.enginePid} at ${running.baseUrl}` : 'no engine started by "engine start"'}`,
      ].join('\n') + '\n',
    );
    return 0;
  }
  if (action === 'pull') return pullModel(io, resolve, values, cacheDir);
  if (action === 'stop') {
    const running = readNote(notePath);
    if (!running) {
      io.stdout.write('No engine started by "llm-compare engine start" is running.\n');
      return 0;
    }
    try {
      process.kill(running.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(notePath, { force: true });
    io.stdout.write(`Stopped the engine (pid ${running.enginePid}, started by pid ${running.pid}).\n`);
    return 0;
  }
  if (action === 'start') {
    const ctx = await resolve(contextFlags(values));
    if (!ctx.engine) throw new UsageError('The built-in engine is not available here.');
    const engine = ctx.engine.engine();
    io.stderr.write('Starting the built-in engine…\n');
    const { baseUrl } = await engine.ensureStarted();
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(notePath, JSON.stringify({ pid: process.pid, enginePid: engine.pid() ?? -1, baseUrl } satisfies RunningNote));
    io.stdout.write(`Built-in engine ready at ${baseUrl} (pid ${engine.pid()}). Ctrl+C stops it.\n`);
    try {
      await new Promise<void>((done) => {
        if (io.signal?.aborted) return done();
        io.signal?.addEventListener('abort', () => done(), { once: true });
        process.once('SIGTERM', () => done()); // "engine stop" from another terminal
        engine.onStatus((s) => {
          if (s.state === 'failed' || s.state === 'stopped') done();
        });
      });
    } finally {
      await ctx.engine.stop();
      rmSync(notePath, { force: true });
    }
    const s = engine.status();
    if (s.state === 'failed') throw s.error;
    io.stdout.write('Stopped.\n');
    return 0;
  }
  throw new UsageError(action ? `Unknown engine action "${action}".` : 'Say what to do: engine status, start or stop.');
}

function readNote(file: string): RunningNote | null {
  try {
    const note = JSON.parse(readFileSync(file, 'utf8')) as RunningNote;
    if (!Number.isInteger(note.pid) || note.pid <= 0) return null;
    process.kill(note.pid, 0); // throws when it is gone
    return note;
  } catch {
    return null;
  }
}

async function pullModel(io: CliIO, resolve: ContextResolver, values: Record<string, unknown>, cacheDir: string): Promise<number> {
  const { settings } = await resolve(contextFlags(values));
  const engine = settings.engine ?? defaultEngineSettings();
  if (engine.modelPath) {
    io.stdout.write(`engine.modelPath is set (${engine.modelPath}): nothing to download.\n`);
    return 0;
  }
  const dest = modelFileOf(engine, cacheDir)!;
  const hubUrl = io.env.HF_HUB_URL || undefined;
  const file = await hubFile(engine.modelRepo, engine.modelFile, { hubUrl, signal: io.signal });
  if (existsSync(dest) && statSync(dest).size === file.size) {
    io.stdout.write(`${dest} is already downloaded and verified by size (${mb(file.size)}).\n`);
    return 0;
  }
  io.stderr.write(`Downloading ${engine.modelRepo}/${engine.modelFile} (${mb(file.size)}) into ${path.dirname(dest)}\n`);
  if (!file.sha256) io.stderr.write('The Hub publishes no SHA-256 for this file: it is checked by size only.\n');
  let shown = -1;
  const onProgress = (p: DownloadProgress) => {
    const pct = p.total ? Math.floor((p.received / p.total) * 100) : null;
    if (pct === null || pct < shown + 5) return;
    shown = pct;
    io.stderr.write(`${io.stderr.isTTY ? '\r' : ''}${pct}% of ${mb(p.total ?? 0)}${p.resumedFrom ? ` (resumed at ${mb(p.resumedFrom)})` : ''}${io.stderr.isTTY ? '' : '\n'}`);
  };
  const result = await downloadFile({ url: file.url, dest, size: file.size, ...(file.sha256 ? { sha256: file.sha256 } : {}), signal: io.signal, onProgress });
  if (io.stderr.isTTY) io.stderr.write('\n');
  io.stdout.write(`Saved ${result.path} (${mb(result.bytes)}${file.sha256 ? ', SHA-256 verified' : ''}). Remove it with: rm "${result.path}"\n`);
  return 0;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
