/**
 * `llm-compare engine status|start|stop`: the built-in engine (llama.cpp's llama-server) from the command line.
 * `start` runs it in the foreground until Ctrl+C and notes its pid in the cache folder, so that `status` and `stop`
 * from another terminal can find it. The engine's key is never printed or written.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { defaultEngineSettings } from '../core/engine/engine-settings';
import { installedRelease } from '../core/engine/install';
import { findBinary, modelFileOf } from '../core/engine/locate';
import { planEngineSetup } from '../core/engine/setup';
import { mb, pullEngine } from './engine-pull';
import { CONTEXT_OPTIONS, contextFlags, parse, UsageError } from './args';
import { cliCacheDir, type ContextResolver } from './context';
import type { CliIO } from './io';

export const ENGINE_USAGE = `Usage: llm-compare engine status|pull|start|stop [--config file.json] [--yes] [--json]
  status   where the server and the model are (or would go), what a setup would download, whether an engine runs
           (--json: the same as one JSON object, the setup plan included)
  pull     download what is missing: llama.cpp's official llama-server for this platform (GitHub release, pinned by
           engine.releaseTag) and the model (engine.modelRepo / engine.modelFile, Hugging Face Hub), each verified by
           its published SHA-256; shows the plan and sizes, then asks (--yes: do not ask). Ctrl+C cancels, running it
           again resumes. Files already here are checked again.
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
  const { values, positionals } = parse(args, { ...CONTEXT_OPTIONS, yes: { type: 'boolean' }, json: { type: 'boolean' } });
  const [action] = positionals;
  const cacheDir = cliCacheDir(io.env);
  const notePath = path.join(cacheDir, 'engine-running.json');
  if (action === 'status') {
    const { settings } = await resolve(contextFlags(values));
    const engine = settings.engine ?? defaultEngineSettings();
    const binary = findBinary(engine, cacheDir, io.env);
    const release = binary?.source === 'cache' ? installedRelease(cacheDir) : null;
    const model = modelFileOf(engine, cacheDir);
    const modelSize = model && existsSync(model) ? statSync(model).size : null;
    const running = readNote(notePath);
    const planned = await planEngineSetup(engine, { cacheDir, env: io.env, signal: io.signal }).then(
      (plan) => ({ plan, error: null }),
      (e: unknown) => ({ plan: null, error: (e as Error).message }),
    );
    if (values.json) {
      io.stdout.write(JSON.stringify({ cacheDir, binary, release, model: model && { path: model, bytes: modelSize }, setup: planned.plan, setupError: planned.error, running }) + '\n');
      return 0;
    }
    const plan = planned.plan;
    const setup = !plan
      ? `cannot tell what a setup would download: ${planned.error}`
      : plan.downloadBytes === 0
        ? 'nothing to download'
        : `${plan.downloadBytes === null ? 'size unknown (a server did not say)' : mb(plan.downloadBytes)} to download: ${[plan.binary, plan.model].filter((f) => !f.present).map((f) => f.label).join(' + ')} ("llm-compare engine pull")`;
    io.stdout.write(
      [
        `cache folder:  ${cacheDir}`,
        `binary:        ${binary ? `${binary.path} (from ${binary.source}${release ? `, llama.cpp ${release.tag}` : ''})` : 'not found (run "llm-compare engine pull" or set engine.binaryPath)'}`,
        `model:         ${model ?? 'none'}${modelSize !== null ? ` (${(modelSize / 1e6).toFixed(1)} MB)` : engine.modelPath ? ' (missing)' : ` (not downloaded: ${engine.modelRepo} ${engine.modelFile})`}`,
        `setup:         ${setup}`,
        `settings:      threads ${engine.threads || 'auto'}, context ${engine.contextSize || 'model'}, GPU layers ${engine.gpuLayers}`,
        `running:       ${running ? `pid ${running.enginePid} at ${running.baseUrl}` : 'no engine started by "engine start"'}`,
      ].join('\n') + '\n',
    );
    return 0;
  }
  if (action === 'pull') return pullEngine(io, resolve, values, args, cacheDir);
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
