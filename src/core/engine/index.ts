/**
 * The built-in engine wired for a registry: one engine per settings, created lazily, handed to the registry as the
 * `llamacpp` provider. Used by the CLI and the extension alike.
 */
import type { Logger } from '../log';
import type { ModelRegistry } from '../providers/registry';
import type { Settings } from '../settings';
import { LlamaEngine } from './engine';
import { defaultEngineSettings, type EngineSettings } from './engine-settings';
import { LlamaCppProvider } from './llamacpp-provider';
import { requireBinary, requireModel } from './locate';

export interface EngineHost {
  /** Where downloads live (VS Code's global storage, or the CLI cache folder). */
  cacheDir?: string;
  env?: Record<string, string | undefined>;
  /** The engine's own output, line by line (the output channel; stderr with LLM_COMPARE_DEBUG). */
  onLog?: (line: string) => void;
  verbose?: boolean;
  log?: Logger;
}

/** Resolves the binary and model (throwing a ConfigError that says what to do when either is missing) and makes the engine. */
export function createEngine(settings: EngineSettings, host: EngineHost): LlamaEngine {
  const binary = requireBinary(settings, host.cacheDir, host.env);
  const model = requireModel(settings, host.cacheDir);
  return new LlamaEngine(
    { binary: binary.path, model, threads: settings.threads, contextSize: settings.contextSize, gpuLayers: settings.gpuLayers, port: settings.port, verbose: host.verbose },
    host.onLog,
  );
}

/**
 * Registers `llamacpp` on the registry: the engine is made (and its files looked for) only when a llamacpp model is
 * first used, so a setup without one never pays for it. Returns the lazily made engine's accessor and a stop.
 */
export interface AttachedEngine {
  /** The engine (made on first call; throws a ConfigError when its binary or model is missing). */
  engine(): LlamaEngine;
  /** Stops it if it was ever made. */
  stop(): Promise<void>;
}

export function attachEngine(registry: ModelRegistry, settings: Settings, host: EngineHost): AttachedEngine {
  let engine: LlamaEngine | null = null;
  const get = (): LlamaEngine => (engine ??= createEngine(settings.engine ?? defaultEngineSettings(), host));
  const handle = {
    ensureStarted: () => {
      try {
        return get().ensureStarted();
      } catch (e) {
        return Promise.reject(e);
      }
    },
    status: () => engine?.status() ?? { state: 'stopped' as const },
  };
  registry.registerProvider('llamacpp', new LlamaCppProvider(handle, { stallTimeoutMs: settings.requestTimeoutMs, log: host.log }));
  return { engine: get, stop: async () => void (await engine?.stop()) };
}
